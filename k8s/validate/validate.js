'use strict';
// Checks rendered overlays (kubectl kustomize output) offline: Kubernetes API schema, unknown fields, project rules.
//
//   node validate.js [--secrets <rendered base/secrets>] [--pom <pom.xml>] [--runbooks <docs/runbooks.md>]
//                    <overlay>=<rendered.yaml> ...
//
// Prints every problem and one summary line per overlay; exits 1 when anything failed.

const fs = require('node:fs');
const yaml = require('js-yaml');
const { schemaErrors, unknownFields } = require('./schema.js');
const { checkRules } = require('./rules.js');

function loadObjects(file) {
  return yaml.loadAll(fs.readFileSync(file, 'utf8')).filter((o) => o && typeof o === 'object');
}

/** The version of the parent pom (the tag jib gives every image), or undefined. */
function projectVersion(pomFile) {
  if (!pomFile || !fs.existsSync(pomFile)) return undefined;
  const pom = fs.readFileSync(pomFile, 'utf8').replace(/<parent>[\s\S]*?<\/parent>/, '');
  const match = /<version>([^<]+)<\/version>/.exec(pom);
  return match ? match[1].trim() : undefined;
}

/** The heading anchors of a Markdown file, as GitHub makes them (lower case, punctuation dropped, spaces to -). */
function headingAnchors(markdownFile) {
  if (!markdownFile || !fs.existsSync(markdownFile)) return undefined;
  return [...fs.readFileSync(markdownFile, 'utf8').matchAll(/^#{1,6}\s+(.+?)\s*$/gm)]
    .map((m) => m[1].toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-'));
}

/** Every problem of one rendered overlay: [{check, object, message}]. */
function checkOverlay(objects, options) {
  const problems = [];
  for (const o of objects) {
    const name = `${o.kind}/${o.metadata && o.metadata.name}`;
    for (const message of schemaErrors(o)) problems.push({ check: 'schema', object: name, message });
    for (const message of unknownFields(o)) problems.push({ check: 'unknown-field', object: name, message });
  }
  for (const p of checkRules(objects, options)) {
    problems.push({ check: `rule:${p.rule}`, object: p.object, message: p.message });
  }
  return problems;
}

function main(argv) {
  const overlays = [];
  let secretContract = [];
  let pom;
  let runbookAnchors;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--secrets') secretContract = loadObjects(argv[++i]);
    else if (argv[i] === '--pom') pom = argv[++i];
    else if (argv[i] === '--runbooks') runbookAnchors = headingAnchors(argv[++i]);
    else {
      const [name, file] = argv[i].split('=');
      overlays.push({ name, file });
    }
  }
  if (!overlays.length) {
    console.error('usage: node validate.js [--secrets file] [--pom pom.xml] [--runbooks runbooks.md] '
      + '<overlay>=<file> ...');
    return 2;
  }
  const version = projectVersion(pom);
  let failed = 0;
  for (const { name, file } of overlays) {
    const objects = loadObjects(file);
    const problems = checkOverlay(objects, { overlay: name, secretContract, projectVersion: version,
      runbookAnchors });
    for (const p of problems) console.log(`  FAIL ${name}: [${p.check}] ${p.object}: ${p.message}`);
    const kinds = new Set(objects.map((o) => o.kind)).size;
    console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}: ${objects.length} objects of ${kinds} kinds, `
      + `schema + unknown fields + project rules: ${problems.length} problem(s)`);
    if (problems.length) failed++;
  }
  return failed ? 1 : 0;
}

module.exports = { checkOverlay, loadObjects, projectVersion, headingAnchors };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
