// The public API through the gateway (docs/conventions.md). Errors become ApiError with a readable message taken
// from the RFC 9457 problem body, so no caller ever has to show a raw status or a blank screen. A logged-in user's
// requests carry two credentials: Authorization: Bearer <access token> (who they are) and X-Queue-Token: the waiting
// token (their place in line) on /api/queue/**, and once admitted the signed admission token on every other route (the
// gateway checks it without asking the queue); login and sign-up carry neither, and what needs the login only (the
// concert list, a room's public view, joining a room, the operator's controls) carries no queue token.

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

/** The 401 codes that mean the login is missing or no longer valid (expired, say): log in again. */
export const LOGIN_REFUSED = ['ACCESS_TOKEN_INVALID', 'UNAUTHENTICATED'];

/**
 * `credentials()` answers `{ accessToken, queueToken, admissionToken }`, read at each request (any may be missing).
 */
export function createClient(base, credentials) {
  async function request(method, path, body, { anonymous = false, loginOnly = false } = {}) {
    const headers = { Accept: 'application/json, application/problem+json' };
    const { accessToken, queueToken, admissionToken } = anonymous ? {} : credentials();
    if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
    const presented = loginOnly ? null : path.startsWith('/api/queue/') ? queueToken : (admissionToken || queueToken);
    if (presented) headers['X-Queue-Token'] = presented;
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
    logIn: (username, password) => request('POST', '/api/auth/login', { username, password }, { anonymous: true }),
    signUp: (username, password) => request('POST', '/api/users', { username, password }, { anonymous: true }),
    // the user is the access token's; the body names the concert whose waiting room they join
    takeToken: (concertId) => request('POST', '/api/queue/tokens', { concertId }, { loginOnly: true }),
    myToken: () => request('GET', '/api/queue/tokens/me'),
    // a user picks a concert before joining its room: the list and a room's public view need the login only
    concerts: () => request('GET', '/api/concerts', undefined, { loginOnly: true }),
    room: (concertId) => request('GET', `/api/rooms/${concertId}`, undefined, { loginOnly: true }),
    dates: (concertId) => request('GET', `/api/concerts/${concertId}/dates`),
    seats: (concertId, dateId) => request('GET', `/api/concerts/${concertId}/dates/${dateId}/seats?all=true`),
    // one seat is sent as seatId, as before; several of one date as seatIds, held all or nothing
    hold: (concertId, dateId, seatIds) => request('POST', '/api/reservations', seatIds.length === 1
      ? { concertId, dateId, seatId: seatIds[0] }
      : { concertId, dateId, seatIds }),
    reservation: (id) => request('GET', `/api/reservations/${id}`),
    myReservations: (page = 0, size = 20) => request('GET', `/api/reservations?page=${page}&size=${size}`),
    cancel: (id) => request('DELETE', `/api/reservations/${id}`),
    points: () => request('GET', '/api/points'),
    charge: (amount) => request('POST', '/api/points/charges', { amount }),
    pay: (reservationId) => request('POST', '/api/payments', { reservationId }),
    // the operator's controls (role OPERATOR; everyone else 403 ACCESS_DENIED)
    opsRoom: (concertId) => request('GET', `/api/ops/rooms/${concertId}`, undefined, { loginOnly: true }),
    opsAudit: (concertId) => request('GET', `/api/ops/rooms/${concertId}/audit`, undefined, { loginOnly: true }),
    opsLimits: (concertId, limits) => request('PATCH', `/api/ops/rooms/${concertId}`, limits, { loginOnly: true }),
    opsPause: (concertId) => request('POST', `/api/ops/rooms/${concertId}/pause`, undefined, { loginOnly: true }),
    opsResume: (concertId) => request('POST', `/api/ops/rooms/${concertId}/resume`, undefined, { loginOnly: true }),
    opsOpensAt: (concertId, opensAt) => request('PUT', `/api/ops/rooms/${concertId}/opens-at`, { opensAt },
      { loginOnly: true }),
  };
}

/** The claims of an access token (to greet the user; the gateway is what checks the token). */
export function claimsOf(accessToken) {
  try {
    const payload = accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)));
    return JSON.parse(json);
  } catch {
    return {};
  }
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
