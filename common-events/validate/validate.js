'use strict';
// Validates common-events' AsyncAPI document offline: the AsyncAPI 3 parser (@asyncapi/parser: the specification's
// JSON Schema, its Spectral rules, every $ref resolved, each payload checked as a draft-07 JSON Schema), then the
// project's rules: one channel per topic of Topics.java (the dead-letter topics too), one message per event schema
// file (schemas/<eventType>-<version>.json), whose name is the schema's eventType, no schema file left out, and the
// CloudEvents headers (ce_id, ce_source, ce_type, ce_specversion, ce_time) required on every event message.
//
//   node validate.js <asyncapi.yaml> <Topics.java>
//
// Prints every problem; exits 1 when there is one. @asyncapi/cli is not used: 6.x needs Node >= 24, and the older
// releases pull in the generator, modelina and Spectral's CLI and report adoption metrics over the network by default.

const fs = require('node:fs');
const path = require('node:path');
const { Parser, fromFile, DiagnosticSeverity } = require('@asyncapi/parser');

/** What OutboxRelay puts on every record (EventHeaders.java): the CloudEvents Kafka binding's required attributes. */
const CLOUD_EVENTS_HEADERS = ['ce_id', 'ce_source', 'ce_type', 'ce_specversion', 'ce_time'];

/** The topic names of Topics.java: the constants ending in EVENTS, and each with the dead-letter suffix. */
function topicsOf(topicsFile) {
  const source = fs.readFileSync(topicsFile, 'utf8');
  const topics = [...source.matchAll(/public static final String [A-Z_]*EVENTS = "([^"]+)"/g)].map((m) => m[1]);
  const suffix = /DEAD_LETTER_SUFFIX = "([^"]+)"/.exec(source);
  if (!topics.length || !suffix) throw new Error(`no topics or dead-letter suffix found in ${topicsFile}`);
  return [...topics, ...topics.map((t) => t + suffix[1])];
}

/** Every problem of the document, as strings; [] when valid. */
async function problemsOf(documentFile, topics) {
  const problems = [];
  const { document, diagnostics } = await fromFile(new Parser(), documentFile).parse();
  for (const d of diagnostics) {
    if (d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning) {
      problems.push(`${d.severity === DiagnosticSeverity.Error ? 'error' : 'warning'} ${d.code} at `
        + `${(d.path || []).join('/') || '/'}: ${d.message}`);
    }
  }
  if (!document) return problems.length ? problems : ['the parser returned no document'];

  const addresses = document.channels().all().map((c) => c.address());
  for (const topic of topics) {
    if (!addresses.includes(topic)) problems.push(`no channel for topic ${topic} (Topics.java)`);
  }
  for (const address of addresses) {
    if (!topics.includes(address)) problems.push(`channel ${address} is not a topic of Topics.java`);
  }

  const schemaDir = path.join(path.dirname(documentFile), 'schemas');
  const schemaFiles = fs.existsSync(schemaDir) ? fs.readdirSync(schemaDir).filter((f) => f.endsWith('.json')) : [];
  const referenced = new Set();
  const raw = fs.readFileSync(documentFile, 'utf8');
  for (const match of raw.matchAll(/\$ref: '\.\/schemas\/([^']+)'/g)) referenced.add(match[1]);
  for (const file of schemaFiles) {
    if (!referenced.has(file)) problems.push(`schemas/${file} is not the payload of any message`);
  }
  for (const message of document.components().messages().all()) {
    const name = message.name();
    if (name === 'DeadLetter') continue;
    const schema = message.payload()?.json()?.schema || {};
    const eventType = schema.properties?.eventType?.const;
    if (eventType !== name) problems.push(`message ${name}: its payload's eventType is ${eventType}, not ${name}`);
    if (!(schema.required || []).includes('eventId')) problems.push(`message ${name}: eventId is not required`);
    const headers = message.headers()?.json() || {};
    for (const attribute of CLOUD_EVENTS_HEADERS) {
      if (!(headers.required || []).includes(attribute)) {
        problems.push(`message ${name}: header ${attribute} (CloudEvents) is not required`);
      }
    }
  }
  for (const channel of document.channels().all().filter((c) => !c.address().endsWith('.dlt'))) {
    for (const message of channel.messages().all()) {
      if (!message.bindings().has('kafka') || !message.bindings().get('kafka').value().key) {
        problems.push(`message ${message.name()} on ${channel.address()}: no Kafka key`);
      }
    }
    const operations = channel.operations().all();
    if (!operations.some((o) => o.action() === 'send')) problems.push(`channel ${channel.address()}: nobody sends`);
    if (!operations.some((o) => o.action() === 'receive')) problems.push(`channel ${channel.address()}: nobody receives`);
  }
  return problems;
}

async function main([documentFile, topicsFile]) {
  if (!documentFile || !topicsFile) {
    console.error('usage: node validate.js <asyncapi.yaml> <Topics.java>');
    return 2;
  }
  const problems = await problemsOf(documentFile, topicsOf(topicsFile));
  for (const p of problems) console.log(`  FAIL ${p}`);
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${path.basename(documentFile)}: AsyncAPI parser + project rules: `
    + `${problems.length} problem(s)`);
  return problems.length ? 1 : 0;
}

module.exports = { problemsOf, topicsOf };

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
