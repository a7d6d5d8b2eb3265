'use strict';
// The validation must pass on the real document and must bite: each test breaks a copy of it the way a careless edit
// would and expects the problem.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { problemsOf, topicsOf } = require('./validate.js');

const ASYNCAPI_DIR = path.resolve(__dirname, '..', 'src', 'main', 'resources', 'asyncapi');
const TOPICS = topicsOf(path.resolve(__dirname, '..', 'src', 'main', 'java', 'dev', 'ticketing', 'events', 'Topics.java'));

/** Problems of a copy of the asyncapi folder after change(dir) edited it. */
async function problemsAfter(change) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asyncapi-'));
  try {
    fs.cpSync(ASYNCAPI_DIR, dir, { recursive: true });
    change(dir);
    return await problemsOf(path.join(dir, 'asyncapi.yaml'), TOPICS);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function edit(file, from, to) {
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${path.basename(file)} contains ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

function assertProblem(list, fragment) {
  assert.ok(list.some((p) => p.includes(fragment)), `expected "${fragment}" among:\n${list.join('\n')}`);
}

test('the document is valid AsyncAPI and covers every topic of Topics.java, the dead-letter topics too', async () => {
  assert.deepEqual(TOPICS, ['ticketing.reservation-events', 'ticketing.payment-events',
    'ticketing.reservation-events.dlt', 'ticketing.payment-events.dlt']);
  assert.deepEqual(await problemsOf(path.join(ASYNCAPI_DIR, 'asyncapi.yaml'), TOPICS), []);
});

test('an AsyncAPI 2 keyword is refused by the parser', async () => {
  const list = await problemsAfter((dir) => edit(path.join(dir, 'asyncapi.yaml'),
    'action: send\n    channel:\n      $ref: \'#/channels/reservationEvents\'',
    'action: publish\n    channel:\n      $ref: \'#/channels/reservationEvents\''));
  assertProblem(list, 'error');
});

test('a reference to a missing schema file, or a payload that is no JSON Schema, is refused', async () => {
  assertProblem(await problemsAfter((dir) => fs.rmSync(path.join(dir, 'schemas', 'PaymentRefunded-1.0.json'))),
    'error');
  assertProblem(await problemsAfter((dir) => edit(path.join(dir, 'schemas', 'SeatReserved-1.0.json'),
    '"type": "integer"', '"type": "integr"')), 'error');
});

test('a topic without channel, a message without key, a schema file nobody uses are refused', async () => {
  assertProblem(await problemsAfter((dir) => edit(path.join(dir, 'asyncapi.yaml'),
    'address: ticketing.payment-events.dlt', 'address: ticketing.payment-events.dead')),
  'no channel for topic ticketing.payment-events.dlt');
  assertProblem(await problemsAfter((dir) => edit(path.join(dir, 'asyncapi.yaml'),
    `      bindings:
        $ref: '#/components/messageBindings/reservationKey'
    SeatReleased:`, `    SeatReleased:`)), 'message SeatReserved on ticketing.reservation-events: no Kafka key');
  assertProblem(await problemsAfter((dir) => fs.copyFileSync(path.join(dir, 'schemas', 'SeatReserved-1.0.json'),
    path.join(dir, 'schemas', 'SeatReserved-2.0.json'))), 'schemas/SeatReserved-2.0.json is not the payload of any message');
});

test('a message whose schema is another event\'s is refused', async () => {
  assertProblem(await problemsAfter((dir) => edit(path.join(dir, 'asyncapi.yaml'),
    "$ref: './schemas/SeatReleased-1.0.json'", "$ref: './schemas/SeatReserved-1.0.json'")),
  'message SeatReleased: its payload\'s eventType is SeatReserved');
});

test('an event message whose headers do not require a CloudEvents attribute is refused', async () => {
  assertProblem(await problemsAfter((dir) => edit(path.join(dir, 'asyncapi.yaml'),
    'required: [ce_id, ce_source, ce_type, ce_specversion, ce_time,', 'required: [ce_id, ce_source, ce_type, ce_time,')),
  'message SeatReserved: header ce_specversion (CloudEvents) is not required');
});
