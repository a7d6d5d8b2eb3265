// The booking page in a real browser (Debian's Chromium driven by playwright-core) against the running system:
// a user logs in, chooses a concert, joins its waiting room and books a seat from queue token to confirmation, a
// new user signs up, and a user who arrives when every place of a concert's room is taken sees a waiting position; a
// refused access token leads back to the login form and the place in line is kept. Every user whose page is driven
// is signed up afresh, so no earlier test (or system test) can have left them a live place, a hold or a purchase.
// Run with ./run.sh (it installs what is missing); environment: support.js.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  ARTIFACTS, DEMO_USERS, GATEWAY, apiLogin, bookingConcerts, digits, expectText, freshUser, logIn,
  openPage, retrying, shuffle, startBrowser, stopBrowser, view,
} from './support.js';

const usedUsers = new Set();

before(startBrowser);
after(stopBrowser);

test('a user logs in and books a seat from queue token to confirmation', { timeout: 300_000 }, async () => {
  const { page, problems, uncredentialedApiCalls, accessTokens } = await openPage();
  const { username, password } = await freshUser();
  const candidates = await bookingConcerts(await apiLogin(username, password));

  await logIn(page, username, password);
  await expectText(page.locator('#who-text'), (text) => text === username, `${username} greeted`);
  await page.waitForSelector('#concert-list button');

  // a network failure is a readable message, and the page stays usable
  await page.route('**/api/queue/tokens', (route) => route.abort('internetdisconnected'), { times: 1 });
  await page.locator('#concert-list button').first().click();
  await expectText(page.locator('#error-text'), /Cannot reach the ticket service/);
  assert.equal(await view(page), 'start');

  // any concert with a date that still has seats; only such dates are offered
  await joinARoomAndChooseADateWithSeats(page, candidates, {
    onFirstJoin: async () => {
      if (await view(page) === 'waiting') {
        await assertWaitingPosition(page);
        await page.screenshot({ path: join(ARTIFACTS, 'waiting-room-first-user.png'), fullPage: true });
      }
    },
  });

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
  assert.equal(await page.locator('#login-username').inputValue(), username, 'the username is kept');
  await logIn(page, username, password, 'hold');
  await expectText(page.locator('#hold-what'), new RegExp(`^Seat ${seatNumber} ·`));
  assert.equal(await page.evaluate(() => JSON.parse(sessionStorage.getItem('ticketing.session')).token), token,
    'the same queue token after the new login');
  await page.getByLabel('Charge points').fill('');

  // a refused charge shows the server's own words
  const bearer = await apiLogin(username, password);
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
  await logIn(page, username, password, 'done');
  assert.equal(await page.locator('#done-seat').textContent(), `Seat ${seatNumber}`);

  assert.deepEqual(uncredentialedApiCalls, [], 'every API call but login and sign-up sends the access token, and '
    + 'every one but those that need the login only also X-Queue-Token');
  assert.deepEqual(problems, [], 'no script errors in the page');
  await page.context().close();
});

test('a user holds several seats together, cancels them and sees it in My tickets', { timeout: 300_000 }, async () => {
  const { page, problems } = await openPage();
  const { username, password } = await freshUser();
  const candidates = await bookingConcerts(await apiLogin(username, password));

  await logIn(page, username, password);
  await page.waitForSelector('#concert-list button');
  await joinARoomAndChooseADateWithSeats(page, candidates);
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
  await page.getByLabel('Username', { exact: true }).fill(`user${1 + Math.floor(Math.random() * DEMO_USERS)}`);
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
  await page.locator('#concert-list button').first().click();
  await page.waitForSelector('body[data-view="prequeue"], body[data-view="waiting"], body[data-view="dates"]');

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
  // a fresh user: a demo user could still hold a live place in the room from an earlier test, and the room would
  // answer with it (admitted at once) instead of a place at the back of the line
  const { username, password } = await freshUser();
  const concert = (await bookingConcerts(await apiLogin(username, password)))[0];
  const filled = await fillCapacity(concert.id);
  const { page, problems } = await openPage();

  await logIn(page, username, password);
  await page.locator(`#concert-list button[data-concert-id="${concert.id}"]`).click();
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
  await logIn(page, username, password, 'waiting');
  await assertWaitingPosition(page);
  assert.equal(await page.evaluate(() => JSON.parse(sessionStorage.getItem('ticketing.session')).token), token);

  // a reload keeps the place too: log in again, same token, still waiting
  await page.reload();
  await page.waitForSelector('body[data-view="login"]');
  await logIn(page, username, password, 'waiting');
  await assertWaitingPosition(page);
  assert.equal(await page.evaluate(() => JSON.parse(sessionStorage.getItem('ticketing.session')).token), token);

  assert.deepEqual(problems, [], 'no script errors in the page');
  await page.context().close();
  console.log(`# concert ${concert.id}'s room filled with ${filled} tokens; the page user ${username} waited at position ${position}`);
});

// ---- helpers -----------------------------------------------------------------------------------------------------

/**
 * From the start view: joins the room of one of `candidates` (in random order), waits until admitted, and picks the
 * first date that still has seats; a concert without one sends the user back to the concert list and the next
 * concert's room. Answers the concert chosen.
 */
async function joinARoomAndChooseADateWithSeats(page, candidates, { onFirstJoin } = {}) {
  let first = true;
  for (const concert of shuffle([...candidates])) {
    await page.locator(`#concert-list button[data-concert-id="${concert.id}"]`).click();
    await page.waitForSelector('body[data-view="waiting"], body[data-view="dates"]');
    if (first && onFirstJoin) await onFirstJoin(concert);
    first = false;
    // admitted by the queue's own ticks; the page polls when the room says and moves on by itself
    await page.waitForSelector('body[data-view="dates"]', { timeout: 240_000 });
    await expectText(page.locator('#dates-concert'), (text) => text === concert.title, concert.title);
    const dates = page.locator('#date-list button');
    if (await dates.count() > 0) {
      await dates.first().click();
      return concert;
    }
    await page.getByRole('button', { name: /Other concerts/ }).click();
    await page.waitForSelector('body[data-view="start"]');
    await page.waitForSelector('#concert-list button');
  }
  assert.fail('no concert has a date with seats left');
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

async function assertWaitingPosition(page) {
  const text = await page.locator('#position').textContent();
  assert.match(text, /^\d+$/, `the waiting room shows a position, not "${text}"`);
  return Number(text);
}

/** A demo user not yet used by this file (the fillers of a room; the page users are fresh ones). */
function pickUser() {
  for (;;) {
    const id = 1 + Math.floor(Math.random() * DEMO_USERS);
    if (!usedUsers.has(id)) {
      usedUsers.add(id);
      return id;
    }
  }
}

async function takeToken(userId, concertId) {
  const bearer = await apiLogin(`user${userId}`);
  const response = await retrying(() => fetch(`${GATEWAY}/api/queue/tokens`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: bearer },
    body: JSON.stringify({ concertId }),
  }));
  if (!response.ok) assert.fail(`taking a token for user ${userId}: ${response.status} ${await response.text()}`);
  return { ...(await response.json()), bearer };
}

/**
 * Takes tokens of concert `concertId`'s room for other demo users until a fresh one stays WAITING past an admission
 * tick: every place is taken. At least FILL_USERS (60); more only if the room still admits them; then WAITING_BUFFER
 * (100, the test run's QUEUE_CAPACITY) more, so the line ahead of the page user outlasts any wave of expiring places.
 * A filler that still held a live place there from an earlier test keeps it (it fills the room all the same).
 */
async function fillCapacity(concertId) {
  const minimum = Number(process.env.FILL_USERS ?? 60);
  const tick = Number(process.env.ADMISSION_WAIT_MS ?? 2500);
  let issued = 0;
  let last;
  const batch = async (size) => {
    const ids = Array.from({ length: size }, pickUser);
    for (let i = 0; i < ids.length; i += 10) {
      const answers = await Promise.all(ids.slice(i, i + 10).map((id) => takeToken(id, concertId)));
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
  assert.fail(`the room of concert ${concertId} still admits after ${issued} tokens`);
}
