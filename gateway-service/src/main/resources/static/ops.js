// The operator's page of a concert's waiting room: its figures (refreshed every 2 s), its live controls (capacity,
// admission interval, pause and resume, the scheduled opening) and its audit log, all through /api/ops/rooms/{id}
// (role OPERATOR; the gateway answers anyone else 403 ACCESS_DENIED, which this page shows as it comes). The access
// token lives in this page's memory only: a reload asks for the login again. `?room=3` opens that concert's room.
import { ApiError, LOGIN_REFUSED, apiBase, claimsOf, createClient } from './api.js';
import { duration, when } from './format.js';

const REFRESH_MS = 2000;
const $ = (id) => document.getElementById(id);
const views = ['login', 'denied', 'room'];

let accessToken = null;
let concertId = Number(new URLSearchParams(location.search).get('room')) || null;
let refreshTimer = null;
let loaded = 0; // bumped by every room change, so an answer for a room left behind is dropped
let lastRoom = null;
const api = createClient(apiBase(), () => ({ accessToken }));

function show(name) {
  for (const view of views) $(`view-${view}`).hidden = view !== name;
  $('view-audit').hidden = name !== 'room';
  document.body.dataset.view = name;
  $('who').hidden = !accessToken;
}

const say = (text) => { $('status').textContent = text; };

function showError(text) {
  $('error-text').textContent = text;
  $('error').hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error-text').textContent = '';
}

function stopRefreshing() {
  clearTimeout(refreshTimer);
  refreshTimer = null;
}

function handleError(error) {
  say('');
  if (!(error instanceof ApiError)) {
    showError(`Something went wrong in this page: ${error?.message ?? error}. Reload to try again.`);
    return;
  }
  if (error.status === 401 && LOGIN_REFUSED.includes(error.code)) {
    showLogin(`${error.message} Log in again.`);
    return;
  }
  if (error.status === 403 && error.code === 'ACCESS_DENIED') {
    stopRefreshing();
    show('denied');
    $('denied-text').textContent = `${error.message} (${error.status} ${error.code})`;
    showError(error.message);
    return;
  }
  // a refused change (an opening in the past, say) is explained in the server's words; the room stays on screen
  showError(error.code ? `${error.message} (${error.code})` : error.message);
}

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
    if (button) button.disabled = false;
    applyButtons();
  }
}

// ---- login ---------------------------------------------------------------------------------------------------------

function showLogin(why = null) {
  stopRefreshing();
  accessToken = null;
  show('login');
  $('login-password').value = '';
  if (why) say(why);
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act(event.submitter ?? $('login-form').querySelector('button'), async () => {
    const username = $('login-username').value.trim();
    const password = $('login-password').value;
    if (!username || !password) {
      showError('Enter a username and a password.');
      return;
    }
    say('Logging in…');
    const answer = await api.logIn(username, password);
    accessToken = answer.accessToken;
    $('login-password').value = '';
    const claims = claimsOf(accessToken);
    $('who-text').textContent = claims.preferred_username ?? username;
    say('');
    await openRooms();
  });
});

$('leave').addEventListener('click', () => {
  clearError();
  say('You are logged out.');
  showLogin();
});

// ---- the room ------------------------------------------------------------------------------------------------------

async function openRooms() {
  const concerts = await api.concerts();
  $('room-concert').replaceChildren(...concerts.map((concert) => {
    const option = document.createElement('option');
    option.value = concert.id;
    option.textContent = `${concert.id}: ${concert.title}`;
    return option;
  }));
  if (!concertId || !concerts.some((concert) => concert.id === concertId)) concertId = concerts[0]?.id ?? null;
  if (concertId == null) {
    showError('There are no concerts, so there is no room to show.');
    return;
  }
  $('room-concert').value = String(concertId);
  await loadRoom(true);
}

$('room-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act(event.submitter ?? $('room-form').querySelector('button'), async () => {
    concertId = Number($('room-concert').value);
    loaded += 1;
    await loadRoom(true);
  });
});

/** Reads the room and its audit log; `fillForms` also puts the current settings into the controls. */
async function loadRoom(fillForms = false) {
  stopRefreshing();
  const mine = loaded;
  const [room, audit] = await Promise.all([api.opsRoom(concertId), api.opsAudit(concertId)]);
  if (mine !== loaded) return;
  if (document.body.dataset.view !== 'room') show('room');
  renderRoom(room, fillForms);
  renderAudit(audit);
  stopRefreshing(); // a refresh that was in flight meanwhile must not start a second chain
  refreshTimer = setTimeout(refresh, REFRESH_MS);
}

async function refresh() {
  try {
    await loadRoom();
  } catch (e) {
    handleError(e);
    // a passing outage must not stop the watch: keep asking unless the login or the role is gone
    if (document.body.dataset.view === 'room') refreshTimer = setTimeout(refresh, REFRESH_MS);
  }
}

const STATES = { PRE_QUEUE: 'before its opening', OPEN: 'open', PAUSED: 'paused' };

function renderRoom(room, fillForms) {
  $('room-title').textContent = `Room of concert ${room.concertId}`;
  $('room-state').textContent = STATES[room.status] ?? room.status;
  $('room-state').className = `state ${room.status.toLowerCase()}`;
  $('room-state').dataset.status = room.status;
  $('room-opening').textContent = room.openedAt
    ? `Opened at ${when(room.openedAt)}: ${room.drawn} drawn, seed ${room.seed}.`
    : room.opensAt ? `Opens at ${when(room.opensAt)}.` : 'No scheduled opening.';
  $('room-checked').textContent = `Checked at ${new Date().toLocaleTimeString()}.`;
  $('f-waiting').textContent = room.waiting;
  $('f-preQueued').textContent = room.preQueued;
  $('f-active').textContent = room.active;
  $('f-admittedLastMinute').textContent = room.admittedLastMinute;
  $('f-rate').textContent = `${Number(room.admissionRatePerSecond).toFixed(1)} per second`;
  $('f-waitAtBack').textContent = duration(room.estimatedWaitSecondsAtBack);
  $('f-oldest').textContent = room.oldestWaitingAgeSeconds == null ? 'nobody waits'
    : duration(room.oldestWaitingAgeSeconds).replace('about ', '');
  $('s-capacity').textContent = room.capacity;
  $('s-interval').textContent = `${room.admissionIntervalMillis} ms`;
  $('s-ttl').textContent = `${room.activeTtlSeconds} s`;
  lastRoom = room;
  applyButtons();
  if (fillForms) {
    $('capacity').value = room.capacity;
    $('interval').value = room.admissionIntervalMillis;
    $('opens-at').value = room.opensAt ? localInput(room.opensAt) : '';
  }
}

/** Pause only a running room, resume only a paused one, move only an opening still to come. */
function applyButtons() {
  if (!lastRoom) return;
  $('pause').disabled = lastRoom.paused;
  $('resume').disabled = !lastRoom.paused;
  $('opening-form').querySelector('button').disabled = Boolean(lastRoom.openedAt);
}

/** `2026-12-02T21:05:30` in the reader's time zone, as a datetime-local input takes it. */
function localInput(iso) {
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:`
    + `${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

const SETTING_NAMES = { capacity: 'capacity', admissionIntervalMillis: 'round every (ms)', paused: 'paused',
  opensAt: 'opens at' };

function settingsText(settings) {
  const entries = Object.entries(settings ?? {});
  if (entries.length === 0) return '–';
  return entries.map(([field, value]) => `${SETTING_NAMES[field] ?? field}: ${value === null ? 'none'
    : field === 'opensAt' ? new Date(value).toISOString() : value}`).join(', ');
}

function renderAudit(entries) {
  $('audit-empty').hidden = entries.length > 0;
  // newest first on screen; the API lists them oldest first
  $('audit-rows').replaceChildren(...[...entries].reverse().map((entry) => {
    const row = document.createElement('tr');
    row.dataset.action = entry.action;
    for (const text of [new Date(entry.at).toLocaleString(), `#${entry.operatorId}`, entry.action,
      settingsText(entry.before), settingsText(entry.after)]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  }));
}

// ---- controls --------------------------------------------------------------------------------------------------------

/**
 * Runs a change, shows the room as it is now, and only then says what it did from the audit entry the server
 * answers: the reload puts the room's settings back into the controls, so a confirmation shown before it would let
 * the operator type the next change into a field the reload then overwrites (and the next change send the old one).
 */
async function change(button, fn) {
  await act(button, async () => {
    const entry = await fn();
    try {
      await loadRoom(true);
    } finally {
      say(`${entry.action}: ${settingsText(entry.before)} → ${settingsText(entry.after)}.`);
    }
  });
}

$('limits-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const limits = {};
  for (const [field, input] of [['capacity', 'capacity'], ['admissionIntervalMillis', 'interval']]) {
    const raw = $(input).value.trim();
    // the server decides what is acceptable (whole numbers within its limits) and says why in its answer
    if (raw) limits[field] = Number(raw);
  }
  change(event.submitter ?? $('limits-form').querySelector('button'), () => api.opsLimits(concertId, limits));
});

$('pause').addEventListener('click', () => change($('pause'), () => api.opsPause(concertId)));
$('resume').addEventListener('click', () => change($('resume'), () => api.opsResume(concertId)));

$('opening-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const button = event.submitter ?? $('opening-form').querySelector('button');
  const raw = $('opens-at').value;
  if (!raw || Number.isNaN(new Date(raw).getTime())) {
    clearError();
    showError('Enter the date and time of the opening.');
    $('opens-at').focus();
    return;
  }
  // a datetime-local value is the reader's local time; the API takes an instant
  change(button, () => api.opsOpensAt(concertId, new Date(raw).toISOString()));
});

// ---- start-up --------------------------------------------------------------------------------------------------------

$('error-close').addEventListener('click', clearError);
window.addEventListener('error', (event) => showError(`Something went wrong in this page: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => handleError(event.reason));
// the booking page on the same gateway (?api=… kept)
document.querySelector('.footer-link a').href = `./${location.search.includes('api=') ? `?api=${encodeURIComponent(apiBase())}` : ''}`;
showLogin();
