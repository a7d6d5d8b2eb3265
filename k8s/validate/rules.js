'use strict';
// The project's rules for a rendered overlay: what the API server would accept but ops must never get. Each rule
// returns problems as {rule, object, message}; an empty list means the overlay keeps the rule.

/** The consumer-group settings of every service with a Kafka consumer (common-events' defaults, overridden here). */
const KAFKA_CONSUMER = ['KAFKA_GROUP_INSTANCE_ID', 'KAFKA_CONSUMER_SESSION_TIMEOUT_MS',
  'KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS'];

/** The five services, their ports (docs/conventions.md) and the exact environment each one is given. */
const SERVICES = {
  'gateway-service': {
    port: 8080,
    env: ['PORT', 'REDIS_HOST', 'REDIS_PORT', 'QUEUE_URL', 'CONCERT_URL', 'PAYMENT_URL', 'USER_POINT_URL',
      'AUTH_ISSUER', 'AUTH_JWK_SET_URI', 'TRUSTED_PROXY_HOPS', 'CORS_ALLOWED_ORIGINS', 'SPRING_PROFILES_ACTIVE',
      'TRACING_SAMPLING',
      'ADMISSION_SIGNING_KEY_ID', 'ADMISSION_SIGNING_PUBLIC_KEY', 'ADMISSION_PREVIOUS_KEY_ID',
      'ADMISSION_PREVIOUS_PUBLIC_KEY'],
  },
  'queue-service': {
    port: 8081,
    env: ['PORT', 'REDIS_HOST', 'REDIS_PORT', 'REDIS_RECONNECT_MAX_DELAY', 'KAFKA_BOOTSTRAP_SERVERS',
      ...KAFKA_CONSUMER, 'TICKETING_EVENTS_REPLICATION_FACTOR', 'QUEUE_CAPACITY', 'QUEUE_ADMISSION_INTERVAL', 'QUEUE_ACTIVE_TTL',
      'QUEUE_SCHEDULER_PERIOD', 'QUEUE_DEFAULT_ROOM_ENABLED', 'SPRING_PROFILES_ACTIVE',
      'TRACING_SAMPLING',
      'ADMISSION_SIGNING_KEY_ID', 'ADMISSION_SIGNING_PUBLIC_KEY', 'ADMISSION_SIGNING_PRIVATE_KEY',
      'ADMISSION_PREVIOUS_KEY_ID', 'ADMISSION_PREVIOUS_PUBLIC_KEY'],
  },
  'concert-service': {
    port: 8082,
    env: ['PORT', 'MYSQL_URL', 'MYSQL_USER', 'MYSQL_PASSWORD', 'KAFKA_BOOTSTRAP_SERVERS', ...KAFKA_CONSUMER,
      'TICKETING_EVENTS_REPLICATION_FACTOR', 'CONCERT_HOLD_DURATION', 'CONCERT_MAX_HOLDS_PER_USER',
      'CONCERT_MAX_SEATS_PER_USER_AND_DATE', 'CONCERT_RELEASE_INTERVAL', 'SPRING_PROFILES_ACTIVE', 'TRACING_SAMPLING',
      'IDEMPOTENCY_KEY_RETENTION'],
  },
  'payment-service': {
    port: 8083,
    env: ['PORT', 'MYSQL_URL', 'MYSQL_USER', 'MYSQL_PASSWORD', 'KAFKA_BOOTSTRAP_SERVERS', ...KAFKA_CONSUMER,
      'TICKETING_EVENTS_REPLICATION_FACTOR', 'USER_POINT_URL', 'CONCERT_URL', 'SPRING_PROFILES_ACTIVE',
      'TRACING_SAMPLING',
      'IDEMPOTENCY_KEY_RETENTION'],
  },
  'user-point-service': {
    port: 8084,
    env: ['PORT', 'MYSQL_URL', 'MYSQL_USER', 'MYSQL_PASSWORD', 'KAFKA_BOOTSTRAP_SERVERS', ...KAFKA_CONSUMER,
      'TICKETING_EVENTS_REPLICATION_FACTOR', 'POINTS_MAX_CHARGE', 'POINTS_MAX_BALANCE', 'SPRING_PROFILES_ACTIVE',
      'TRACING_SAMPLING', 'AUTH_ISSUER', 'AUTH_ACCESS_TOKEN_TTL', 'AUTH_BCRYPT_STRENGTH', 'AUTH_LOGIN_FAILURE_WINDOW',
      'AUTH_LOGIN_MAX_FAILURES_PER_USER', 'AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS', 'AUTH_SIGNING_KEY_ID',
      'AUTH_SIGNING_PUBLIC_KEY', 'AUTH_SIGNING_PRIVATE_KEY', 'AUTH_PREVIOUS_KEY_ID', 'AUTH_PREVIOUS_PUBLIC_KEY',
      'IDEMPOTENCY_KEY_RETENTION'],
  },
};
const AUTOSCALED = ['gateway-service', 'queue-service', 'concert-service'];

/** Who may open a connection to whom, and on which port: the call graph of README.md, nothing more. */
const EXPECTED_EDGES = [
  'gateway-service -> queue-service:8081', 'gateway-service -> concert-service:8082',
  'gateway-service -> payment-service:8083', 'gateway-service -> user-point-service:8084',
  'payment-service -> user-point-service:8084',
  'payment-service -> concert-service:8082',
  'user-point-service -> mysql:3306', 'concert-service -> mysql:3306', 'payment-service -> mysql:3306',
  'queue-service -> redis:6379', 'gateway-service -> redis:6379',
  'queue-service -> kafka:9092', 'concert-service -> kafka:9092', 'payment-service -> kafka:9092',
  'user-point-service -> kafka:9092', 'kafka-topics -> kafka:9092', 'kafka -> kafka:9092', 'kafka -> kafka:9093',
];

/** The topics Job's program: common-events' CreateTopics, which creates Topics.ALL (the one list of topics). */
const CREATE_TOPICS = 'dev.ticketing.events.CreateTopics';
/** The service images that contain common-events (their poms depend on it), so the topics Job can run from one. */
const EVENTS_IMAGES = ['queue-service', 'concert-service', 'payment-service'];

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

const id = (o) => `${o.kind}/${o.metadata && o.metadata.name}`;

function podSpecOf(o) {
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  return o.spec?.template?.spec;
}

function containersOf(o) {
  const spec = podSpecOf(o) || {};
  return [...(spec.initContainers || []), ...(spec.containers || [])];
}

function appName(o) {
  return o.spec?.template?.metadata?.labels?.['app.kubernetes.io/name'] || o.metadata?.labels?.['app.kubernetes.io/name'];
}

function imageName(image) {
  const withoutDigest = String(image).split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) }
    : { name: withoutDigest, tag: '' };
}

function matches(selector, labels) {
  if (!selector) return false;
  const matchLabels = selector.matchLabels || {};
  const ok = Object.entries(matchLabels).every(([k, v]) => (labels || {})[k] === v);
  const expressions = selector.matchExpressions || [];
  const okExpr = expressions.every((e) => {
    const value = (labels || {})[e.key];
    switch (e.operator) {
      case 'In': return e.values.includes(value);
      case 'NotIn': return !e.values.includes(value);
      case 'Exists': return value !== undefined;
      case 'DoesNotExist': return value === undefined;
      default: return false;
    }
  });
  return ok && okExpr;
}

function durationSeconds(value) {
  return typeof value === 'number' ? value : Number.NaN;
}

/**
 * @param objects         every object of the rendered overlay
 * @param options.overlay the overlay's name ("local", "production", ...)
 * @param options.secretContract Secrets the overlay expects to exist although it does not render them
 *                        (production creates them out of band): their names and keys
 * @param options.projectVersion the Maven project version: the tag jib gives the images
 * @param options.runbookAnchors the heading anchors of docs/runbooks.md (alerts' runbook_url must hit one)
 */
function checkRules(objects, options = {}) {
  const problems = [];
  const fail = (rule, object, message) => problems.push({ rule, object: object ? id(object) : '-', message });
  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  const configMaps = new Map(byKind('ConfigMap').map((o) => [o.metadata.name, o]));
  const secrets = new Map(byKind('Secret').map((o) => [o.metadata.name, o]));
  const contract = new Map((options.secretContract || []).map((o) => [o.metadata.name, o]));
  const workloads = objects.filter((o) => WORKLOADS.has(o.kind));
  const longRunning = workloads.filter((o) => o.kind !== 'Job' && o.kind !== 'CronJob');

  // -- every container: probes (long-running ones), requests and limits, non-root, restricted pod security --
  for (const w of workloads) {
    const pod = podSpecOf(w) || {};
    for (const c of containersOf(w)) {
      const where = `container ${c.name}`;
      const isInit = (pod.initContainers || []).includes(c);
      if (longRunning.includes(w) && !isInit) {
        if (!c.livenessProbe) fail('probes', w, `${where} has no livenessProbe`);
        if (!c.readinessProbe) fail('probes', w, `${where} has no readinessProbe`);
      }
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (!c.resources?.[kind]?.[resource]) fail('resources', w, `${where} has no resources.${kind}.${resource}`);
        }
      }
      const nonRoot = c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
      if (nonRoot !== true) fail('non-root', w, `${where} does not set runAsNonRoot: true`);
      const user = c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
      if (user === 0) fail('non-root', w, `${where} runs as uid 0`);
      if (c.securityContext?.allowPrivilegeEscalation !== false) {
        fail('pod-security', w, `${where} does not set allowPrivilegeEscalation: false`);
      }
      if (!(c.securityContext?.capabilities?.drop || []).includes('ALL')) {
        fail('pod-security', w, `${where} does not drop ALL capabilities`);
      }
      const seccomp = c.securityContext?.seccompProfile?.type ?? pod.securityContext?.seccompProfile?.type;
      if (!['RuntimeDefault', 'Localhost'].includes(seccomp)) {
        fail('pod-security', w, `${where} has no RuntimeDefault seccomp profile`);
      }
    }
    if (pod.enableServiceLinks !== false) {
      fail('pod-security', w, 'enableServiceLinks is not false (docker-style *_PORT variables would shadow config)');
    }
    if (pod.automountServiceAccountToken !== false) {
      fail('pod-security', w, 'automountServiceAccountToken is not false (no pod here talks to the API server)');
    }
  }

  // -- env and envFrom references resolve to keys that exist --
  const lookup = (kind, name) => {
    if (kind === 'ConfigMap') return configMaps.get(name);
    return secrets.get(name) || contract.get(name);
  };
  const keysOf = (o) => new Set([...Object.keys(o.data || {}), ...Object.keys(o.stringData || {}),
    ...Object.keys(o.binaryData || {})]);
  for (const w of workloads) {
    for (const c of containersOf(w)) {
      for (const e of c.env || []) {
        for (const [refField, kind] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']]) {
          const ref = e.valueFrom?.[refField];
          if (!ref || ref.optional) continue;
          const target = lookup(kind, ref.name);
          if (!target) fail('env-refs', w, `env ${e.name}: ${kind} ${ref.name} does not exist`);
          else if (!keysOf(target).has(ref.key)) fail('env-refs', w, `env ${e.name}: ${kind} ${ref.name} has no key ${ref.key}`);
        }
      }
      for (const source of c.envFrom || []) {
        for (const [refField, kind] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']]) {
          const ref = source[refField];
          if (ref && !ref.optional && !lookup(kind, ref.name)) fail('env-refs', w, `envFrom: ${kind} ${ref.name} does not exist`);
        }
      }
    }
    for (const v of podSpecOf(w)?.volumes || []) {
      const ref = v.configMap ? ['ConfigMap', v.configMap] : v.secret ? ['Secret', { ...v.secret, name: v.secret.secretName }] : null;
      if (!ref || ref[1].optional) continue;
      const target = lookup(ref[0], ref[1].name);
      if (!target) fail('env-refs', w, `volume ${v.name}: ${ref[0]} ${ref[1].name} does not exist`);
      for (const item of ref[1].items || []) {
        if (target && !keysOf(target).has(item.key)) fail('env-refs', w, `volume ${v.name}: ${ref[0]} ${ref[1].name} has no key ${item.key}`);
      }
    }
  }

  // -- the five services: image names, ports, probes, shutdown, read-only root, env contract, PDB, HPA --
  for (const [name, service] of Object.entries(SERVICES)) {
    const deployment = byKind('Deployment').find((d) => d.metadata.name === name);
    if (!deployment) {
      fail('services', null, `Deployment ${name} is missing`);
      continue;
    }
    const pod = podSpecOf(deployment);
    const container = (pod.containers || []).find((c) => c.name === name);
    if (!container) {
      fail('services', deployment, `no container named ${name}`);
      continue;
    }
    const image = imageName(container.image);
    if (!(image.name === `ticketing/${name}` || image.name.endsWith(`/ticketing/${name}`))) {
      fail('images', deployment, `image ${container.image} is not ticketing/${name} (the name jib builds)`);
    }
    if (!image.tag || image.tag === 'latest') fail('images', deployment, `image ${container.image} has no release tag`);
    if (options.overlay === 'local' && options.projectVersion && image.tag !== options.projectVersion) {
      fail('images', deployment, `local image tag ${image.tag} is not the project version ${options.projectVersion}`);
    }
    const ports = (container.ports || []).map((p) => p.containerPort);
    if (!ports.includes(service.port)) fail('services', deployment, `containerPort is not ${service.port}`);
    const portEnv = (container.env || []).find((e) => e.name === 'PORT');
    if (!portEnv || portEnv.value !== String(service.port)) fail('services', deployment, `PORT is not "${service.port}"`);
    const probePath = (probe) => probe?.httpGet?.path;
    if (probePath(container.livenessProbe) !== '/actuator/health/liveness') {
      fail('probes', deployment, 'livenessProbe is not GET /actuator/health/liveness');
    }
    if (probePath(container.readinessProbe) !== '/actuator/health/readiness') {
      fail('probes', deployment, 'readinessProbe is not GET /actuator/health/readiness');
    }
    if (!container.startupProbe) fail('probes', deployment, 'no startupProbe');
    const annotations = deployment.spec.template.metadata?.annotations || {};
    if (annotations['prometheus.io/scrape'] !== 'true' || annotations['prometheus.io/path'] !== '/actuator/prometheus'
      || annotations['prometheus.io/port'] !== String(service.port)) {
      fail('services', deployment, 'prometheus.io/scrape, /path, /port annotations do not point at /actuator/prometheus');
    }
    const preStop = durationSeconds(container.lifecycle?.preStop?.sleep?.seconds);
    if (Number.isNaN(preStop)) fail('shutdown', deployment, 'no preStop sleep');
    const grace = pod.terminationGracePeriodSeconds;
    if (!(grace >= (Number.isNaN(preStop) ? 0 : preStop) + 30)) {
      fail('shutdown', deployment, `terminationGracePeriodSeconds ${grace} leaves less than 30 s after the preStop sleep`);
    }
    if (container.securityContext?.readOnlyRootFilesystem !== true) {
      fail('services', deployment, 'readOnlyRootFilesystem is not true');
    }
    const tmp = (container.volumeMounts || []).find((m) => m.mountPath === '/tmp');
    const tmpVolume = tmp && (pod.volumes || []).find((v) => v.name === tmp.name);
    if (!tmpVolume || !tmpVolume.emptyDir) fail('services', deployment, 'no emptyDir mounted at /tmp');
    const env = (container.env || []).map((e) => e.name);
    for (const key of service.env) {
      if (!env.includes(key)) fail('env-contract', deployment, `env ${key} is missing`);
    }
    for (const key of env) {
      if (!service.env.includes(key)) fail('env-contract', deployment, `env ${key} is not in the service's contract`);
    }
    if (!byKind('PodDisruptionBudget').some((p) => matches(p.spec.selector, deployment.spec.template.metadata.labels))) {
      fail('availability', deployment, 'no PodDisruptionBudget selects its pods');
    }
    const hpa = byKind('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef?.kind === 'Deployment'
      && h.spec.scaleTargetRef.name === name);
    if (AUTOSCALED.includes(name)) {
      if (!hpa) fail('availability', deployment, 'no HorizontalPodAutoscaler');
      if (deployment.spec.replicas !== undefined) {
        fail('availability', deployment, 'sets replicas although an HPA owns the count (apply would reset it)');
      }
    }
  }
  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const target = hpa.spec.scaleTargetRef || {};
    if (!objects.some((o) => o.kind === target.kind && o.metadata.name === target.name)) {
      fail('availability', hpa, `scales ${target.kind}/${target.name}, which does not exist`);
    }
  }
  for (const o of workloads) {
    for (const c of containersOf(o)) {
      const image = imageName(c.image);
      const own = /(^|\/)ticketing\/([^/]+)$/.exec(image.name);
      if (own && !SERVICES[own[2]]) fail('images', o, `image ${c.image} is not one of the five service images`);
    }
  }

  // -- Services select pods and name ports that exist --
  for (const svc of byKind('Service')) {
    const selected = workloads.filter((w) => matches({ matchLabels: svc.spec.selector }, w.spec.template?.metadata?.labels));
    if (!selected.length) {
      fail('services', svc, 'selects no pods');
      continue;
    }
    for (const p of svc.spec.ports || []) {
      if (typeof p.targetPort === 'string') {
        const named = selected.some((w) => containersOf(w).some((c) => (c.ports || []).some((cp) => cp.name === p.targetPort)));
        if (!named) fail('services', svc, `targetPort ${p.targetPort} is not a container port name`);
      }
    }
  }

  // -- only the gateway is exposed --
  for (const ingress of byKind('Ingress')) {
    const paths = (ingress.spec.rules || []).flatMap((r) => r.http?.paths || []);
    const backends = [ingress.spec.defaultBackend, ...paths.map((p) => p.backend)].filter(Boolean);
    for (const b of backends) {
      if (b.service?.name !== 'gateway-service') fail('exposure', ingress, `routes to ${b.service?.name}, not gateway-service`);
    }
    if (ingress.spec.defaultBackend) fail('exposure', ingress, 'has a defaultBackend: every path would be public');
    for (const p of paths) {
      if (!/^\/api(\/|$)/.test(p.path || '')) fail('exposure', ingress, `path ${p.path || '(none)'} exposes more than /api (e.g. /actuator)`);
    }
  }
  for (const svc of byKind('Service')) {
    if (['NodePort', 'LoadBalancer'].includes(svc.spec.type)) fail('exposure', svc, `type ${svc.spec.type} exposes it outside the cluster`);
  }

  // -- NetworkPolicies: default deny, DNS, and exactly the expected pod-to-pod edges --
  const policies = byKind('NetworkPolicy');
  const denyAll = policies.some((p) => Object.keys(p.spec.podSelector || {}).length === 0
    && (p.spec.policyTypes || []).includes('Ingress') && (p.spec.policyTypes || []).includes('Egress')
    && !(p.spec.ingress || []).length && !(p.spec.egress || []).length);
  if (!denyAll) fail('network', null, 'no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)');
  const dns = policies.some((p) => Object.keys(p.spec.podSelector || {}).length === 0 && (p.spec.egress || [])
    .some((r) => (r.ports || []).some((port) => port.port === 53)));
  if (!dns) fail('network', null, 'no NetworkPolicy lets every pod reach DNS (port 53)');
  const pods = workloads.map((w) => ({ name: appName(w), labels: w.spec.template?.metadata?.labels || {}, workload: w }));
  const portsOf = (pod) => new Map(containersOf(pod.workload).flatMap((c) => (c.ports || []).map((p) => [p.containerPort, p.name])));
  const allowedBy = (direction, pod, peer, port, portName) => policies.some((p) => {
    if (!(p.spec.policyTypes || []).includes(direction === 'ingress' ? 'Ingress' : 'Egress')) return false;
    if (!matches(p.spec.podSelector, pod.labels) && Object.keys(p.spec.podSelector || {}).length !== 0) return false;
    return (p.spec[direction] || []).some((rule) => {
      const peers = rule[direction === 'ingress' ? 'from' : 'to'];
      const peerOk = !peers || peers.some((x) => x.podSelector && !x.namespaceSelector && !x.ipBlock
        && (Object.keys(x.podSelector).length === 0 || matches(x.podSelector, peer.labels)));
      const portOk = !rule.ports || rule.ports.some((rp) => rp.port === port || (portName && rp.port === portName));
      return peerOk && portOk;
    });
  });
  const actual = [];
  for (const source of pods) {
    for (const target of pods) {
      for (const [port, portName] of portsOf(target)) {
        if (allowedBy('egress', source, target, port, portName) && allowedBy('ingress', target, source, port, portName)) {
          actual.push(`${source.name} -> ${target.name}:${port}`);
        }
      }
    }
  }
  for (const edge of EXPECTED_EDGES) {
    if (!actual.includes(edge)) fail('network', null, `${edge} is not allowed by the NetworkPolicies`);
  }
  for (const edge of new Set(actual)) {
    if (!EXPECTED_EDGES.includes(edge)) fail('network', null, `${edge} is allowed but not in the call graph`);
  }
  const gatewayIngress = policies.some((p) => matches(p.spec.podSelector, { 'app.kubernetes.io/name': 'gateway-service' })
    && (p.spec.ingress || []).some((r) => (r.from || []).some((x) => x.namespaceSelector)));
  if (!gatewayIngress) fail('network', null, 'nothing lets the ingress controller reach the gateway');

  // -- Kafka: replication settings fit the number of brokers --
  const kafka = byKind('StatefulSet').find((s) => s.metadata.name === 'kafka');
  const ticketingConfig = [...configMaps.values()].find((c) => c.data && 'TICKETING_EVENTS_REPLICATION_FACTOR' in c.data);
  const kafkaConfig = [...configMaps.values()].find((c) => c.data && 'KAFKA_CONTROLLER_QUORUM_VOTERS' in c.data);
  if (kafka && kafkaConfig && ticketingConfig) {
    const brokers = kafka.spec.replicas ?? 1;
    const voters = kafkaConfig.data.KAFKA_CONTROLLER_QUORUM_VOTERS.split(',').filter(Boolean);
    if (voters.length !== brokers) fail('kafka', kafka, `${brokers} brokers but ${voters.length} quorum voters`);
    voters.forEach((voter, i) => {
      if (!voter.startsWith(`${i}@kafka-${i}.`)) fail('kafka', kafkaConfig, `voter ${voter} is not ${i}@kafka-${i}.<headless service>`);
    });
    const factors = { TICKETING_EVENTS_REPLICATION_FACTOR: ticketingConfig.data.TICKETING_EVENTS_REPLICATION_FACTOR };
    for (const [key, value] of Object.entries(kafkaConfig.data)) {
      if (key.endsWith('_REPLICATION_FACTOR')) factors[key] = value;
    }
    for (const [key, value] of Object.entries(factors)) {
      if (!(Number(value) >= 1 && Number(value) <= brokers)) fail('kafka', null, `${key}=${value} does not fit ${brokers} broker(s)`);
    }
    const minIsr = Number(kafkaConfig.data.KAFKA_MIN_INSYNC_REPLICAS);
    const rf = Number(factors.TICKETING_EVENTS_REPLICATION_FACTOR);
    if (!(minIsr >= 1 && (minIsr < rf || rf === 1))) {
      fail('kafka', null, `min.insync.replicas ${minIsr} with replication factor ${rf}: one broker down would stop writes`);
    }
    if (options.overlay === 'production' && (brokers < 3 || rf < 3)) {
      fail('kafka', kafka, `production runs ${brokers} broker(s), replication factor ${rf}; expected 3`);
    }
  } else {
    fail('kafka', null, 'kafka StatefulSet or its ConfigMaps are missing');
  }

  // -- the topics Job runs common-events' CreateTopics (so it creates every topic of Topics, and its .dlt), from an
  //    image of this release that contains common-events, replicated as the services would --
  const topicsConfig = configMaps.get('kafka-topics');
  if (topicsConfig && ticketingConfig && kafkaConfig) {
    for (const [key, expected] of [['REPLICATION_FACTOR', ticketingConfig.data.TICKETING_EVENTS_REPLICATION_FACTOR],
      ['MIN_INSYNC_REPLICAS', kafkaConfig.data.KAFKA_MIN_INSYNC_REPLICAS],
      ['BOOTSTRAP_SERVERS', ticketingConfig.data.KAFKA_BOOTSTRAP_SERVERS]]) {
      if ((topicsConfig.data || {})[key] !== expected) {
        fail('kafka', topicsConfig, `${key}=${(topicsConfig.data || {})[key]} differs from the services' and brokers' ${expected}`);
      }
    }
  } else {
    fail('kafka', null, 'the topics Job\'s ConfigMap kafka-topics is missing');
  }
  const topicsJob = byKind('Job').find((j) => j.metadata.name === 'kafka-topics');
  const creator = topicsJob && containersOf(topicsJob)
    .find((c) => [...(c.command || []), ...(c.args || [])].includes(CREATE_TOPICS));
  if (!creator) {
    fail('kafka', topicsJob || null, `the topics Job does not run ${CREATE_TOPICS} (common-events' Topics, the one list)`);
  } else {
    const image = imageName(creator.image);
    const own = /(^|\/)ticketing\/([^/]+)$/.exec(image.name);
    if (!own || !EVENTS_IMAGES.includes(own[2])) {
      fail('kafka', topicsJob, `image ${creator.image} does not contain common-events (one of ${EVENTS_IMAGES.join(', ')})`);
    } else if (options.overlay === 'local' && options.projectVersion && image.tag !== options.projectVersion) {
      fail('kafka', topicsJob, `image tag ${image.tag} is not the project version ${options.projectVersion}`);
    }
  }

  // -- Redis keeps the waiting room across restarts and never evicts it --
  const redisConfig = [...configMaps.values()].find((c) => c.data && 'redis.conf' in c.data);
  const conf = redisConfig ? redisConfig.data['redis.conf'] : '';
  for (const line of ['appendonly yes', 'appendfsync everysec', 'maxmemory-policy noeviction']) {
    if (!new RegExp(`^${line.replace(' ', '\\s+')}\\s*$`, 'm').test(conf)) fail('redis', redisConfig || null, `redis.conf lacks "${line}"`);
  }
  const redis = byKind('StatefulSet').find((s) => s.metadata.name === 'redis');
  if (!redis || !(redis.spec.volumeClaimTemplates || []).length) fail('redis', redis || null, 'Redis has no PersistentVolumeClaim');

  // -- configuration values: never the MariaDB profile against MySQL 8; secrets never rendered in production --
  for (const cm of configMaps.values()) {
    const profiles = cm.data?.SPRING_PROFILES_ACTIVE;
    if (profiles !== undefined && profiles.split(',').map((s) => s.trim()).includes('mariadb')) {
      fail('config', cm, 'SPRING_PROFILES_ACTIVE includes mariadb (MariaDB dialect hints against MySQL 8)');
    }
    if (options.overlay === 'local' && profiles !== undefined && !profiles.split(',').includes('demo')) {
      fail('config', cm, 'local overlay without the demo profile');
    }
  }
  // -- monitoring: every service scraped by a ServiceMonitor; every alert classified and with its runbook --
  const services = byKind('Service');
  for (const name of Object.keys(SERVICES)) {
    const service = services.find((s) => s.metadata.name === name);
    if (!service) continue;
    const scraped = byKind('ServiceMonitor').some((m) => matches(m.spec.selector, service.metadata.labels || {})
      && (m.spec.endpoints || []).some((e) => e.path === '/actuator/prometheus'
        && (service.spec.ports || []).some((p) => p.name === e.port)));
    if (!scraped) {
      fail('monitoring', service, 'no ServiceMonitor scrapes /actuator/prometheus on a named port of this Service');
    }
  }
  const severities = ['critical', 'warning', 'info'];
  for (const rule of byKind('PrometheusRule')) {
    for (const group of rule.spec.groups || []) {
      for (const r of (group.rules || []).filter((x) => x.alert)) {
        const where = `alert ${r.alert}`;
        if (!severities.includes(r.labels?.severity)) fail('monitoring', rule, `${where} has no severity (${severities.join('/')})`);
        if (!r.annotations?.summary) fail('monitoring', rule, `${where} has no summary`);
        const runbook = /^docs\/runbooks\.md#([\w-]+)$/.exec(r.annotations?.runbook_url || '');
        if (!runbook) {
          fail('monitoring', rule, `${where} has no runbook_url docs/runbooks.md#<anchor>`);
        } else if (options.runbookAnchors && !options.runbookAnchors.includes(runbook[1])) {
          fail('monitoring', rule, `${where}: docs/runbooks.md has no heading #${runbook[1]}`);
        }
      }
    }
  }
  for (const cm of [...configMaps.values()].filter((c) => c.metadata.labels?.grafana_dashboard)) {
    for (const [file, text] of Object.entries(cm.data || {})) {
      let dashboard;
      try {
        dashboard = JSON.parse(text);
      } catch (error) {
        fail('monitoring', cm, `${file} is not JSON: ${error.message}`);
        continue;
      }
      if (!dashboard.uid || !dashboard.title) fail('monitoring', cm, `${file} has no uid or title`);
      for (const panel of (dashboard.panels || []).filter((x) => x.type !== 'row')) {
        if (!(panel.targets || []).length || panel.targets.some((t) => !t.expr)) {
          fail('monitoring', cm, `${file}: panel "${panel.title}" has no query`);
        }
      }
    }
  }

  if (options.overlay === 'production' && secrets.size) {
    fail('secrets', null, `production renders Secret(s) ${[...secrets.keys()].join(', ')}: apply would overwrite the real ones`);
  }
  return problems;
}

module.exports = { checkRules, SERVICES, EXPECTED_EDGES };
