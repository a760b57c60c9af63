#!/usr/bin/env node
/**
 * A fake `kubectl` for the drill script's tests: it keeps a small cluster (namespaces, claims,
 * volumes, pods, Restores) in `$FAKE_CLUSTER_DIR/state.json`, plays Velero and the volume
 * controllers as the scenario says, answers the kubectl commands the script uses (with a real
 * evaluation of their JSONPath templates), and logs every call to `calls.jsonl`. A command it does
 * not know fails loudly (exit 99), so the script cannot use kubectl in a way no test covers.
 *
 * Verification pods really run: their `sh -c` command is executed with the claim's data directory
 * (from the scenario) as `$DRILL_VOLUME_PATH`.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.FAKE_CLUSTER_DIR;
const statePath = path.join(dir, 'state.json');
const state = JSON.parse(fs.readFileSync(statePath, 'utf8'));
const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--request-timeout='));
const stdin = args.includes('-f') ? fs.readFileSync(0, 'utf8') : undefined;
fs.appendFileSync(
  path.join(dir, 'calls.jsonl'),
  `${JSON.stringify(stdin === undefined ? { args } : { args, stdin })}\n`,
);

function save() {
  fs.writeFileSync(statePath, JSON.stringify(state, null, 2));
}

function fail(message, code = 1) {
  save();
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function done(output = '') {
  save();
  process.stdout.write(output);
  process.exit(0);
}

// Simulated failures: the n-th call (1-based) whose joined arguments contain `match` fails.
for (const failure of state.failures ?? []) {
  if (args.join(' ').includes(failure.match)) {
    failure.seen = (failure.seen ?? 0) + 1;
    if (failure.seen === (failure.nth ?? 1)) fail(`error: simulated failure of: ${failure.match}`);
  }
}

// ---- a JSONPath evaluator for kubectl's template syntax (the subset the script uses) ----
function splitPath(expr) {
  const parts = [];
  let current = '';
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '\\' && expr[i + 1] === '.') {
      current += '.';
      i++;
    } else if (c === '.') {
      if (current !== '') parts.push(current);
      current = '';
    } else if (c === '[') {
      if (current !== '') parts.push(current);
      current = '';
      const end = expr.indexOf(']', i);
      parts.push(expr.slice(i, end + 1));
      i = end;
    } else {
      current += c;
    }
  }
  if (current !== '') parts.push(current);
  return parts;
}

function select(values, expr) {
  let current = values;
  for (const part of splitPath(expr)) {
    const next = [];
    for (const value of current) {
      if (value === undefined || value === null) continue;
      if (part === '[*]') {
        if (Array.isArray(value)) next.push(...value);
      } else if (part.startsWith('[?(')) {
        const m = /^\[\?\(@\.(\w+)=="([^"]*)"\)\]$/.exec(part);
        if (m === null) fail(`fake kubectl: unsupported filter ${part}`, 99);
        if (Array.isArray(value)) next.push(...value.filter((item) => item[m[1]] === m[2]));
      } else if (typeof value === 'object' && part in value) {
        next.push(value[part]);
      }
    }
    current = next;
  }
  return current;
}

function render(value) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function tokenize(template) {
  const tokens = [];
  let i = 0;
  while (i < template.length) {
    if (template[i] === '{') {
      const end = template.indexOf('}', i);
      tokens.push({ expr: template.slice(i + 1, end).trim() });
      i = end + 1;
    } else {
      const next = template.indexOf('{', i);
      const stop = next < 0 ? template.length : next;
      tokens.push({ text: template.slice(i, stop) });
      i = stop;
    }
  }
  return tokens;
}

function evaluate(tokens, root) {
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.text !== undefined) {
      out += token.text;
    } else if (token.expr.startsWith('range ')) {
      let depth = 1;
      let j = i + 1;
      for (; j < tokens.length; j++) {
        const expr = tokens[j].expr;
        if (expr?.startsWith('range ')) depth++;
        if (expr === 'end' && --depth === 0) break;
      }
      for (const item of select([root], token.expr.slice(6).trim())) {
        out += evaluate(tokens.slice(i + 1, j), item);
      }
      i = j;
    } else if (token.expr.startsWith('"')) {
      out += JSON.parse(token.expr);
    } else {
      out += select([root], token.expr).map(render).join(' ');
    }
  }
  return out;
}

function output(object) {
  const i = args.indexOf('-o');
  if (i < 0) fail('fake kubectl: the script must ask for -o jsonpath=...', 99);
  const format = args[i + 1];
  if (!format.startsWith('jsonpath=')) fail(`fake kubectl: unsupported output ${format}`, 99);
  return evaluate(tokenize(format.slice('jsonpath='.length)), object);
}

function flag(name) {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
}

// ---- the simulated cluster ----
const namespaced = (kind) => state.objects.filter((o) => o.kind === kind);

function find(kind, namespace, name) {
  return state.objects.find(
    (o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace,
  );
}

function namespaceNamed(name) {
  return find('Namespace', undefined, name);
}

/** Velero, when the Restore is created: the claims and volumes of the scenario come back. */
function veleroRestores(restore) {
  const scenario = state.velero;
  restore.spec.backupName = 'velero-velero-udsbackup-20260118030012';
  for (const pod of scenario.pods ?? []) {
    const target = restore.spec.namespaceMapping[pod.namespace];
    if (target === undefined || namespaceNamed(target) === undefined) continue;
    state.objects.push({
      kind: 'Pod',
      metadata: { name: pod.name, namespace: target },
      status: {
        phase: pod.phase,
        conditions: [{ type: 'Ready', status: pod.ready ? 'True' : 'False' }],
      },
    });
  }
  for (const item of scenario.restores ?? []) {
    const target = restore.spec.namespaceMapping[item.namespace];
    if (target === undefined || namespaceNamed(target) === undefined) continue;
    state.objects.push({
      kind: 'PersistentVolumeClaim',
      metadata: { name: item.claim, namespace: target },
      spec: { volumeName: item.volume },
      status: { phase: state.claimPhase ?? 'Bound' },
    });
    if (item.volume !== undefined) {
      state.objects.push({
        kind: 'PersistentVolume',
        metadata: {
          name: item.volume,
          labels: { 'velero.io/restore-name': restore.metadata.name },
          annotations: item.clone ? { 'velero.io/original-pv-name': item.original } : {},
        },
        spec: {
          claimRef: { namespace: target, name: item.claim },
          persistentVolumeReclaimPolicy: item.reclaimPolicy,
          csi: { volumeHandle: item.disk },
        },
      });
    }
  }
}

function restoreStatus(restore) {
  const scenario = state.velero;
  if (scenario.never) return { phase: 'InProgress' };
  restore.gets = (restore.gets ?? 0) + 1;
  if (restore.gets < (scenario.getsUntilDone ?? 2)) return { phase: 'InProgress' };
  return scenario.result;
}

/** Runs a verification pod's command against the scenario's data directory of its claim. */
function runPod(pod) {
  const container = pod.spec.containers[0];
  const env = Object.fromEntries(container.env.map((e) => [e.name, e.value]));
  const claim = pod.spec.volumes[0].persistentVolumeClaim.claimName;
  const pvc = find('PersistentVolumeClaim', pod.metadata.namespace, claim);
  if (pvc === undefined || pvc.status.phase !== 'Bound') {
    pod.status = { phase: 'Pending' };
    return;
  }
  const data = state.volumeData[claim];
  const run = spawnSync(container.command[0], container.command.slice(1), {
    env: { PATH: process.env.PATH, ...env, DRILL_VOLUME_PATH: data },
    encoding: 'utf8',
  });
  pod.status = { phase: run.status === 0 ? 'Succeeded' : 'Failed' };
  pod.log = `${run.stdout}${run.stderr}`.trim();
}

/** Deleting a namespace deletes what is in it; claims release their volumes. */
function deleteNamespace(name) {
  const ns = namespaceNamed(name);
  if (ns === undefined) return;
  ns.terminatingGets = state.namespaceDeletionGets ?? 1;
  state.objects = state.objects.filter((o) => o.metadata.namespace !== name);
  for (const pv of namespaced('PersistentVolume')) {
    if (pv.spec.claimRef?.namespace !== name) continue;
    if (pv.spec.persistentVolumeReclaimPolicy === 'Delete') {
      state.objects = state.objects.filter((o) => o !== pv);
      state.deletedDisks.push(pv.spec.csi.volumeHandle);
    } else {
      pv.status = { phase: 'Released' };
    }
  }
}

const VALUE_FLAGS = new Set(['-n', '-o', '-l', '-p', '-f', '--type']);
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (VALUE_FLAGS.has(args[i])) i++;
  else if (!args[i].startsWith('-')) positional.push(args[i]);
}
const [verb, resource, name] = positional;
const namespace = flag('-n');

if (verb === 'get' && resource === 'namespace') {
  const ns = namespaceNamed(name);
  if (ns !== undefined && ns.terminatingGets !== undefined && ns.terminatingGets-- <= 0) {
    state.objects = state.objects.filter((o) => o !== ns);
    done('');
  }
  if (ns === undefined) {
    if (!args.includes('--ignore-not-found'))
      fail(`Error from server (NotFound): namespaces "${name}" not found`);
    done('');
  }
  done(output(ns));
}

if (verb === 'create' && flag('-f') === '-' && resource === undefined) {
  const object = JSON.parse(stdin);
  object.metadata.labels ??= {};
  if (object.kind !== 'Namespace' && namespaceNamed(object.metadata.namespace) === undefined) {
    fail(`Error from server (NotFound): namespaces "${object.metadata.namespace}" not found`);
  }
  if (find(object.kind, object.metadata.namespace, object.metadata.name) !== undefined) {
    fail(
      `Error from server (AlreadyExists): ${object.kind} "${object.metadata.name}" already exists`,
    );
  }
  state.objects.push(object);
  if (object.kind === 'Restore') veleroRestores(object);
  if (object.kind === 'Pod') runPod(object);
  done(`${object.kind.toLowerCase()}/${object.metadata.name} created\n`);
}

if (verb === 'get' && resource === 'restore') {
  const restore = find('Restore', namespace, name);
  if (restore === undefined)
    fail(`Error from server (NotFound): restores.velero.io "${name}" not found`);
  restore.status = restoreStatus(restore);
  done(output(restore));
}

if (verb === 'get' && (resource === 'pvc' || resource === 'pods')) {
  const kind = resource === 'pvc' ? 'PersistentVolumeClaim' : 'Pod';
  const items = namespaced(kind).filter((o) => o.metadata.namespace === namespace);
  done(output({ items }));
}

if (verb === 'get' && resource === 'pod') {
  const pod = find('Pod', namespace, name);
  if (pod === undefined) fail(`Error from server (NotFound): pods "${name}" not found`);
  if (pod.status.phase === 'Pending') runPod(pod);
  done(output(pod));
}

if (verb === 'logs') {
  const pod = find('Pod', namespace, resource);
  if (pod === undefined) fail(`Error from server (NotFound): pods "${resource}" not found`);
  done(`${pod.log ?? ''}\n`);
}

if (verb === 'get' && resource === 'events') {
  done(
    `LAST SEEN   TYPE      REASON   OBJECT   MESSAGE\n1m   Warning   Simulated   pvc/x   ${state.event ?? 'nothing'}\n`,
  );
}

if (verb === 'get' && resource === 'pv') {
  const selector = flag('-l');
  const [key, value] = selector.split('=');
  const items = namespaced('PersistentVolume').filter((pv) => pv.metadata.labels[key] === value);
  done(output({ items }));
}

if (verb === 'patch' && resource === 'pv') {
  const pv = find('PersistentVolume', undefined, name);
  if (pv === undefined) fail(`Error from server (NotFound): persistentvolumes "${name}" not found`);
  const patch = JSON.parse(flag('-p'));
  Object.assign(pv.spec, patch.spec);
  done(`persistentvolume/${name} patched\n`);
}

if (verb === 'delete' && args.includes('--ignore-not-found') && args.includes('--wait=false')) {
  if (resource === 'namespace') {
    deleteNamespace(name);
    done(`namespace "${name}" deleted\n`);
  }
  if (resource === 'pod') {
    state.objects = state.objects.filter((o) => o !== find('Pod', namespace, name));
    done(`pod "${name}" deleted\n`);
  }
  if (resource === 'pv') {
    const pv = find('PersistentVolume', undefined, name);
    state.objects = state.objects.filter((o) => o !== pv);
    done(`persistentvolume "${name}" deleted\n`);
  }
}

fail(`fake kubectl: unsupported command: kubectl ${args.join(' ')}`, 99);
