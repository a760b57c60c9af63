import { isMap, isScalar, isSeq, LineCounter, parseDocument, type YAMLError } from 'yaml';

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

/** A 1-based line and column in a file. */
export interface SourcePosition {
  /** The 1-based line. */
  readonly line: number;
  /** The 1-based column. */
  readonly column: number;
}

/**
 * Where the YAML held in a literal block scalar (`policy.yaml: |`) starts in the file: the line
 * before its first content line, and the content's indentation. `undefined` for other scalars.
 */
function blockContentOrigin(
  node: unknown,
  text: string,
  lineCounter: LineCounter,
): { lineBefore: number; indent: number } | undefined {
  if (!isScalar(node) || node.type !== 'BLOCK_LITERAL' || typeof node.value !== 'string') return;
  const start = startOf(node);
  if (start === undefined) return undefined;
  const lineBefore = lineCounter.linePos(start).line;
  const contentLines = text.slice(text.indexOf('\n', start) + 1).split('\n');
  const first = contentLines.find((line) => line.trim() !== '');
  return { lineBefore, indent: first === undefined ? 0 : first.length - first.trimStart().length };
}

/**
 * The position of the field at `path` under `root` (a YAML node): where its key starts (for a list
 * item, where the item starts), or, when the field is missing, where the nearest enclosing field
 * that exists starts. With the file's `text`, a path that goes on inside YAML held in a literal
 * block scalar (a resource-policy ConfigMap's `policy.yaml: |`) is followed into it.
 */
export function positionOfPath(
  root: unknown,
  path: string,
  lineCounter: LineCounter,
  text?: string,
): SourcePosition | undefined {
  return positionOfSegments(root, parseIssuePath(path), lineCounter, text);
}

function positionOfSegments(
  root: unknown,
  segments: readonly (string | number)[],
  lineCounter: LineCounter,
  text: string | undefined,
): SourcePosition | undefined {
  let node: unknown = root;
  let offset = startOf(root);
  for (const [index, segment] of segments.entries()) {
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
    const origin =
      text !== undefined && index < segments.length - 1
        ? blockContentOrigin(node, text, lineCounter)
        : undefined;
    if (origin !== undefined && isScalar(node)) {
      const innerCounter = new LineCounter();
      const inner = parseDocument(String(node.value), { lineCounter: innerCounter });
      if (inner.errors.length > 0) break;
      const found = positionOfSegments(
        inner.contents,
        segments.slice(index + 1),
        innerCounter,
        String(node.value),
      );
      if (found === undefined) break;
      return { line: origin.lineBefore + found.line, column: origin.indent + found.column };
    }
  }
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** Where a YAML parse error is (1-based line and column, when known) and what it says. */
export interface YamlErrorDescription {
  /** The 1-based line, when the parser knows it. */
  readonly line: number | undefined;
  /** The 1-based column, when the parser knows it. */
  readonly column: number | undefined;
  /** The parser's message, without its trailing `at line L, column C:` and code frame. */
  readonly message: string;
}

/** A YAML parse error's position and its message as one clean sentence. */
export function describeYamlError(error: YAMLError): YamlErrorDescription {
  const position = error.linePos?.[0];
  return {
    line: position?.line,
    column: position?.col,
    message: (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, ''),
  };
}
