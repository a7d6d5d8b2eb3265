'use strict';
// Writes the rule groups of every PrometheusRule in a rendered overlay as a Prometheus rule file, for promtool:
//
//   node rule-files.js <rendered.yaml> <output dir>     -> <output dir>/<PrometheusRule name>.rules.yaml
//
// The PrometheusRule is the one source of the alerts; promtool reads plain rule files, whose content is its spec.

const fs = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');
const { loadObjects } = require('./validate.js');

/** {name, groups} of each PrometheusRule among the objects. */
function ruleFiles(objects) {
  return objects
    .filter((o) => o.apiVersion === 'monitoring.coreos.com/v1' && o.kind === 'PrometheusRule')
    .map((o) => ({ name: o.metadata.name, groups: o.spec.groups }));
}

function main([rendered, outDir]) {
  if (!rendered || !outDir) {
    console.error('usage: node rule-files.js <rendered.yaml> <output dir>');
    return 2;
  }
  const files = ruleFiles(loadObjects(rendered));
  if (!files.length) {
    console.error(`no PrometheusRule in ${rendered}`);
    return 1;
  }
  fs.mkdirSync(outDir, { recursive: true });
  for (const { name, groups } of files) {
    fs.writeFileSync(path.join(outDir, `${name}.rules.yaml`), yaml.dump({ groups }, { lineWidth: -1 }));
  }
  return 0;
}

module.exports = { ruleFiles };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
