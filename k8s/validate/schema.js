'use strict';
// Offline checks of one Kubernetes object against the API: the JSON schema (kubernetes-models' validate(), types,
// required fields, enums) and, because that schema allows any extra property, a walk over the same models' type
// declarations (.d.ts) that reports every field the API does not know: a misspelt or misplaced field is silently
// dropped by the API server, which is how a probe or a limit quietly disappears.

const fs = require('node:fs');
const path = require('node:path');

const MODELS_DIR = path.dirname(require.resolve('kubernetes-models/package.json'));
// prometheus-operator's kinds (ServiceMonitor, PrometheusRule) come from their own package, generated from its CRDs;
// 4.4.4 is the last release on @kubernetes-models/validate 4 (5.x and 6.x need Node >= 22).
const CRD_MODELS_DIRS = {
  'monitoring.coreos.com': path.dirname(require.resolve('@kubernetes-models/prometheus-operator/package.json')),
};
const NODE_MODULES = path.dirname(MODELS_DIR);
const PRIMITIVES = new Set(['string', 'number', 'boolean', 'any', 'unknown', 'object', 'null', 'undefined']);

/** The package directory whose models cover the group of apiVersion. */
function modelsDir(apiVersion) {
  return CRD_MODELS_DIRS[apiVersion.split('/')[0]] || MODELS_DIR;
}

/** The model class for apiVersion/kind, or null when kubernetes-models has none. */
function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !/^[\w.\-/]+$/.test(apiVersion + kind)) {
    return null;
  }
  const file = path.join(modelsDir(apiVersion), apiVersion, `${kind}.js`);
  if (!fs.existsSync(file)) {
    return null;
  }
  return require(file)[kind] || null;
}

/** Schema errors of one object, as strings; [] when valid. */
function schemaErrors(object) {
  const Model = modelFor(object.apiVersion, object.kind);
  if (!Model) {
    return [`no schema for ${object.apiVersion} ${object.kind} (unknown apiVersion/kind)`];
  }
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    if (Array.isArray(error.errors)) {
      return error.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
    }
    return [String(error.message || error)];
  }
}

// ---- unknown fields, from the models' type declarations ----

const interfaces = new Map(); // .d.ts file -> {members: Map<name, type>} | null (a type alias: a leaf)

function dtsFile(specifier, fromFile) {
  const base = specifier.startsWith('.')
    ? path.resolve(path.dirname(fromFile), specifier)
    : path.join(NODE_MODULES, specifier);
  return `${base}.d.ts`;
}

function splitTopLevel(body) {
  const parts = [];
  let depth = 0;
  let current = '';
  for (const ch of body) {
    if (ch === '{' || ch === '<' || ch === '(') depth++;
    if (ch === '}' || ch === '>' || ch === ')') depth--;
    if (ch === ';' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

function parseMembers(body, imports, file) {
  const members = new Map();
  for (const member of splitTopLevel(body)) {
    const parsed = /^"([^"]+)"\??: ([\s\S]+)$/.exec(member);
    if (parsed) {
      members.set(parsed[1], { expression: parsed[2], imports, file });
    }
  }
  return members;
}

/** A type expression of a member, reduced to what the walk needs: leaf, ref, inline object, array of, map of. */
function parseType(expression, imports, file) {
  const text = expression.trim().replace(/\s+/g, ' ');
  const array = /^Array<(.+)>$/.exec(text);
  if (array) {
    return { kind: 'array', of: parseType(array[1], imports, file) };
  }
  const map = /^\{ ?\[key: string\]: (.+?);? ?\}$/.exec(text);
  if (map) {
    return { kind: 'map', of: parseType(map[1], imports, file) };
  }
  if (text.startsWith('{')) {
    return { kind: 'object', members: parseMembers(text.slice(1, text.lastIndexOf('}')), imports, file) };
  }
  const names = text.split('|').map((s) => s.trim()).filter((s) => !PRIMITIVES.has(s));
  if (names.length === 1 && /^\w+$/.test(names[0]) && imports.has(names[0])) {
    return { kind: 'ref', file: dtsFile(imports.get(names[0]), file) };
  }
  return { kind: 'leaf' };
}

function loadInterface(file) {
  if (interfaces.has(file)) {
    return interfaces.get(file);
  }
  interfaces.set(file, null); // recursive types (JSONSchemaProps) stop here
  if (!fs.existsSync(file)) {
    return null;
  }
  const source = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const imports = new Map();
  for (const match of source.matchAll(/import \{([^}]+)\} from "([^"]+)"/g)) {
    for (const name of match[1].split(',').map((s) => s.trim()).filter(Boolean)) {
      imports.set(name.split(' as ').pop().trim(), match[2]);
    }
  }
  const head = /export interface \w+(?: extends [^{]+)? \{/.exec(source);
  if (!head) {
    return null;
  }
  let depth = 1;
  let end = head.index + head[0].length;
  while (depth > 0 && end < source.length) {
    if (source[end] === '{') depth++;
    if (source[end] === '}') depth--;
    end++;
  }
  const result = { members: parseMembers(source.slice(head.index + head[0].length, end - 1), imports, file) };
  interfaces.set(file, result);
  return result;
}

function walk(value, type, at, errors) {
  if (value === null || value === undefined) return;
  if (type.kind === 'array') {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, type.of, `${at}[${i}]`, errors));
    return;
  }
  if (type.kind === 'map') {
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, item] of Object.entries(value)) walk(item, type.of, `${at}.${key}`, errors);
    }
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return;
  const declared = type.kind === 'ref' ? loadInterface(type.file) : type.kind === 'object' ? type : null;
  if (!declared) return;
  for (const [key, item] of Object.entries(value)) {
    const member = declared.members.get(key);
    if (!member) {
      errors.push(`${at ? `${at}.` : ''}${key}: unknown field`);
      continue;
    }
    walk(item, parseType(member.expression, member.imports, member.file), at ? `${at}.${key}` : key, errors);
  }
}

/** Fields of the object that its API version does not define, as "path: unknown field". */
function unknownFields(object) {
  if (!modelFor(object.apiVersion, object.kind)) {
    return [];
  }
  const errors = [];
  const file = path.join(modelsDir(object.apiVersion), object.apiVersion, `${object.kind}.d.ts`);
  walk(object, { kind: 'ref', file }, '', errors);
  return errors;
}

module.exports = { schemaErrors, unknownFields, modelFor };
