// The booking flow: login → concert → its waiting room (a countdown to a scheduled opening, then the position) → date →
// seats → hold → points → pay → confirmation; "My tickets" lists the user's reservations and cancels a live hold.
// Each concert has its own waiting room, and its admission admits to that concert only: choosing another concert
// joins that concert's room (asking again for a room gives back the same place).
// One view at a time; the session (queue token, choices, hold) lives in sessionStorage so a reload resumes where it
// was, after the user has logged in again. The access token lives in this page's memory only (never in
// sessionStorage, localStorage or a cookie): a reload, or an expired or refused access token, leads to the login form,
// and the place in line is kept for the same user.
import { ApiError, LOGIN_REFUSED, apiBase, claimsOf, createClient } from './api.js';
import { clock, countdown, duration, when } from './format.js';

const STORAGE_KEY = 'ticketing.session';
const QUEUE_POLL_MS = 5000;       // when the answer names no rhythm (refreshAfterSeconds, docs/conventions.md)
const TOKEN_USED_POLL_MS = 2000;  // the token is expired asynchronously right after a payment
const TOKEN_USED_POLL_LIMIT = 60;
const PAY_PENDING_ATTEMPTS = 30;

const $ = (id) => document.getElementById(id);
const views = ['login', 'start', 'prequeue', 'waiting', 'dates', 'seats', 'hold', 'tickets', 'done'];
// the server's default per-user limit (CONCERT_MAX_SEATS_PER_USER_AND_DATE); the server decides, this only guides
const MAX_SEATS = 4;

let session = loadSession();
let accessToken = null;
const api = createClient(apiBase(),
  () => ({ accessToken, queueToken: session.token, admissionToken: session.admissionToken }));

/** The waiting room says when to ask again: sooner near the front, rarely far back. */
const pollDelay = (status) => (Number(status?.refreshAfterSeconds) > 0 ? Number(status.refreshAfterSeconds) * 1000
  : QUEUE_POLL_MS);

// A view change bumps the generation and clears its timers, so answers and ticks of a view left behind are dropped.
let current = null;
let generation = 0;
let timers = [];

function loadSession() {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY)) ?? {};
  } catch {
    return {};
  }
}

function save(patch) {
  session = { ...session, ...patch };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

function resetSession(keep = {}) {
  session = { ...keep };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

function show(name) {
  generation += 1;
  timers.forEach(clearTimeout);
  timers = [];
  for (const view of views) $(`view-${view}`).hidden = view !== name;
  const moved = current !== null && current !== name;
  current = name;
  document.body.dataset.view = name;
  $('who').hidden = !accessToken || name === 'login';
  $('who-text').textContent = session.username ?? '';
  // the list is behind an admission, like the rest of the booking
  $('my-tickets').hidden = !session.token || ['login', 'start', 'prequeue', 'waiting'].includes(name);
  if (moved) $(`view-${name}`).querySelector('h2').focus();
  return generation;
}

function later(fn, ms) {
  timers.push(setTimeout(fn, ms));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function say(text) {
  $('status').textContent = text;
}

function showError(text) {
  $('error-text').textContent = text;
  $('error').hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error-text').textContent = '';
}

/** Every failure ends here: queue answers move the user to the right view, anything else is shown as it is. */
function handleError(error) {
  say('');
  if (!(error instanceof ApiError)) {
    showError(`Something went wrong in this page: ${error?.message ?? error}. Reload to try again.`);
    return;
  }
  if (error.status === 401 && LOGIN_REFUSED.includes(error.code)) {
    showLogin(`${error.message} Log in again to continue${session.token ? ': your place in line is kept' : ''}.`);
    return;
  }
  if (error.code === 'TOKEN_NOT_YOURS') {
    resetSession(me());
    showStart();
    showError(`${error.message} Take a queue token of your own to continue.`);
    return;
  }
  if (error.code === 'WRONG_ROOM') {
    resetSession(me());
    showStart();
    showError(`${error.message} Choose the concert again to join its queue.`);
    return;
  }
  if (error.code === 'TOKEN_WAITING') {
    showWaiting(error.problem);
    showError(error.message);
    return;
  }
  if (error.status === 401 && ['TOKEN_EXPIRED', 'TOKEN_INVALID'].includes(error.code)) {
    resetSession(me());
    showStart();
    showError(`${error.message} Choose a concert to take a new place in its queue.`);
    return;
  }
  showError(error.message);
}

/** Runs a user action: clears the last error, disables the button while it runs, routes failures. */
async function act(button, fn) {
  clearError();
  button?.setAttribute('aria-busy', 'true');
  if (button) button.disabled = true;
  try {
    await fn();
  } catch (e) {
    handleError(e);
  } finally {
    button?.removeAttribute('aria-busy');
    if (button && button.isConnected && !button.dataset.keepDisabled) button.disabled = false;
  }
}

const points = (n) => `${Number(n).toLocaleString()} points`;
// ---- login and sign-up -------------------------------------------------------------------------------------------

/** Who is logged in, as the session keeps it across a new queue token. */
const me = () => ({ userId: session.userId, username: session.username });

/** Forgets the access token and asks for a login; the session (the place in line) stays for the same user. */
function showLogin(why = null) {
  accessToken = null;
  show('login');
  $('login-why').hidden = !why;
  $('login-why').textContent = why ?? '';
  $('login-password').value = '';
  if (session.username) $('login-username').value = session.username;
}

/** A new access token: the same user resumes where they were; another user starts afresh. */
async function loggedIn(answer) {
  const claims = claimsOf(answer.accessToken);
  const userId = Number(claims.sub);
  const username = claims.preferred_username ?? $('login-username').value.trim();
  accessToken = answer.accessToken;
  if (session.userId !== userId) resetSession({ userId, username });
  else save({ username });
  $('login-password').value = '';
  $('signup-password').value = '';
  await resume();
}

function credentialsOf(usernameField, passwordField) {
  const username = $(usernameField).value.trim();
  const password = $(passwordField).value;
  if (!username || !password) {
    showError('Enter a username and a password.');
    $(username ? passwordField : usernameField).focus();
    return null;
  }
  return { username, password };
}

function throttled(error) {
  if (error instanceof ApiError && error.code === 'RATE_LIMITED' && error.retryAfter != null) {
    return new ApiError(`${error.message} Try again in ${duration(error.retryAfter).replace('about ', '')}.`, error);
  }
  return error;
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const button = event.submitter ?? $('login-form').querySelector('button');
  act(button, async () => {
    const credentials = credentialsOf('login-username', 'login-password');
    if (!credentials) return;
    say('Logging in…');
    const answer = await api.logIn(credentials.username, credentials.password).catch((e) => { throw throttled(e); });
    say('');
    await loggedIn(answer);
  });
});

$('signup-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const button = event.submitter ?? $('signup-form').querySelector('button');
  act(button, async () => {
    const credentials = credentialsOf('signup-username', 'signup-password');
    if (!credentials) return;
    say('Creating your account…');
    const account = await api.signUp(credentials.username, credentials.password);
    const answer = await api.logIn(credentials.username, credentials.password).catch((e) => { throw throttled(e); });
    $('signup-username').value = '';
    say(`Welcome, ${account.username}.`);
    await loggedIn(answer);
  });
});

// ---- start: choose a concert and join its waiting room ---------------------------------------------------------

function showStart() {
  show('start');
  loadStartConcerts().catch(handleError);
}

async function loadStartConcerts() {
  const mine = generation;
  const concerts = await api.concerts();
  if (mine !== generation) return;
  $('concert-list').replaceChildren(...concerts.map((concert) => {
    const item = choice(concert.title, concert.artist, () => joinRoom(concert));
    item.querySelector('button').dataset.concertId = concert.id;
    return item;
  }));
  $('concerts-empty').hidden = concerts.length > 0;
}

async function joinRoom(concert) {
  resetSession(me());
  say(`Taking a place in the queue for ${concert.title}…`);
  const status = await api.takeToken(concert.id);
  save({ concert, token: status.token, admissionToken: null, firstPosition: null, date: null, reservation: null });
  enterQueue(status);
}

// ---- waiting room ------------------------------------------------------------------------------------------------

function enterQueue(status) {
  if (status.status === 'ACTIVE') admitted(status);
  else if (status.status === 'PRE_QUEUE') showPreQueue(status);
  else showWaiting(status);
}

// ---- before a scheduled opening: a countdown, and a poll when the room says (and right after the opening) -------

/** The next poll: when the room says, but no later than shortly after the opening (spread over 3 s, not all at once). */
function preQueuePollDelay(status) {
  const untilOpening = Date.parse(status.opensAt) - Date.now();
  const afterOpening = Math.max(0, untilOpening) + 1000 + Math.floor(Math.random() * 2000);
  return Math.min(pollDelay(status), afterOpening);
}

let countdownTimer = null;

function showPreQueue(status) {
  if (current !== 'prequeue') {
    show('prequeue');
    save({ preQueued: true });
    say(`You have a place in ${session.concert?.title ?? 'the concert'}'s queue: the sale has not opened yet.`);
  }
  renderPreQueue(status);
  // (re)started at every answer: an opening moved later brings a countdown that had reached zero back to life
  clearTimeout(countdownTimer);
  countdownToOpening();
  later(pollQueue, preQueuePollDelay(status));
}

function renderPreQueue(status) {
  const moved = session.opensAt && session.opensAt !== status.opensAt;
  save({ opensAt: status.opensAt });
  $('prequeue-concert').textContent = session.concert?.title ?? '';
  $('opens-at').textContent = `The sale opens at ${when(status.opensAt)}.`;
  if (moved) say(`The opening has moved: it is now at ${when(status.opensAt)}.`);
}

function countdownText() {
  const left = Date.parse(session.opensAt) - Date.now();
  $('opens-in').textContent = left > 0 ? countdown(left) : 'now: drawing places…';
  return left;
}

function countdownToOpening() {
  const left = countdownText();
  if (left > 0) {
    countdownTimer = setTimeout(countdownToOpening, left % 1000 || 1000);
    timers.push(countdownTimer);
  }
}

// ---- in line -------------------------------------------------------------------------------------------------------

function showWaiting(status) {
  if (current !== 'waiting') {
    show('waiting');
    $('draw').hidden = true;
    if (session.preQueued && session.concert) showDraw(session.concert.id);
  }
  renderWaiting(status);
  later(pollQueue, pollDelay(status));
}

/** After a scheduled opening: the draw that placed everyone who came early, as the room publishes it. */
async function showDraw(concertId) {
  const mine = generation;
  try {
    const room = await api.room(concertId);
    if (mine !== generation || room.seed == null) return;
    $('draw').textContent = `At the opening, ${room.drawn} ${room.drawn === 1 ? 'person' : 'people'} who came early `
      + `were placed by a random draw (seed ${room.seed}, published so anyone can check it).`;
    $('draw').hidden = false;
  } catch {
    // the draw is for information only; the place in line does not depend on showing it
  }
}

function renderWaiting(status) {
  const position = Number(status?.position ?? 0);
  $('waiting-concert').textContent = session.concert?.title ?? '';
  if (session.firstPosition == null) save({ firstPosition: position });
  const first = session.firstPosition;
  // how far the position has fallen since the first reading; position 0 means next, so it is never 100% while waiting
  const percent = Math.round((100 * Math.max(0, first - position)) / (first + 1));
  const previous = $('position').textContent;
  $('position').textContent = String(position);
  $('wait').textContent = duration(status?.estimatedWaitSeconds);
  $('progress').value = percent;
  $('progress').textContent = `${percent}%`;
  $('checked').textContent = `Last checked at ${new Date().toLocaleTimeString()}.`;
  if (previous !== String(position)) {
    say(position === 0 ? 'You are next in line.' : `${position} ${position === 1 ? 'person is' : 'people are'} ahead of you.`);
  }
}

async function pollQueue() {
  const mine = generation;
  try {
    const status = await api.myToken();
    if (mine !== generation) return;
    clearError();
    if (status.status === 'ACTIVE') admitted(status);
    else if (status.status === 'PRE_QUEUE') showPreQueue(status);
    else showWaiting(status);
  } catch (e) {
    if (mine !== generation) return;
    if (e instanceof ApiError && e.status === 401) {
      handleError(e);
      return;
    }
    // a passing outage must not throw the user out of the queue: keep the place and keep asking
    showError(`${e.message} Trying again in ${QUEUE_POLL_MS / 1000} s.`);
    later(pollQueue, QUEUE_POLL_MS);
  }
}

function admitted(status) {
  // the booking routes take the signed admission token from now on
  save({ admissionToken: status?.admissionToken ?? null });
  $('progress').value = 100;
  say(`It is your turn. Choose a date for ${session.concert?.title ?? 'the concert'}.`);
  loadDates().catch(handleError);
}

// ---- concerts and dates ------------------------------------------------------------------------------------------

function choice(label, detail, onClick) {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'choice-button';
  const title = document.createElement('span');
  title.className = 'choice-title';
  title.textContent = label;
  button.append(title);
  if (detail) {
    const sub = document.createElement('span');
    sub.className = 'choice-detail';
    sub.textContent = detail;
    button.append(sub);
  }
  button.addEventListener('click', () => act(button, onClick));
  item.append(button);
  return item;
}

async function loadDates() {
  const { concert } = session;
  const dates = await api.dates(concert.id);
  show('dates');
  $('dates-concert').textContent = concert.title;
  $('date-list').replaceChildren(...dates.map((date) => choice(when(date.startsAt),
    `${date.availableSeats} ${date.availableSeats === 1 ? 'seat' : 'seats'} left`, async () => {
      save({ date, reservation: null });
      await loadSeats();
    })));
  $('dates-empty').hidden = dates.length > 0;
}

// ---- seat map ----------------------------------------------------------------------------------------------------

let chosenSeats = [];

/** "Seat 7" or "Seats 3, 4, 9": how a hold of one or several seats is named everywhere on the page. */
function seatsLabel(seats) {
  const numbers = seats.map((seat) => seat.seatNumber).sort((a, b) => a - b);
  return numbers.length === 1 ? `Seat ${numbers[0]}` : `Seats ${numbers.join(', ')}`;
}

/** A reservation's seats (older answers without `seats` name their one seat). */
function seatsOf(reservation) {
  return reservation.seats?.length ? reservation.seats : [reservation];
}

async function loadSeats() {
  const { concert, date } = session;
  const seats = await api.seats(concert.id, date.dateId);
  show('seats');
  chosenSeats = [];
  $('seat-limit').textContent = MAX_SEATS;
  $('seats-when').textContent = `${concert.title} · ${when(date.startsAt)}`;
  renderChoice();
  const sorted = [...seats].sort((a, b) => a.seatNumber - b.seatNumber);
  $('seat-map').replaceChildren(...sorted.map(seatButton));
  const free = seats.filter((seat) => seat.status === 'AVAILABLE').length;
  say(`${free} of ${seats.length} seats are available.`);
}

function seatButton(seat) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `seat ${seat.status.toLowerCase()}`;
  button.dataset.seatId = seat.seatId;
  button.dataset.status = seat.status;
  const state = { AVAILABLE: 'available', HELD: 'held', SOLD: 'sold' }[seat.status] ?? seat.status.toLowerCase();
  button.setAttribute('aria-label', `Seat ${seat.seatNumber}, ${points(seat.price)}, ${state}`);
  button.title = `Seat ${seat.seatNumber} · ${points(seat.price)} · ${state}`;
  const number = document.createElement('span');
  number.textContent = seat.seatNumber;
  const price = document.createElement('small');
  price.textContent = `${Math.round(seat.price / 1000)}k`;
  button.append(number, price);
  if (seat.status === 'AVAILABLE') {
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => {
      clearError();
      if (chosenSeats.some((chosen) => chosen.seatId === seat.seatId)) {
        chosenSeats = chosenSeats.filter((chosen) => chosen.seatId !== seat.seatId);
        button.setAttribute('aria-pressed', 'false');
      } else if (chosenSeats.length >= MAX_SEATS) {
        showError(`You can hold at most ${MAX_SEATS} seats at once. Unselect one first.`);
        return;
      } else {
        chosenSeats = [...chosenSeats, seat];
        button.setAttribute('aria-pressed', 'true');
      }
      renderChoice();
    });
  } else {
    button.disabled = true;
  }
  return button;
}

function renderChoice() {
  const total = chosenSeats.reduce((sum, seat) => sum + seat.price, 0);
  $('seat-choice').textContent = chosenSeats.length
    ? `${seatsLabel(chosenSeats)} · ${points(total)}`
    : 'Pick an available seat.';
  $('hold').disabled = !chosenSeats.length;
  $('hold').textContent = chosenSeats.length === 0 ? 'Hold this seat'
    : chosenSeats.length === 1 ? `Hold seat ${chosenSeats[0].seatNumber}`
      : `Hold ${chosenSeats.length} seats`;
}

$('hold').addEventListener('click', () => act($('hold'), async () => {
  const { concert, date } = session;
  say(`Holding ${seatsLabel(chosenSeats).toLowerCase()}…`);
  try {
    const reservation = await api.hold(concert.id, date.dateId, chosenSeats.map((seat) => seat.seatId));
    save({ reservation, heldAt: Date.now() });
    await showHold();
    say(`${seatsLabel(seatsOf(reservation))} ${seatsOf(reservation).length === 1 ? 'is' : 'are'} held for you.`
      + ' Pay before the countdown ends.');
  } catch (e) {
    if (e instanceof ApiError && e.code === 'SEAT_NOT_AVAILABLE') {
      await loadSeats();
    }
    throw e;
  }
}));

$('seats-refresh').addEventListener('click', () => act($('seats-refresh'), loadSeats));

// ---- hold, points, payment ---------------------------------------------------------------------------------------

async function showHold() {
  const { reservation, concert, date } = session;
  show('hold');
  $('hold-what').textContent = `${seatsLabel(seatsOf(reservation))} · ${concert.title} · ${when(date.startsAt)}`;
  $('price').textContent = points(reservation.price);
  $('pay').disabled = false;
  $('cancel-hold').disabled = false;
  delete $('pay').dataset.keepDisabled;
  tick();
  await loadBalance();
}

function tick() {
  const { reservation, heldAt } = session;
  const expiresAt = Date.parse(reservation.holdExpiresAt);
  const left = expiresAt - Date.now();
  const total = Math.max(1, expiresAt - (heldAt ?? Date.now()));
  $('countdown').textContent = clock(left);
  $('hold-left').value = Math.max(0, Math.min(100, (100 * left) / total));
  $('view-hold').classList.toggle('urgent', left <= 60000);
  if (left <= 0) {
    $('pay').disabled = true;
    $('pay').dataset.keepDisabled = 'true';
    $('cancel-hold').disabled = true;
    showError('Your hold has ended and the seat was released. Go back to the seat map to choose again.');
    return;
  }
  if (Math.ceil(left / 1000) === 60) say('One minute left to pay.');
  later(tick, left % 1000 || 1000);
}

async function loadBalance() {
  const mine = generation;
  const account = await api.points();
  if (mine !== generation) return;
  renderBalance(account.balance);
}

function renderBalance(balance) {
  $('balance').textContent = points(balance);
  const missing = session.reservation.price - balance;
  $('shortfall').hidden = missing <= 0;
  if (missing > 0) {
    $('shortfall').textContent = `You need ${points(missing)} more to pay. Charge them below.`;
    if (!$('charge-amount').value) $('charge-amount').value = missing;
  }
}

$('charge-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const button = event.submitter ?? $('charge-form').querySelector('button');
  act(button, async () => {
    const raw = $('charge-amount').value.trim();
    if (!raw) {
      showError('Enter the number of points to charge.');
      $('charge-amount').focus();
      return;
    }
    // the server decides what is chargeable (positive, whole, within the limits) and says why in its answer
    const result = await api.charge(Number(raw));
    $('charge-amount').value = '';
    renderBalance(result.balance);
    say(`Charged ${points(result.amount)}. Your balance is ${points(result.balance)}.`);
  });
});

$('pay').addEventListener('click', () => act($('pay'), async () => {
  const mine = generation;
  const { reservation } = session;
  say('Paying…');
  let payment;
  for (let attempt = 1; ; attempt += 1) {
    try {
      payment = await api.pay(reservation.reservationId);
      break;
    } catch (e) {
      // payments learns of a new hold through an event; until it arrives the server asks to come back shortly
      if (!(e instanceof ApiError) || e.code !== 'RESERVATION_PENDING' || attempt >= PAY_PENDING_ATTEMPTS) throw e;
      say('The payment service is still receiving your hold; trying again…');
      await sleep(1000 * (e.retryAfter ?? 1));
      if (mine !== generation) return;
    }
  }
  if (payment.status === 'FAILED') throw new ApiError('The payment failed; no points were taken. Try again.');
  save({ payment });
  showDone();
}));

$('cancel-hold').addEventListener('click', () => act($('cancel-hold'), async () => {
  const { reservation } = session;
  await api.cancel(reservation.reservationId);
  save({ reservation: null });
  await loadSeats();
  say(`Your hold of ${seatsLabel(seatsOf(reservation)).toLowerCase()} is cancelled; anyone can book them now.`);
}));

// ---- my tickets --------------------------------------------------------------------------------------------------

const TICKETS_PAGE = 10;
let ticketsShown = 0;

async function showTickets() {
  const page = await api.myReservations(0, TICKETS_PAGE);
  show('tickets');
  $('ticket-list').replaceChildren(...page.items.map(ticketItem));
  ticketsShown = page.items.length;
  $('tickets-empty').hidden = page.total > 0;
  $('tickets-more').hidden = ticketsShown >= page.total;
  say(`${page.total} ${page.total === 1 ? 'reservation' : 'reservations'}.`);
}

async function moreTickets() {
  const page = await api.myReservations(Math.floor(ticketsShown / TICKETS_PAGE), TICKETS_PAGE);
  $('ticket-list').append(...page.items.map(ticketItem));
  ticketsShown += page.items.length;
  $('tickets-more').hidden = ticketsShown >= page.total || page.items.length === 0;
}

function ticketItem(item) {
  const li = document.createElement('li');
  li.className = `ticket-row ${item.status.toLowerCase()}`;
  li.dataset.reservationId = item.reservationId;
  const what = document.createElement('p');
  what.className = 'ticket-what';
  what.textContent = `${item.concertTitle} · ${when(item.startsAt)}`;
  const facts = document.createElement('p');
  facts.className = 'sub';
  const state = item.status === 'HELD'
    ? `held until ${new Date(item.holdExpiresAt).toLocaleTimeString()}`
    : item.status === 'CONFIRMED' ? `paid (payment #${item.paymentId})`
      : item.releaseReason === 'CANCELLED' ? 'cancelled' : 'expired';
  facts.textContent = `${seatsLabel(item.seats)} · ${points(item.price)} · ${state}`;
  li.append(what, facts);
  if (item.status === 'HELD' && Date.parse(item.holdExpiresAt) > Date.now()) {
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.textContent = `Cancel ${seatsLabel(item.seats).toLowerCase()}`;
    cancel.addEventListener('click', () => act(cancel, async () => {
      await api.cancel(item.reservationId);
      if (session.reservation?.reservationId === item.reservationId) save({ reservation: null });
      await showTickets();
      say(`Cancelled: ${seatsLabel(item.seats).toLowerCase()} can be booked by anyone now.`);
    }));
    li.append(cancel);
  }
  return li;
}

$('my-tickets').addEventListener('click', () => act($('my-tickets'), showTickets));
$('tickets-more').addEventListener('click', () => act($('tickets-more'), moreTickets));
$('tickets-back').addEventListener('click', () => act($('tickets-back'), async () => {
  if (session.date) await loadSeats();
  else if (session.concert) await loadDates();
  else showStart();
}));

// ---- confirmation ------------------------------------------------------------------------------------------------

function showDone() {
  const { payment, reservation, concert, date } = session;
  show('done');
  $('done-what').textContent = `${concert.title} · ${when(date.startsAt)}`;
  $('done-seat').textContent = seatsLabel(seatsOf(reservation));
  $('done-status').textContent = payment.status === 'COMPLETED' ? 'Sold to you' : 'Payment being processed';
  $('done-paid').textContent = points(payment.amount);
  $('done-payment').textContent = `#${payment.paymentId}`;
  say(`${seatsLabel(seatsOf(reservation))} ${seatsOf(reservation).length === 1 ? 'is' : 'are'} yours.`);
  if (session.tokenUsedUp) renderTokenUsedUp(session.tokenUsedUp);
  else {
    $('done-token').textContent = 'Checking your queue token…';
    watchTokenUsedUp(1);
  }
}

async function watchTokenUsedUp(attempt) {
  const mine = generation;
  try {
    await api.myToken();
    if (mine !== generation) return;
    $('done-token').textContent = 'Your queue token is still active; it is released in a moment…';
  } catch (e) {
    if (mine !== generation) return;
    if (e instanceof ApiError && e.status === 401 && LOGIN_REFUSED.includes(e.code)) {
      handleError(e);
      return;
    }
    if (e instanceof ApiError && e.status === 401) {
      save({ tokenUsedUp: e.message });
      renderTokenUsedUp(e.message);
      return;
    }
    $('done-token').textContent = `Could not check your queue token: ${e.message}`;
  }
  if (attempt < TOKEN_USED_POLL_LIMIT) later(() => watchTokenUsedUp(attempt + 1), TOKEN_USED_POLL_MS);
}

function renderTokenUsedUp(answer) {
  $('done-token').classList.add('used');
  $('done-token').textContent = `Your queue token has been used up, so your place goes to the next person `
    + `(the server now answers: “${answer}”).`;
}

$('again').addEventListener('click', () => {
  clearError();
  say('');
  resetSession(me());
  showStart();
});

// ---- navigation and start-up ------------------------------------------------------------------------------------

$('leave').addEventListener('click', () => {
  clearError();
  say('You are logged out.');
  resetSession();
  $('login-username').value = '';
  showLogin();
});

$('error-close').addEventListener('click', clearError);
// the operator page on the same gateway (?api=… kept)
$('ops-link').href = `ops.html${location.search}`;

for (const back of document.querySelectorAll('[data-back]')) {
  const target = { concerts: async () => showStart(), dates: loadDates, seats: loadSeats }[back.dataset.back];
  back.addEventListener('click', () => act(back, target));
}

// nothing may end in a blank screen: a failure this page did not foresee is shown too
window.addEventListener('error', (event) => showError(`Something went wrong in this page: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => handleError(event.reason));

async function resume() {
  if (!accessToken) {
    showLogin(session.token ? 'Log in to continue where you were.' : null);
    return;
  }
  if (!session.token) {
    showStart();
    return;
  }
  if (session.payment) {
    showDone();
    return;
  }
  say('Resuming…');
  const status = await api.myToken();
  if (status.status === 'PRE_QUEUE') {
    showPreQueue(status);
    return;
  }
  if (status.status === 'WAITING') {
    showWaiting(status);
    return;
  }
  save({ admissionToken: status.admissionToken ?? session.admissionToken ?? null });
  if (session.reservation) {
    const reservation = await api.reservation(session.reservation.reservationId);
    if (reservation.status === 'HELD' && Date.parse(reservation.holdExpiresAt) > Date.now()) {
      save({ reservation });
      await showHold();
      return;
    }
    save({ reservation: null });
  }
  if (session.date) await loadSeats();
  else if (session.concert) await loadDates();
  else showStart();
  say('');
}

resume().catch(handleError);
