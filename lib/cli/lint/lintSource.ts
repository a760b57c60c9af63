import { distance } from 'fastest-levenshtein';
import { isMap, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { MODELLED_VELERO_KINDS, OTHER_VELERO_KINDS } from '../../core/model/kinds';
import { isPlainObject } from '../../core/schema/checkShape';
import { VELERO_API_VERSION } from '../../core/types/meta';
import {
  isVeleroManifest,
  type ValidateManifestOptions,
  validateManifest,
} from '../../core/validateManifest';
import type { FileLintResult, LintProblem } from './types';
import { describeYamlError, positionOfPath } from './yamlLocation';

const VELERO_KINDS: ReadonlySet<string> = new Set([
  ...MODELLED_VELERO_KINDS,
  ...OTHER_VELERO_KINDS,
]);

/**
 * True for a document `lint` checks: a Velero object (`isVeleroManifest`), or an object with a
 * Velero kind whose `apiVersion` is missing or a near miss of `velero.io/v1` (e.g. `velro.io/v1`),
 * which the API server would reject or send to another group.
 */
export function shouldLint(value: unknown): boolean {
  if (isVeleroManifest(value)) return true;
  if (!isPlainObject(value) || typeof value.kind !== 'string' || !VELERO_KINDS.has(value.kind))
    return false;
  const { apiVersion } = value;
  if (typeof apiVersion !== 'string') return true;
  return /velero/i.test(apiVersion) || distance(apiVersion, VELERO_API_VERSION) <= 3;
}

/** The document's objects: the items of a top-level list or a `kind: List`, else the document. */
function objectsOf(
  value: unknown,
  root: unknown,
): { value: unknown; node: unknown; item?: number }[] {
  if (Array.isArray(value)) {
    const nodes = isSeq(root) ? root.items : [];
    return value.map((item, i) => ({ value: item, node: nodes[i], item: i }));
  }
  if (isPlainObject(value) && value.kind === 'List' && Array.isArray(value.items)) {
    const itemsNode = isMap(root) ? root.get('items', true) : undefined;
    const nodes = isSeq(itemsNode) ? itemsNode.items : [];
    return value.items.map((item, i) => ({ value: item, node: nodes[i], item: i }));
  }
  return [{ value, node: root }];
}

function describe(value: unknown): { kind: string; name: string } {
  const object = isPlainObject(value) ? value : {};
  const metadata = isPlainObject(object.metadata) ? object.metadata : {};
  return {
    kind: typeof object.kind === 'string' ? object.kind : '(no kind)',
    name: typeof metadata.name === 'string' ? metadata.name : '(unnamed)',
  };
}

/** Decodes UTF-8 strictly; `undefined` when the bytes are not UTF-8 text. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Lints one input: every YAML (or JSON) document in it, skipping objects that are not Velero's.
 * Binary content (NUL bytes), text that is not UTF-8 and malformed documents are input errors
 * (the other documents are still checked); a file with no document is a problem. Objects are
 * checked against `options.veleroVersion` (default 1.18).
 *
 * @param file the name to report (as the user gave it)
 * @param content the raw bytes, or already decoded text
 */
export function lintSource(
  file: string,
  content: Uint8Array | string,
  options: ValidateManifestOptions = {},
): FileLintResult {
  const result: FileLintResult = {
    file,
    documents: 0,
    veleroObjects: 0,
    skipped: 0,
    problems: [],
    inputErrors: [],
  };
  let text: string | undefined;
  if (typeof content === 'string') {
    text = content;
  } else if (content.includes(0)) {
    result.inputErrors.push({
      file,
      message: 'binary file (it contains NUL bytes): expected YAML or JSON text',
    });
    return result;
  } else {
    text = decodeUtf8(content);
    if (text === undefined) {
      result.inputErrors.push({ file, message: 'not UTF-8 text: expected YAML or JSON' });
      return result;
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const format = /\.json$/i.test(file) ? 'JSON' : 'YAML';
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, merge: true });
  const docs = Array.isArray(parsed) ? parsed : [];
  docs.forEach((doc, index) => {
    const document = index + 1;
    if (doc.errors.length > 0) {
      const error = doc.errors[0]!;
      const { line, col } = lineCounter.linePos(error.pos[0]);
      result.inputErrors.push({
        file,
        line,
        column: col,
        message: `malformed ${format} in document ${document}: ${describeYamlError(error).message}`,
      });
      return;
    }
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) return;
    result.documents++;
    for (const object of objectsOf(value, doc.contents)) {
      if (!shouldLint(object.value)) {
        result.skipped++;
        continue;
      }
      result.veleroObjects++;
      const issues = validateManifest(object.value, options);
      if (issues.length === 0) continue;
      const { kind, name } = describe(object.value);
      for (const found of issues) {
        const problem: LintProblem = {
          file,
          document,
          kind,
          name,
          path: found.path,
          message: found.message,
        };
        if (object.item !== undefined) problem.item = object.item;
        const position = positionOfPath(object.node, found.path, lineCounter, text);
        if (position !== undefined) {
          problem.line = position.line;
          problem.column = position.column;
        }
        if (found.received !== undefined) problem.received = found.received;
        if (found.allowed !== undefined) problem.allowed = found.allowed;
        result.problems.push(problem);
      }
    }
  });
  if (result.documents === 0 && result.inputErrors.length === 0) {
    result.problems.push({
      file,
      path: '',
      message: `no ${format} documents to check: the file is empty or holds only comments`,
    });
  }
  return result;
}
