import { isMap, isScalar, isSeq, type LineCounter } from 'yaml';

/**
 * Splits a core issue path (`spec.template.ttl`, `items[2]`, `labels["app.kubernetes.io/name"]`)
 * into keys and indexes.
 */
export function parseIssuePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i++;
    } else if (c === '[' && path[i + 1] === '"') {
      let j = i + 2;
      let escaped = false;
      while (j < path.length && (escaped || path[j] !== '"')) {
        escaped = !escaped && path[j] === '\\';
        j++;
      }
      try {
        out.push(JSON.parse(path.slice(i + 1, j + 1)) as string);
      } catch {
        out.push(path.slice(i + 2, j));
      }
      i = j + 2;
    } else if (c === '[') {
      const end = path.indexOf(']', i);
      const stop = end < 0 ? path.length : end;
      out.push(Number(path.slice(i + 1, stop)));
      i = stop + 1;
    } else {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      out.push(path.slice(i, j));
      i = j;
    }
  }
  return out;
}

function startOf(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range = (node as { range?: unknown }).range;
  return Array.isArray(range) && typeof range[0] === 'number' ? range[0] : undefined;
}

/**
 * The 1-based line of the field at `path` under `root` (a YAML node): the line of its key, or, when
 * the field is missing, of the nearest enclosing field that exists.
 */
export function lineOfPath(
  root: unknown,
  path: string,
  lineCounter: LineCounter,
): number | undefined {
  let node: unknown = root;
  let offset = startOf(root);
  for (const segment of parseIssuePath(path)) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (pair === undefined) break;
      offset = startOf(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = startOf(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}
