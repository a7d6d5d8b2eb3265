// The public API through the gateway (docs/conventions.md). Errors become ApiError with a readable message taken
// from the RFC 9457 problem body, so no caller ever has to show a raw status or a blank screen.

const TIMEOUT_MS = 15000;

export class ApiError extends Error {
  constructor(message, { status = 0, code = null, problem = null, retryAfter = null } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

/** `?api=http://host:8080` points the page at a gateway on another origin (it needs CORS there); default same origin. */
export function apiBase(search = location.search) {
  const api = new URLSearchParams(search).get('api');
  return api ? api.replace(/\/+$/, '') : '';
}

export function createClient(base, tokenOf) {
  async function request(method, path, body) {
    const headers = { Accept: 'application/json, application/problem+json' };
    const token = tokenOf();
    if (token) headers['X-Queue-Token'] = token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      const where = base || location.origin;
      const why = e.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : 'network error';
      throw new ApiError(`Cannot reach the ticket service at ${where} (${why}). Check your connection and try again.`);
    }
    const data = await readJson(response);
    if (response.ok) return data;
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    const problem = data && typeof data === 'object' ? data : null;
    const message = problem?.detail || problem?.title
      || `The server answered ${response.status}${response.statusText ? ' ' + response.statusText : ''}.`;
    throw new ApiError(message, {
      status: response.status,
      code: problem?.code ?? null,
      problem,
      retryAfter: Number.isFinite(retryAfter) ? retryAfter : null,
    });
  }

  return {
    takeToken: (userId) => request('POST', '/api/queue/tokens', { userId }),
    myToken: () => request('GET', '/api/queue/tokens/me'),
    concerts: () => request('GET', '/api/concerts'),
    dates: (concertId) => request('GET', `/api/concerts/${concertId}/dates`),
    seats: (concertId, dateId) => request('GET', `/api/concerts/${concertId}/dates/${dateId}/seats?all=true`),
    hold: (concertId, dateId, seatId) => request('POST', '/api/reservations', { concertId, dateId, seatId }),
    reservation: (id) => request('GET', `/api/reservations/${id}`),
    points: () => request('GET', '/api/points'),
    charge: (amount) => request('POST', '/api/points/charges', { amount }),
    pay: (reservationId) => request('POST', '/api/payments', { reservationId }),
  };
}

async function readJson(response) {
  const text = await response.text().catch(() => '');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
