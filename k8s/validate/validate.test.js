'use strict';
// The checks must pass on the real overlays and must bite: each test breaks a rendered overlay the way a careless
// edit would and expects the specific problem. Renders with `kubectl kustomize` (or reads K8S_RENDERED_DIR/<name>.yaml).

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const yaml = require('js-yaml');
const { checkOverlay, projectVersion, headingAnchors } = require('./validate.js');
const { ruleFiles } = require('./rule-files.js');

const K8S = path.resolve(__dirname, '..');
const VERSION = projectVersion(path.join(K8S, '..', 'pom.xml'));
const RUNBOOK_ANCHORS = headingAnchors(path.join(K8S, '..', 'docs', 'runbooks.md'));

function render(dir) {
  const rendered = process.env.K8S_RENDERED_DIR && path.join(process.env.K8S_RENDERED_DIR, `${path.basename(dir)}.yaml`);
  const text = rendered && fs.existsSync(rendered)
    ? fs.readFileSync(rendered, 'utf8')
    : execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return yaml.loadAll(text).filter(Boolean);
}

const rendered = {
  local: render(path.join(K8S, 'overlays', 'local')),
  production: render(path.join(K8S, 'overlays', 'production')),
  secrets: render(path.join(K8S, 'base', 'secrets')),
};

function overlay(name) {
  return structuredClone(rendered[name]);
}

function problems(name, objects, secretContract = rendered.secrets) {
  return checkOverlay(objects, { overlay: name, secretContract, projectVersion: VERSION,
    runbookAnchors: RUNBOOK_ANCHORS });
}

function find(objects, kind, name) {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  assert.ok(found, `${kind}/${name} in the rendered overlay`);
  return found;
}

function container(objects, name) {
  return find(objects, 'Deployment', name).spec.template.spec.containers[0];
}

function configMap(objects, key) {
  return objects.find((o) => o.kind === 'ConfigMap' && o.data && key in o.data);
}

function assertProblem(list, check, fragment) {
  assert.ok(list.some((p) => p.check === check && p.message.includes(fragment)),
    `expected [${check}] "${fragment}" among:\n${list.map((p) => `  [${p.check}] ${p.object}: ${p.message}`).join('\n')}`);
}

test('the local and production overlays pass every check', () => {
  assert.deepEqual(problems('local', overlay('local')), []);
  assert.deepEqual(problems('production', overlay('production')), []);
});

test('a misspelt field is an unknown field, and the probe it was meant to be is missing', () => {
  const objects = overlay('local');
  const c = container(objects, 'payment-service');
  c.livenesProbe = c.livenessProbe;
  delete c.livenessProbe;
  const list = problems('local', objects);
  assertProblem(list, 'unknown-field', 'containers[0].livenesProbe: unknown field');
  assertProblem(list, 'rule:probes', 'container payment-service has no livenessProbe');
});

test('a wrong type is a schema error', () => {
  const objects = overlay('local');
  container(objects, 'queue-service').ports[0].containerPort = 'http';
  assertProblem(problems('local', objects), 'schema', 'containerPort must be integer');
});

test('a container without readiness probe or memory limit is refused, infrastructure included', () => {
  const objects = overlay('production');
  delete find(objects, 'StatefulSet', 'redis').spec.template.spec.containers[0].readinessProbe;
  delete container(objects, 'concert-service').resources.limits.memory;
  const list = problems('production', objects);
  assertProblem(list, 'rule:probes', 'container redis has no readinessProbe');
  assertProblem(list, 'rule:resources', 'container concert-service has no resources.limits.memory');
});

test('root is refused', () => {
  const objects = overlay('local');
  const mysql = find(objects, 'StatefulSet', 'mysql');
  mysql.spec.template.spec.securityContext.runAsNonRoot = false;
  mysql.spec.template.spec.containers[0].securityContext.runAsNonRoot = false;
  assertProblem(problems('local', objects), 'rule:non-root', 'container mysql does not set runAsNonRoot: true');
});

test('images must be the five names jib builds, with the project version locally', () => {
  const objects = overlay('local');
  container(objects, 'gateway-service').image = 'ticketing/gateway:0.1.0-SNAPSHOT';
  container(objects, 'queue-service').image = 'ticketing/queue-service:0.0.9';
  const list = problems('local', objects);
  assertProblem(list, 'rule:images', 'image ticketing/gateway:0.1.0-SNAPSHOT is not ticketing/gateway-service');
  assertProblem(list, 'rule:images', `local image tag 0.0.9 is not the project version ${VERSION}`);
});

test('an env key missing from its ConfigMap or Secret is refused', () => {
  const objects = overlay('production');
  delete configMap(objects, 'QUEUE_CAPACITY').data.QUEUE_CAPACITY;
  const list = problems('production', objects, rendered.secrets.filter((s) => s.metadata.name !== 'payment-db'));
  assertProblem(list, 'rule:env-refs', 'env QUEUE_CAPACITY: ConfigMap');
  assertProblem(list, 'rule:env-refs', 'env MYSQL_PASSWORD: Secret payment-db does not exist');
});

test('each service gets exactly its contract of environment variables', () => {
  const objects = overlay('local');
  const c = container(objects, 'concert-service');
  c.env = c.env.filter((e) => e.name !== 'CONCERT_HOLD_DURATION');
  c.env.push({ name: 'QUEUE_CAPACITY', value: '5' });
  const list = problems('local', objects);
  assertProblem(list, 'rule:env-contract', 'env CONCERT_HOLD_DURATION is missing');
  assertProblem(list, 'rule:env-contract', 'env QUEUE_CAPACITY is not in the service');
});

test('a NetworkPolicy opening a call outside the call graph, or closing one in it, is refused', () => {
  const objects = overlay('local');
  find(objects, 'NetworkPolicy', 'gateway-service-egress').spec.egress.push({
    to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'mysql' } } }],
    ports: [{ protocol: 'TCP', port: 3306 }],
  });
  find(objects, 'NetworkPolicy', 'mysql-ingress').spec.ingress[0].from.push(
    { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway-service' } } });
  const paymentEgress = find(objects, 'NetworkPolicy', 'payment-service-egress');
  paymentEgress.spec.egress = paymentEgress.spec.egress.filter((r) => r.to[0].podSelector.matchLabels['app.kubernetes.io/name'] !== 'user-point-service');
  const list = problems('local', objects);
  assertProblem(list, 'rule:network', 'gateway-service -> mysql:3306 is allowed but not in the call graph');
  assertProblem(list, 'rule:network', 'payment-service -> user-point-service:8084 is not allowed');
});

test('the Ingress exposes nothing but the gateway\'s API', () => {
  const objects = overlay('production');
  const path = find(objects, 'Ingress', 'ticketing').spec.rules[0].http.paths[0];
  path.backend.service.name = 'payment-service';
  path.path = '/';
  const list = problems('production', objects);
  assertProblem(list, 'rule:exposure', 'routes to payment-service');
  assertProblem(list, 'rule:exposure', 'path / exposes more than /api');
});

test('production never renders Secrets', () => {
  const objects = overlay('production');
  objects.push(...structuredClone(rendered.secrets));
  assertProblem(problems('production', objects), 'rule:secrets', 'mysql-root, payment-db, queue-admission-signing-key, user-point-db, user-point-signing-key: apply would overwrite');
});

test('Redis must keep the waiting room: AOF every second, no eviction', () => {
  const objects = overlay('local');
  const redis = configMap(objects, 'redis.conf');
  redis.data['redis.conf'] = redis.data['redis.conf'].replace('maxmemory-policy noeviction', 'maxmemory-policy allkeys-lru');
  assertProblem(problems('local', objects), 'rule:redis', 'redis.conf lacks "maxmemory-policy noeviction"');
});

test('replication settings must fit the brokers', () => {
  const objects = overlay('local');
  configMap(objects, 'TICKETING_EVENTS_REPLICATION_FACTOR').data.TICKETING_EVENTS_REPLICATION_FACTOR = '3';
  assertProblem(problems('local', objects), 'rule:kafka', 'TICKETING_EVENTS_REPLICATION_FACTOR=3 does not fit 1 broker(s)');
  const production = overlay('production');
  find(production, 'StatefulSet', 'kafka').spec.replicas = 1;
  assertProblem(problems('production', production), 'rule:kafka', '1 brokers but 3 quorum voters');
});

test('the topics Job runs common-events\' CreateTopics from an image with common-events, replicated like the services', () => {
  const objects = overlay('production');
  configMap(objects, 'DLT_RETENTION_MS').data.REPLICATION_FACTOR = '1';
  const job = find(objects, 'Job', 'kafka-topics').spec.template.spec.containers[0];
  job.image = 'registry.example.com/ticketing/gateway-service:0.1.0';
  let list = problems('production', objects);
  assertProblem(list, 'rule:kafka', 'REPLICATION_FACTOR=1 differs');
  assertProblem(list, 'rule:kafka', 'gateway-service:0.1.0 does not contain common-events');

  const local = overlay('local');
  const localJob = find(local, 'Job', 'kafka-topics').spec.template.spec.containers[0];
  localJob.image = 'ticketing/concert-service:0.0.9';
  assertProblem(problems('local', local), 'rule:kafka', 'image tag 0.0.9 is not the project version');
  localJob.image = 'apache/kafka:4.1.2';
  localJob.command = ['/bin/bash', '/scripts/create-topics.sh'];
  assertProblem(problems('local', local), 'rule:kafka', 'the topics Job does not run dev.ticketing.events.CreateTopics');
});

test('the mariadb profile never reaches MySQL 8', () => {
  const objects = overlay('local');
  configMap(objects, 'SPRING_PROFILES_ACTIVE').data.SPRING_PROFILES_ACTIVE = 'mariadb,demo';
  assertProblem(problems('local', objects), 'rule:config', 'SPRING_PROFILES_ACTIVE includes mariadb');
});

test('an autoscaled Deployment must not pin its replicas, and graceful shutdown needs its time', () => {
  const objects = overlay('production');
  const concert = find(objects, 'Deployment', 'concert-service');
  concert.spec.replicas = 3;
  concert.spec.template.spec.terminationGracePeriodSeconds = 30;
  const list = problems('production', objects);
  assertProblem(list, 'rule:availability', 'sets replicas although an HPA owns the count');
  assertProblem(list, 'rule:shutdown', 'terminationGracePeriodSeconds 30');
});

// ---- monitoring ----

function alertRules(objects) {
  return find(objects, 'PrometheusRule', 'ticketing-alerts').spec.groups.flatMap((g) => g.rules);
}

function alert(objects, name) {
  const found = alertRules(objects).find((r) => r.alert === name);
  assert.ok(found, `alert ${name}`);
  return found;
}

test('a service nobody scrapes is refused: its ServiceMonitor deleted, or pointed at a port the Service lacks', () => {
  const deleted = overlay('production').filter((o) => !(o.kind === 'ServiceMonitor' && o.metadata.name === 'queue-service'));
  assertProblem(problems('production', deleted), 'rule:monitoring', 'no ServiceMonitor scrapes /actuator/prometheus');
  const wrongPort = overlay('production');
  find(wrongPort, 'ServiceMonitor', 'payment-service').spec.endpoints[0].port = 'metrics';
  const list = problems('production', wrongPort);
  assertProblem(list, 'rule:monitoring', 'no ServiceMonitor scrapes');
  assert.ok(list.some((p) => p.object === 'Service/payment-service'));
});

test('an alert without severity, or whose runbook heading does not exist, is refused', () => {
  const objects = overlay('production');
  delete alert(objects, 'HoldsOverdue').labels.severity;
  alert(objects, 'OutboxBacklog').annotations.runbook_url = 'docs/runbooks.md#outbox-backlog-typo';
  delete alert(objects, 'CircuitBreakerOpen').annotations.runbook_url;
  const list = problems('production', objects);
  assertProblem(list, 'rule:monitoring', 'alert HoldsOverdue has no severity');
  assertProblem(list, 'rule:monitoring', 'alert OutboxBacklog: docs/runbooks.md has no heading #outbox-backlog-typo');
  assertProblem(list, 'rule:monitoring', 'alert CircuitBreakerOpen has no runbook_url');
});

test('every alert has its runbook heading, and the dashboard is JSON with a query in every panel', () => {
  for (const r of alertRules(overlay('production'))) {
    assert.ok(RUNBOOK_ANCHORS.includes(r.annotations.runbook_url.split('#')[1]), r.alert);
  }
  const objects = overlay('local');
  const dashboard = find(objects, 'ConfigMap', 'grafana-dashboard-ticketing');
  const json = JSON.parse(dashboard.data['opening-day.json']);
  json.panels.find((p) => p.title === 'Holds/s').targets = [];
  dashboard.data['opening-day.json'] = JSON.stringify(json);
  assertProblem(problems('local', objects), 'rule:monitoring', 'panel "Holds/s" has no query');
  dashboard.data['opening-day.json'] = '{"uid": ';
  assertProblem(problems('local', objects), 'rule:monitoring', 'opening-day.json is not JSON');
});

const TESTS_FILE = path.join(K8S, 'base', 'monitoring', 'alerts.test.yaml');

test('the promtool tests see every alert fire and stay quiet', () => {
  const tests = yaml.load(fs.readFileSync(TESTS_FILE, 'utf8')).tests.flatMap((t) => t.alert_rule_test || []);
  for (const r of alertRules(overlay('production'))) {
    assert.ok(tests.some((t) => t.alertname === r.alert && (t.exp_alerts || []).length), `${r.alert} seen firing`);
    assert.ok(tests.some((t) => t.alertname === r.alert && !(t.exp_alerts || []).length), `${r.alert} seen quiet`);
  }
});

const promtool = (() => {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function promtoolTest(groups) {
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'alerts-'));
  try {
    fs.writeFileSync(path.join(dir, 'ticketing-alerts.rules.yaml'), yaml.dump({ groups }, { lineWidth: -1 }));
    fs.copyFileSync(TESTS_FILE, path.join(dir, 'alerts.test.yaml'));
    execFileSync('promtool', ['test', 'rules', path.join(dir, 'alerts.test.yaml')], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (error) {
    return `${error.stdout || ''}${error.stderr || ''}` || String(error);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('promtool: the tests pass on the rules as shipped and fail on a raised threshold, a dropped for, a lost label',
  { skip: !promtool && 'promtool not installed' }, () => {
    const rules = ruleFiles(overlay('production'));
    assert.equal(rules.length, 1);
    assert.equal(promtoolTest(rules[0].groups), '');

    const broken = (change) => {
      const groups = structuredClone(rules[0].groups);
      change(groups.flatMap((g) => g.rules));
      return promtoolTest(groups);
    };
    const byName = (list, name) => list.find((r) => r.alert === name);
    assert.match(broken((list) => { byName(list, 'OutboxBacklog').expr = 'max by (namespace, service) (ticketing_outbox_backlog) > 1000'; }),
      /FAILED[\s\S]*OutboxBacklog/);
    assert.match(broken((list) => { delete byName(list, 'HoldsOverdue').for; }), /FAILED[\s\S]*HoldsOverdue/);
    assert.match(broken((list) => {
      byName(list, 'GatewayErrorRatio').expr = byName(list, 'GatewayErrorRatio').expr.replaceAll(', uri!~"/actuator.*"', '');
    }), /FAILED[\s\S]*GatewayErrorRatio/);
    assert.match(broken((list) => {
      byName(list, 'WaitingRoomStalled').expr = 'sum by (namespace) (increase(queue_admitted_total[10m])) == 0';
    }), /FAILED[\s\S]*WaitingRoomStalled/);
  });
