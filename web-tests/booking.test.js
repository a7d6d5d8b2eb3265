// The booking page in a real browser (Debian's Chromium driven by playwright-core) against the running system:
// a demo user logs in and books a seat from queue token to confirmation, a new user signs up, and a user who arrives
// when every place is taken sees a waiting position; a refused access token leads back to the login form and the
// place in line is kept. Run with ./run.sh (it installs what is missing). Environment:
//   GATEWAY_URL  the running gateway (default http://127.0.0.1:8080)
//   PAGE         gateway: the page as the gateway serves it at / (default)
//                files:   the page files served by this test on another origin with ?api=GATEWAY_URL (exercises CORS)
//   CHROMIUM     the browser binary (default /usr/bin/chromium)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const GATEWAY = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
const PAGE_MODE = process.env.PAGE ?? 'gateway';
const ARTIFACTS = join(here, 'artifacts');
const STATIC_DIR = resolve(here, '../gateway-service/src/main/resources/static');
const DEMO_USERS = 1000;
const DEMO_PASSWORD = 'demo-password';

let browser;
let staticServer;
let pageUrl;
const usedUsers = new Set();

before(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  const health = await fetch(`${GATEWAY}/actuator/health`).catch((e) => assert.fail(`No gateway at ${GATEWAY}: ${e.message}`));
  assert.equal(health.status, 200, `the gateway at ${GATEWAY} is not healthy`);
  if (PAGE_MODE === 'files') {
    staticServer = await serveStatic(STATIC_DIR);
    pageUrl = `http://127.0.0.1:${staticServer.address().port}/?api=${encodeURIComponent(GATEWAY)}`;
  } else {
    pageUrl = `${GATEWAY}/`;
    const page = await fetch(pageUrl);
    const body = await page.text();
    assert.ok(page.ok && body.includes('id="view-start"'),
      `the gateway does not serve the booking page at ${pageUrl} (answered ${page.status}); PAGE=files serves the files here`);
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});

after(async () => {
  await browser?.close();
  staticServer?.close();
});

test('a user logs in and books a seat from queue token to confirmation', { timeout: 300_000 }, async () => {
  const { page, problems, uncredentialedApiCalls, accessTokens } = await openPage();
  const userId = pickUser();

  await logIn(page, `user${userId}`);
  await expectText(page.locator('#who-text'), (text) => text === `user${userId}`, `user${userId} greeted`);
  await page.getByRole('button', { name: 'Take a queue token' }).click();
  await page.waitForSelector('body[data-view="waiting"], body[data-view="concerts"]');
  if (await view(page) === 'waiting') {
    await assertWaitingPosition(page);
    await page.screenshot({ path: join(ARTIFACTS, 'waiting-room-first-user.png'), fullPage: true });
  }
  // admitted by the queue's own ticks; the page polls every 5 s and moves on by itself
  await page.waitForSelector('body[data-view="concerts"]', { timeout: 240_000 });

  // a network failure is a readable message, and the page stays usable
  await page.route('**/api/concerts/*/dates', (route) => route.abort('internetdisconnected'), { times: 1 });
  const concerts = page.locator('#concert-list button');
  await concerts.first().click();
  await expectText(page.locator('#error-text'), /Cannot reach the ticket service/);
  assert.equal(await view(page), 'concerts');

  // any concert with a date that still has seats; only such dates are offered
  await chooseADateWithSeats(page);

  await page.waitForSelector('body[data-view="seats"]');
  const available = page.locator('#seat-map button.available');
  const count = await available.count();
  assert.ok(count > 0, 'the date offered has no available seat');
  assert.equal(await page.locator('#seat-map button.sold:not(:disabled), #seat-map button.held:not(:disabled)').count(), 0,
    'held and sold seats must not be clickable');
  const seat = available.nth(Math.floor(Math.random() * count));
  const seatLabel = await seat.getAttribute('aria-label');
  const seatNumber = Number(/^Seat (\d+)/.exec(seatLabel)[1]);
  await seat.click();
  assert.equal(await seat.getAttribute('aria-pressed'), 'true');
  await page.screenshot({ path: join(ARTIFACTS, 'seat-map.png'), fullPage: true });

  await page.getByRole('button', { name: `Hold seat ${seatNumber}` }).click();
  await page.waitForSelector('body[data-view="hold"]');
  await expectText(page.locator('#hold-what'), new RegExp(`^Seat ${seatNumber} ·`));
  await expectText(page.locator('#balance'), /\d/);
  const first = await page.locator('#countdown').textContent();
  assert.match(first, /^\d+:\d\d$/, 'the hold shows a countdown');
  await expectText(page.locator('#countdown'), (text) => text !== first && /^\d+:\d\d$/.test(text), 'the countdown runs');
  await page.screenshot({ path: join(ARTIFACTS, 'hold-countdown.png'), fullPage: true });

  // a refused access token (expired, say) leads to the login form; logging in again resumes the hold
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('ticketing.session')).token);
  await refuseTheNextAccessToken(page, '**/api/points/charges');
  await page.getByLabel('Charge points').fill('1');
  await page.getByRole('button', { name: 'Charge', exact: true }).click();
  await page.waitForSelector('body[data-view="login"]');
  await expectText(page.locator('#login-why'), /place in line is kept/);
  assert.equal(await page.locator('#login-username').inputValue(), `user${userId}`, 'the username is kept');
  await logIn(page, `user${userId}`, DEMO_PASSWORD, 'hold');
  await expectText(page.locator('#hold-what'), new RegExp(`^Seat ${seatNumber} ·`));
  assert.equal(await page.evaluate(() => JSON.parse(sessionStorage.getItem('ticketing.session')).token), token,
    'the same queue token after the new login');
  await page.getByLabel('Charge points').fill('');

  // a refused charge shows the server's own words
  const bearer = await apiLogin(userId);
  const refusal = await (await fetch(`${GATEWAY}/api/points/charges`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Queue-Token': token, Authorization: bearer },
    body: '{"amount":-5}',
  })).json();
  assert.equal(refusal.code, 'AMOUNT_NOT_CHARGEABLE');
  await page.getByLabel('Charge points').fill('-5');
  await page.getByRole('button', { name: 'Charge', exact: true }).click();
  await expectText(page.locator('#error-text'), (text) => text === refusal.detail, `shows "${refusal.detail}"`);

  // an accepted charge shows the new balance
  const before = digits(await page.locator('#balance').textContent());
  await page.getByLabel('Charge points').fill('1000');
  await page.getByRole('button', { name: 'Charge', exact: true }).click();
  await expectText(page.locator('#balance'), (text) => digits(text) === before + 1000, `a balance of ${before + 1000}`);
  assert.ok(await page.locator('#error').isHidden(), 'the refusal is gone after a successful charge');

  // enough points for the price: charge the difference first when the balance is short
  const price = digits(await page.locator('#price').textContent());
  if (digits(await page.locator('#balance').textContent()) < price) {
    await page.getByLabel('Charge points').fill(String(price));
    await page.getByRole('button', { name: 'Charge', exact: true }).click();
    await expectText(page.locator('#balance'), (text) => digits(text) >= price, 'the balance covers the price');
  }

  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await page.waitForSelector('body[data-view="done"]', { timeout: 60_000 });
  assert.equal(await page.locator('#done-seat').textContent(), `Seat ${seatNumber}`);
  assert.equal(await page.locator('#done-status').textContent(), 'Sold to you');
  assert.equal(digits(await page.locator('#done-paid').textContent()), price);
  await page.waitForSelector('#done-token.used', { timeout: 60_000 });
  await expectText(page.locator('#done-token'), /used up/);
  await page.screenshot({ path: join(ARTIFACTS, 'confirmation.png'), fullPage: true });

  // the queue really took the token back
  const me = await fetch(`${GATEWAY}/api/queue/tokens/me`, { headers: { 'X-Queue-Token': token, Authorization: bearer } });
  assert.equal(me.status, 401);
  assert.equal((await me.json()).code, 'TOKEN_EXPIRED');

  // the access token was kept in memory only: nothing the page stores holds it
  const stored = await page.evaluate(() => JSON.stringify({ session: { ...sessionStorage }, local: { ...localStorage },
    cookies: document.cookie }));
  assert.ok(accessTokens.size > 0, 'the page sent an access token');
  for (const sent of accessTokens) assert.ok(!stored.includes(sent), 'no access token in sessionStorage, localStorage or cookies');

  // a reload forgets the login (it lived in memory) and resumes from sessionStorage once logged in again
  await page.reload();
  await page.waitForSelector('body[data-view="login"]');
  await logIn(page, `user${userId}`, DEMO_PASSWORD, 'done');
  assert.equal(await page.locator('#done-seat').textContent(), `Seat ${seatNumber}`);

  assert.deepEqual(uncredentialedApiCalls, [], 'every API call but login and sign-up sends the access token, and '
    + 'every one but taking a queue token also X-Queue-Token');
  assert.deepEqual(problems, [], 'no script errors in the page');
  await page.context().close();
});

test('a user holds several seats together, cancels them and sees it in My tickets', { timeout: 300_000 }, async () => {
  const { page, problems } = await openPage();
  const userId = pickUser();

  await logIn(page, `user${userId}`);
  await page.getByRole('button', { name: 'Take a queue token' }).click();
  await page.waitForSelector('body[data-view="concerts"]', { timeout: 240_000 });
  await chooseADateWithSeats(page);
  await page.waitForSelector('body[data-view="seats"]');
  const available = page.locator('#seat-map button.available');
  assert.ok(await available.count() >= 2, 'the date offered has fewer than two available seats');
  const numbers = [];
  for (const index of [0, 1]) {
    const seat = available.nth(index);
    numbers.push(Number(/^Seat (\d+)/.exec(await seat.getAttribute('aria-label'))[1]));
    await seat.click();
    assert.equal(await seat.getAttribute('aria-pressed'), 'true');
  }
  numbers.sort((a, b) => a - b);
  await expectText(page.locator('#seat-choice'), new RegExp(`^Seats ${numbers.join(', ')} ·`));

  await page.getByRole('button', { name: 'Hold 2 seats' }).click();
  await page.waitForSelector('body[data-view="hold"]');
  await expectText(page.locator('#hold-what'), new RegExp(`^Seats ${numbers.join(', ')} ·`));
  await page.screenshot({ path: join(ARTIFACTS, 'group-hold.png'), fullPage: true });

  await page.getByRole('button', { name: 'Cancel this hold' }).click();
  await page.waitForSelector('body[data-view="seats"]');
  await expectText(page.locator('#status'), /cancelled/);
  for (const number of numbers) {
    assert.equal(await page.locator(`#seat-map button[aria-label^="Seat ${number},"]`).getAttribute('data-status'),
      'AVAILABLE', `seat ${number} is available again`);
  }

  await page.getByRole('button', { name: 'My tickets' }).click();
  await page.waitForSelector('body[data-view="tickets"]');
  await expectText(page.locator('#ticket-list li').first(), new RegExp(`Seats ${numbers.join(', ')} · .* · cancelled`));
  await page.screenshot({ path: join(ARTIFACTS, 'my-tickets.png'), fullPage: true });
  await page.getByRole('button', { name: '← Back to booking' }).click();
  await page.waitForSelector('body[data-view="seats"]');
  assert.deepEqual(problems, [], 'no script errors in the page');
  await page.context().close();
});

test('a new user signs up, is logged in and takes a place in line', { timeout: 120_000 }, async () => {
  const { page, problems, uncredentialedApiCalls } = await openPage();
  const username = `web-${Math.random().toString(36).slice(2, 10)}`;
  const password = `a long passphrase ${Math.random().toString(36).slice(2)}`;

  // a wrong password is refused in the server's words, and the page stays on the login form
  await page.getByLabel('Username', { exact: true }).fill(`user${pickUser()}`);
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expectText(page.locator('#error-text'), /\S/, 'a refusal');
  assert.equal(await view(page), 'login');

  // a password the server refuses (the username itself) is explained, and nothing is created
  await page.getByLabel('Choose a username').fill(username);
  await page.getByLabel('Choose a password').fill(username);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expectText(page.locator('#error-text'), /\S/, 'the refusal of the password');
  assert.equal(await view(page), 'login');
  await page.screenshot({ path: join(ARTIFACTS, 'login.png'), fullPage: true });

  await page.getByLabel('Choose a password').fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForSelector('body[data-view="start"]');
  await expectText(page.locator('#who-text'), (text) => text === username, `${username} greeted`);
  await page.getByRole('button', { name: 'Take a queue token' }).click();
  await page.waitForSelector('body[data-view="waiting"], body[data-view="concerts"]');

  // the account is real: the API logs the new user in too
  const login = await fetch(`${GATEWAY}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  assert.equal(login.status, 200);
  assert.deepEqual(uncredentialedApiCalls, []);
  assert.deepEqual(problems, [], 'no script errors in the page');
  await page.context().close();
});

test('a user arriving when every place is taken sees a waiting position', { timeout: 300_000 }, async () => {
  const filled = await fillCapacity();
  const { page, problems } = await openPage();
  const userId = pickUser();

  await logIn(page, `user${userId}`);
  await page.getByRole('button', { name: 'Take a queue token' }).click();
  await page.waitForSelector('body[data-view="waiting"]');
  const position = await assertWaitingPosition(page);
  assert.ok(position >= 0);
  await expectText(page.locator('#wait'), /about \d+ (s|min|h)/);
  assert.ok(await page.locator('#progress').isVisible(), 'a progress bar');
  await page.screenshot({ path: join(ARTIFACTS, 'waiting-room.png'), fullPage: true });

  // a refused access token while waiting: back to the login form, and after it the same place in line
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('ticketing.session')).token);
  await refuseTheNextAccessToken(page, '**/api/queue/tokens/me');
  // the page asks again only after refreshAfterSeconds, which grows with the line ahead (at most 60 s)
  await page.waitForSelector('body[data-view="login"]', { timeout: 90_000 });
  await logIn(page, `user${userId}`, DEMO_PASSWORD, 'waiting');
  await assertWaitingPosition(page);
  assert.equal(await page.evaluate(() => JSON.parse(sessionStorage.getItem('ticketing.session')).token), token);

  // a reload keeps the place too: log in again, same token, still waiting
  await page.reload();
  await page.waitForSelector('body[data-view="login"]');
  await logIn(page, `user${userId}`, DEMO_PASSWORD, 'waiting');
  await assertWaitingPosition(page);
  assert.equal(await page.evaluate(() => JSON.parse(sessionStorage.getItem('ticketing.session')).token), token);

  assert.deepEqual(problems, [], 'no script errors in the page');
  await page.context().close();
  console.log(`# capacity filled with ${filled} tokens; the page user ${userId} waited at position ${position}`);
});

// ---- helpers -----------------------------------------------------------------------------------------------------

/** From the concert list: a concert with a date that still has seats, in random order, and its first such date. */
async function chooseADateWithSeats(page) {
  const concerts = page.locator('#concert-list button');
  for (const index of shuffle([...Array(await concerts.count()).keys()])) {
    await concerts.nth(index).click();
    await page.waitForSelector('body[data-view="dates"]');
    const dates = page.locator('#date-list button');
    if (await dates.count() > 0) {
      await dates.first().click();
      return;
    }
    await page.getByRole('button', { name: '← Other concerts' }).click();
    await page.waitForSelector('body[data-view="concerts"]');
  }
  assert.fail('no concert has a date with seats left');
}

async function openPage() {
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
    const issuing = url.pathname === '/api/queue/tokens' && request.method() === 'POST';
    const bearer = /^Bearer (.+)$/.exec(request.headers().authorization ?? '')?.[1];
    if (bearer) accessTokens.add(bearer);
    const missing = publicCall ? (bearer || request.headers()['x-queue-token'] ? 'no credentials expected' : null)
      : !bearer ? 'no access token' : !issuing && !request.headers()['x-queue-token'] ? 'no queue token' : null;
    if (missing) uncredentialedApiCalls.push(`${request.method()} ${url.pathname}: ${missing}`);
  });
  await page.goto(pageUrl);
  await page.waitForSelector('body[data-view="login"]');
  return { page, problems, uncredentialedApiCalls, accessTokens };
}

/** Logs in through the page's form and waits for the view it leads to. */
async function logIn(page, username, password = DEMO_PASSWORD, then = 'start') {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForSelector(`body[data-view="${then}"]`);
}

/**
 * The next request to `pattern` goes out with a broken access token (its signature changed), so the real gateway
 * refuses it as it refuses an expired one: 401 ACCESS_TOKEN_INVALID.
 */
async function refuseTheNextAccessToken(page, pattern) {
  await page.route(pattern, (route) => {
    const headers = { ...route.request().headers() };
    const [header, payload, signature] = headers.authorization.replace(/^Bearer /, '').split('.');
    const broken = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    route.continue({ headers: { ...headers, authorization: `Bearer ${header}.${payload}.${broken}` } });
  }, { times: 1 });
}

/** A demo user's `Authorization` header value, logged in through the API. */
async function apiLogin(userId) {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${GATEWAY}/api/auth/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: `user${userId}`, password: DEMO_PASSWORD }),
    });
    if (response.ok) return `Bearer ${(await response.json()).accessToken}`;
    if ((response.status === 429 || response.status === 503) && attempt < 20) {
      await new Promise((r) => setTimeout(r, 1000 * (Number(response.headers.get('Retry-After')) || 1)));
      continue;
    }
    assert.fail(`logging in user${userId}: ${response.status} ${await response.text()}`);
  }
}

async function assertWaitingPosition(page) {
  const text = await page.locator('#position').textContent();
  assert.match(text, /^\d+$/, `the waiting room shows a position, not "${text}"`);
  return Number(text);
}

const view = (page) => page.evaluate(() => document.body.dataset.view);

async function expectText(locator, expected, what = String(expected)) {
  const matches = typeof expected === 'function' ? expected : (text) => expected.test(text);
  const deadline = Date.now() + 20_000;
  let text;
  while (Date.now() < deadline) {
    text = (await locator.textContent()) ?? '';
    if (matches(text)) return text;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`expected ${what}, the page shows "${text}"`);
}

const digits = (text) => Number(String(text).replace(/\D/g, ''));

function shuffle(items) {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function pickUser() {
  for (;;) {
    const id = 1 + Math.floor(Math.random() * DEMO_USERS);
    if (!usedUsers.has(id)) {
      usedUsers.add(id);
      return id;
    }
  }
}

async function takeToken(userId) {
  const bearer = await apiLogin(userId);
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${GATEWAY}/api/queue/tokens`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: bearer }, body: '{}',
    });
    if (response.ok) return { ...(await response.json()), bearer };
    // the gateway limits issuance per client address; everyone here comes from one
    if ((response.status === 429 || response.status === 503) && attempt < 20) {
      await new Promise((r) => setTimeout(r, 1000 * (Number(response.headers.get('Retry-After')) || 1)));
      continue;
    }
    assert.fail(`taking a token for user ${userId}: ${response.status} ${await response.text()}`);
  }
}

/**
 * Takes tokens for other demo users until a fresh one stays WAITING past an admission tick: every place is taken.
 * At least FILL_USERS (60); more only if the queue still admits them; then WAITING_BUFFER (100, the test run's
 * QUEUE_CAPACITY) more, so the line ahead of the page user outlasts any wave of expiring places.
 */
async function fillCapacity() {
  const minimum = Number(process.env.FILL_USERS ?? 60);
  const tick = Number(process.env.ADMISSION_WAIT_MS ?? 2500);
  let issued = 0;
  let last;
  const batch = async (size) => {
    const ids = Array.from({ length: size }, pickUser);
    for (let i = 0; i < ids.length; i += 10) {
      const answers = await Promise.all(ids.slice(i, i + 10).map(takeToken));
      last = answers.at(-1);
      issued += answers.length;
    }
  };
  await batch(minimum);
  while (issued < 500) {
    await new Promise((r) => setTimeout(r, tick));
    const status = await (await fetch(`${GATEWAY}/api/queue/tokens/me`, {
      headers: { 'X-Queue-Token': last.token, Authorization: last.bearer },
    })).json();
    if (status.status === 'WAITING') {
      // a line one capacity deep behind the first waiting token: the places of tokens issued together expire
      // together, and until the page user has clicked they could admit a short line and the user with it
      await batch(Number(process.env.WAITING_BUFFER ?? 100));
      return issued;
    }
    await batch(20);
  }
  assert.fail(`the queue still admits after ${issued} tokens`);
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
