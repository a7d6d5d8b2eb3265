// What the browser tests share: the browser and the page's address, opening a page that records what it sends,
// logging in through a form or the API, fresh users, the operator, and waiting for the page to show something.
//   GATEWAY_URL         the running gateway (default http://127.0.0.1:8080)
//   PAGE                gateway: the pages as the gateway serves them (default)
//                       files:   the page files served by these tests on another origin with ?api=GATEWAY_URL (CORS)
//   CHROMIUM            the browser binary (default /usr/bin/chromium)
//   OPENING_CONCERT_ID  the concert whose room the scheduled-opening tests schedule (default: the last concert);
//                       the booking tests use the other concerts' rooms
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
export const GATEWAY = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
const PAGE_MODE = process.env.PAGE ?? 'gateway';
export const ARTIFACTS = join(here, 'artifacts');
const STATIC_DIR = resolve(here, '../gateway-service/src/main/resources/static');
export const DEMO_USERS = 1000;
export const DEMO_PASSWORD = 'demo-password';
export const OPERATOR = { username: 'operator', password: 'operator-password' };

let browser;
let staticServer;
let base;

/** Starts Chromium and finds the pages (before every test file); `stopBrowser` after it. */
export async function startBrowser() {
  await mkdir(ARTIFACTS, { recursive: true });
  const health = await fetch(`${GATEWAY}/actuator/health`).catch((e) => assert.fail(`No gateway at ${GATEWAY}: ${e.message}`));
  assert.equal(health.status, 200, `the gateway at ${GATEWAY} is not healthy`);
  if (PAGE_MODE === 'files') {
    staticServer = await serveStatic(STATIC_DIR);
    base = { origin: `http://127.0.0.1:${staticServer.address().port}/`, query: `?api=${encodeURIComponent(GATEWAY)}` };
  } else {
    base = { origin: `${GATEWAY}/`, query: '' };
    for (const [file, marker] of [['', 'id="view-start"'], ['ops.html', 'id="view-room"']]) {
      const page = await fetch(base.origin + file);
      const body = await page.text();
      assert.ok(page.ok && body.includes(marker), `the gateway does not serve the page /${file} (answered `
        + `${page.status}); rebuild it (./bin/run), or PAGE=files serves the files here`);
    }
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export async function stopBrowser() {
  await browser?.close();
  staticServer?.close();
}

/**
 * A new browser context on the booking page (`file` '') or the operator page ('ops.html'), waiting for its login
 * form. It records script errors, the access tokens sent, and every API call sent without the credentials it needs:
 * all but login and sign-up carry the access token; all but those that need the login only (the concert list, a
 * room's public view, joining a room, the operator's routes) also X-Queue-Token.
 */
export async function openPage(file = '') {
  const context = await browser.newContext({ viewport: { width: 960, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems = [];
  const uncredentialedApiCalls = [];
  const accessTokens = new Set();
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/api/') || request.method() === 'OPTIONS') return;
    const publicCall = ['/api/auth/login', '/api/users'].includes(url.pathname);
    const loginOnly = (url.pathname === '/api/queue/tokens' && request.method() === 'POST')
      || url.pathname === '/api/concerts' || url.pathname.startsWith('/api/rooms/')
      || url.pathname.startsWith('/api/ops/');
    const bearer = /^Bearer (.+)$/.exec(request.headers().authorization ?? '')?.[1];
    if (bearer) accessTokens.add(bearer);
    const missing = publicCall ? (bearer || request.headers()['x-queue-token'] ? 'no credentials expected' : null)
      : !bearer ? 'no access token' : !loginOnly && !request.headers()['x-queue-token'] ? 'no queue token' : null;
    if (missing) uncredentialedApiCalls.push(`${request.method()} ${url.pathname}: ${missing}`);
  });
  await page.goto(base.origin + file + base.query);
  await page.waitForSelector('body[data-view="login"]');
  return { page, problems, uncredentialedApiCalls, accessTokens };
}

/** Logs in through the page's form and waits for the view it leads to. */
export async function logIn(page, username, password = DEMO_PASSWORD, then = 'start') {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForSelector(`body[data-view="${then}"]`);
}

/**
 * A user nobody has used yet (signed up through the API), so no earlier test can have left them a live place in a
 * room, a hold or a purchase: `{ username, password }`.
 */
export async function freshUser(prefix = 'web') {
  const username = `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
  const password = `a long passphrase ${Math.random().toString(36).slice(2)}`;
  const created = await retrying(() => fetch(`${GATEWAY}/api/users`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  }));
  assert.equal(created.status, 201, `signing up ${username}: ${created.status} ${await created.text()}`);
  return { username, password };
}

/** The `Authorization` header value of a login through the API. */
export async function apiLogin(username, password = DEMO_PASSWORD) {
  const response = await retrying(() => fetch(`${GATEWAY}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  }));
  if (!response.ok) assert.fail(`logging in ${username}: ${response.status} ${await response.text()}`);
  return `Bearer ${(await response.json()).accessToken}`;
}

/** An API call with an access token: `{ status, body }` (the body parsed, or null). */
export async function call(method, path, bearer, body, headers = {}) {
  const response = await fetch(`${GATEWAY}${path}`, {
    method,
    headers: { Authorization: bearer, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Repeats a request the gateway throttles (every test comes from one address) or a busy service turns away. */
export async function retrying(send) {
  for (let attempt = 1; ; attempt += 1) {
    const response = await send();
    if ((response.status === 429 || response.status === 503) && attempt < 20) {
      await new Promise((r) => setTimeout(r, 1000 * (Number(response.headers.get('Retry-After')) || 1)));
      continue;
    }
    return response;
  }
}

/** The concerts of the catalogue (`GET /api/concerts`), in id order. */
export async function concerts(bearer) {
  const list = await call('GET', '/api/concerts', bearer);
  assert.equal(list.status, 200, `the concert list: ${JSON.stringify(list.body)}`);
  return [...list.body].sort((a, b) => a.id - b.id);
}

/** The concert whose room the scheduled-opening tests use. */
export async function openingConcert(bearer) {
  const all = await concerts(bearer);
  const id = Number(process.env.OPENING_CONCERT_ID ?? all.at(-1).id);
  return all.find((concert) => concert.id === id) ?? assert.fail(`no concert ${id} in the catalogue`);
}

/** The concerts the booking tests may use: every one but the scheduled-opening tests'. */
export async function bookingConcerts(bearer) {
  const opening = await openingConcert(bearer);
  return (await concerts(bearer)).filter((concert) => concert.id !== opening.id);
}

export const view = (page) => page.evaluate(() => document.body.dataset.view);

export async function expectText(locator, expected, what = String(expected), timeout = 20_000) {
  const matches = typeof expected === 'function' ? expected : (text) => expected.test(text);
  const deadline = Date.now() + timeout;
  let text;
  while (Date.now() < deadline) {
    text = (await locator.textContent()) ?? '';
    if (matches(text)) return text;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`expected ${what}, the page shows "${text}"`);
}

export const digits = (text) => Number(String(text).replace(/\D/g, ''));

export function shuffle(items) {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const CONTENT_TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon' };

/** The page files on a port of their own: another origin than the gateway, as a separately hosted frontend. */
function serveStatic(root) {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(root)) {
      response.writeHead(400).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  return new Promise((resolveServer) => server.listen(0, '127.0.0.1', () => resolveServer(server)));
}
