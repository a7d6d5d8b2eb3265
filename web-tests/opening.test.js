// A scheduled opening in a real browser against the running system: the operator, on the operator page, watches a
// concert's room, changes its capacity and admission rate, pauses and resumes it, schedules and moves its opening
// (an opening in the past is refused in the API's words), and sees every change once in the audit log; a user who
// joins that room before the opening sees "opens in …", is admitted after it and books a seat; a user without the
// operator role is shown the 403 problem and no controls. The room is OPENING_CONCERT_ID's (support.js; default the
// last concert), and it must never have opened: an opening happens once (a fresh system, e.g. after
// infra/local/reset-data.sh, has such a room). Run with ./run.sh.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  ARTIFACTS, GATEWAY, OPERATOR, apiLogin, call, digits, expectText, freshUser, logIn, openPage, openingConcert, startBrowser,
  stopBrowser, view,
} from './support.js';

let operator;
let concert;

before(async () => {
  await startBrowser();
  operator = await apiLogin(OPERATOR.username, OPERATOR.password);
  concert = await openingConcert(operator);
  const room = await call('GET', `/api/ops/rooms/${concert.id}`, operator);
  assert.equal(room.status, 200, `the operator reads room ${concert.id}: ${JSON.stringify(room.body)}`);
  assert.ok(!room.body.openedAt, `concert ${concert.id}'s room opened at ${room.body.openedAt} already, and an opening `
    + 'happens once: run on a fresh system (infra/local/reset-data.sh) or set OPENING_CONCERT_ID');
  assert.ok(room.body.opensAt || (room.body.waiting === 0 && room.body.active === 0),
    `concert ${concert.id}'s room serves people first come, first served (${room.body.waiting} waiting, `
    + `${room.body.active} active): it cannot be given an opening; set OPENING_CONCERT_ID or wait until it empties`);
});
after(stopBrowser);

test('an operator changes a room live on the operator page and sees each change once in the audit log',
  { timeout: 180_000 }, async () => {
    const { page, problems, uncredentialedApiCalls } = await openPage('ops.html');
    const auditBefore = (await call('GET', `/api/ops/rooms/${concert.id}/audit`, operator)).body.length;

    await logIn(page, OPERATOR.username, OPERATOR.password, 'room');
    await page.getByLabel('Concert', { exact: true }).selectOption(String(concert.id));
    await page.getByRole('button', { name: 'Show this room' }).click();
    await expectText(page.locator('#room-title'), (text) => text === `Room of concert ${concert.id}`, 'the room');
    for (const figure of ['waiting', 'preQueued', 'active', 'admittedLastMinute']) {
      await expectText(page.locator(`#f-${figure}`), /^\d+$/, `${figure} as a number`);
    }
    await expectText(page.locator('#f-rate'), /per second/);
    const capacityBefore = digits(await page.locator('#s-capacity').textContent());

    // capacity and rate, applied at the next round: the room shows the new settings
    const capacity = capacityBefore === 150 ? 160 : 150;
    await page.getByLabel('Capacity (people admitted at once)').fill(String(capacity));
    await page.getByLabel('Admission round every (ms)').fill('1000');
    await page.getByRole('button', { name: 'Apply at the next round' }).click();
    await expectText(page.locator('#s-capacity'), (text) => text === String(capacity), `capacity ${capacity}`);
    await expectText(page.locator('#s-interval'), (text) => text === '1000 ms', 'a round every 1000 ms');

    // pause ("queue all") and resume
    await page.getByRole('button', { name: 'Pause admissions' }).click();
    await expectText(page.locator('#room-state'), (text) => text === 'paused', 'paused');
    assert.ok(await page.getByRole('button', { name: 'Pause admissions' }).isDisabled(), 'a paused room cannot pause');
    await page.getByRole('button', { name: 'Resume admissions' }).click();
    await expectText(page.locator('#room-state'), (text) => text !== 'paused', 'no longer paused');

    // an opening in the past is refused with the API's problem, and changes nothing
    const past = new Date(Date.now() - 3600_000);
    const refusal = await call('PUT', `/api/ops/rooms/${concert.id}/opens-at`, operator,
      { opensAt: past.toISOString() });
    assert.equal(refusal.status, 400);
    assert.equal(refusal.body.code, 'OPENS_AT_NOT_IN_FUTURE');
    await page.getByLabel('Opens at (your local time)').fill(localInput(past));
    await page.getByRole('button', { name: 'Set the opening' }).click();
    await expectText(page.locator('#error-text'), (text) => text.includes(refusal.body.detail)
      && text.includes('OPENS_AT_NOT_IN_FUTURE'), `the problem "${refusal.body.detail}"`);
    await page.screenshot({ path: join(ARTIFACTS, 'operator-refused.png'), fullPage: true });

    // schedule the opening, then move it later: the room is before its opening
    const first = new Date(Math.ceil((Date.now() + 10 * 60_000) / 1000) * 1000);
    const moved = new Date(first.getTime() + 5 * 60_000);
    for (const opensAt of [first, moved]) {
      await page.getByLabel('Opens at (your local time)').fill(localInput(opensAt));
      await page.getByRole('button', { name: 'Set the opening' }).click();
      await expectText(page.locator('#status'), (text) => text.startsWith('SET_OPENS_AT')
        && text.includes(opensAt.toISOString()), `the opening at ${opensAt.toISOString()} confirmed`);
    }
    await expectText(page.locator('#room-state'), (text) => text === 'before its opening', 'before its opening');
    assert.equal((await call('GET', `/api/rooms/${concert.id}`, operator)).body.opensAt.replace(/\.000Z$/, 'Z'),
      moved.toISOString().replace(/\.000Z$/, 'Z'), 'the room\'s public view names the moved opening');

    // every change once in the audit log, with before and after, and on the page's table
    const audit = (await call('GET', `/api/ops/rooms/${concert.id}/audit`, operator)).body.slice(auditBefore);
    assert.deepEqual(audit.map((entry) => entry.action),
      ['SET_LIMITS', 'PAUSE', 'RESUME', 'SET_OPENS_AT', 'SET_OPENS_AT'], 'one entry per change, none for the refusal');
    assert.equal(audit[0].before.capacity, capacityBefore);
    assert.equal(audit[0].after.capacity, capacity);
    assert.equal(audit[0].after.admissionIntervalMillis, 1000);
    assert.deepEqual([audit[1].before.paused, audit[1].after.paused], [false, true]);
    assert.deepEqual([audit[2].before.paused, audit[2].after.paused], [true, false]);
    assert.equal(Date.parse(audit[3].after.opensAt), first.getTime());
    assert.equal(Date.parse(audit[4].before.opensAt), first.getTime());
    assert.equal(Date.parse(audit[4].after.opensAt), moved.getTime());
    const operatorId = Number(JSON.parse(Buffer.from(operator.split('.')[1], 'base64url')).sub);
    assert.ok(audit.every((entry) => entry.operatorId === operatorId), 'each entry names the operator');
    const rows = page.locator('#audit-rows tr');
    await page.waitForFunction((n) => document.querySelectorAll('#audit-rows tr').length === n,
      auditBefore + audit.length);
    assert.deepEqual(await rows.evaluateAll((trs, n) => trs.slice(0, n).map((tr) => tr.dataset.action).reverse(),
      audit.length), audit.map((entry) => entry.action), 'newest first on the page');
    await expectText(rows.first(), (text) => text.includes(moved.toISOString()), 'the move, before and after');
    await page.screenshot({ path: join(ARTIFACTS, 'operator.png'), fullPage: true });

    assert.deepEqual(uncredentialedApiCalls, []);
    assert.deepEqual(problems, [], 'no script errors in the page');
    await page.context().close();
  });

test('a user who joins before a scheduled opening sees "opens in", is admitted after it and books a seat',
  { timeout: 300_000 }, async () => {
    // the opening shortly after the user has joined (the operator moves it; the room has not opened yet)
    const opensAt = new Date(Math.ceil((Date.now() + 40_000) / 1000) * 1000);
    const scheduled = await call('PUT', `/api/ops/rooms/${concert.id}/opens-at`, operator,
      { opensAt: opensAt.toISOString() });
    assert.equal(scheduled.status, 200, `scheduling the opening: ${JSON.stringify(scheduled.body)}`);
    const { page, problems, uncredentialedApiCalls } = await openPage();
    const { username, password } = await freshUser();

    await logIn(page, username, password);
    await page.locator(`#concert-list button[data-concert-id="${concert.id}"]`).click();
    await page.waitForSelector('body[data-view="prequeue"]');
    await expectText(page.locator('#prequeue-concert'), (text) => text === concert.title, concert.title);
    const first = await expectText(page.locator('#opens-in'), /^\d+:\d\d$/, 'a countdown');
    await expectText(page.locator('#opens-in'), (text) => /^\d+:\d\d$/.test(text) && text !== first,
      'the countdown runs');
    await expectText(page.locator('#opens-at'), /The sale opens at/);
    await page.screenshot({ path: join(ARTIFACTS, 'opens-in.png'), fullPage: true });
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('ticketing.session')).token);
    const bearer = await apiLogin(username, password);
    const before = await call('GET', '/api/queue/tokens/me', bearer, undefined, { 'X-Queue-Token': token });
    assert.equal(before.body.status, 'PRE_QUEUE', 'nobody is admitted before the opening');

    // after the opening (the draw, then an admission round) the page moves on by itself to the concert's dates
    await page.waitForSelector('body[data-view="dates"]', { timeout: 120_000 });
    assert.ok(Date.now() >= opensAt.getTime(), 'admitted after the opening, not before');
    const room = await call('GET', `/api/rooms/${concert.id}`, bearer);
    assert.ok(room.body.seed != null && room.body.drawn >= 1, `the draw is published: ${JSON.stringify(room.body)}`);
    await expectText(page.locator('#dates-concert'), (text) => text === concert.title, concert.title);

    const dates = page.locator('#date-list button');
    assert.ok(await dates.count() > 0, `concert ${concert.id} has no date with seats left`);
    await dates.first().click();
    await page.waitForSelector('body[data-view="seats"]');
    const seat = page.locator('#seat-map button.available').first();
    const seatNumber = Number(/^Seat (\d+)/.exec(await seat.getAttribute('aria-label'))[1]);
    await seat.click();
    await page.getByRole('button', { name: `Hold seat ${seatNumber}` }).click();
    await page.waitForSelector('body[data-view="hold"]');
    const price = digits(await expectText(page.locator('#price'), /\d/));
    const balance = digits(await expectText(page.locator('#balance'), /\d/));
    if (balance < price) {
      await page.getByLabel('Charge points').fill(String(price - balance));
      await page.getByRole('button', { name: 'Charge', exact: true }).click();
      await expectText(page.locator('#balance'), (text) => digits(text) >= price, 'the balance covers the price');
    }
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.waitForSelector('body[data-view="done"]', { timeout: 60_000 });
    assert.equal(await page.locator('#done-seat').textContent(), `Seat ${seatNumber}`);
    assert.equal(await page.locator('#done-status').textContent(), 'Sold to you');
    await page.waitForSelector('#done-token.used', { timeout: 60_000 });
    const used = await fetch(`${GATEWAY}/api/queue/tokens/me`, { headers: { Authorization: bearer, 'X-Queue-Token': token } });
    assert.equal(used.status, 401, 'the payment ended the visit in this room');
    await page.screenshot({ path: join(ARTIFACTS, 'opening-booked.png'), fullPage: true });

    assert.deepEqual(uncredentialedApiCalls, []);
    assert.deepEqual(problems, [], 'no script errors in the page');
    await page.context().close();
  });

test('a user without the operator role is shown the 403 problem and no controls', { timeout: 120_000 }, async () => {
  const { page, problems } = await openPage('ops.html');
  const { username, password } = await freshUser();
  const bearer = await apiLogin(username, password);
  const refused = await call('GET', `/api/ops/rooms/${concert.id}`, bearer);
  assert.equal(refused.status, 403);
  assert.equal(refused.body.code, 'ACCESS_DENIED');

  await logIn(page, username, password, 'denied');
  await expectText(page.locator('#denied-text'), (text) => text.includes(refused.body.detail ?? refused.body.title)
    && text.includes('403 ACCESS_DENIED'), 'the 403 problem');
  assert.ok(await page.locator('#view-room').isHidden(), 'no room figures or controls');
  assert.ok(await page.locator('#view-audit').isHidden(), 'no audit log');
  assert.equal(await page.getByRole('button', { name: 'Pause admissions' }).count(), 0,
    'no control is reachable (hidden elements are not in the accessibility tree)');
  assert.equal(await view(page), 'denied');
  await page.screenshot({ path: join(ARTIFACTS, 'operator-denied.png'), fullPage: true });
  assert.deepEqual(problems, [], 'no script errors in the page');
  await page.context().close();
});

/** `2026-12-02T21:05:30` in the browser's (this machine's) time zone, as a datetime-local input takes it. */
function localInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:`
    + `${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
