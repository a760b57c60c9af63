import { issue, type ValidationIssue } from '../errors';
import { joinPath } from '../path';
import { isPlainObject, typeName } from '../schema/checkShape';
import type {
  LabelSelector,
  LabelSelectorOperator,
  LabelSelectorRequirement,
} from '../types/labelSelector';
import {
  describeDns1123SubdomainProblems,
  joinPhrases,
  MAX_DNS1123_SUBDOMAIN_LENGTH,
  suggestDns1123Subdomain,
} from './names';

/** Longest name part of a label key (after the optional `prefix/`) Kubernetes accepts. */
export const MAX_LABEL_NAME_LENGTH = 63;

/** Longest label value Kubernetes accepts. */
export const MAX_LABEL_VALUE_LENGTH = 63;

/** Largest total size, in bytes, of all annotation keys and values of one object (256 KiB). */
export const MAX_ANNOTATIONS_TOTAL_BYTES = 256 * 1024;

/** Every {@link LabelSelectorOperator}, in the order Kubernetes documents them. */
export type { LabelSelector, LabelSelectorOperator, LabelSelectorRequirement };

export const LABEL_SELECTOR_OPERATORS: readonly LabelSelectorOperator[] = [
  'In',
  'NotIn',
  'Exists',
  'DoesNotExist',
];

/** Result of {@link parseLabelSelectorString}. */
export interface LabelSelectorParseResult {
  /** The parsed selector; present only when `issues` is empty. */
  readonly selector?: LabelSelector;
  /** Every problem found; empty when the text is a valid selector. */
  readonly issues: ValidationIssue[];
}

/** Result of {@link parseOrLabelSelectorsString}. */
export interface OrLabelSelectorsParseResult {
  /** The parsed selectors, one per ` or `-separated part; present only when `issues` is empty. */
  readonly selectors?: LabelSelector[];
  /** Every problem found; empty when every part is a valid selector. */
  readonly issues: ValidationIssue[];
}

const QUALIFIED_NAME_PATTERN = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const NAME_RULE =
  'letters, digits, "-", "_" and ".", starting and ending with a letter or digit, at most 63 characters';
const KEY_RULE = `an optional DNS-1123 subdomain prefix and "/", then a name of ${NAME_RULE}`;
const VALUE_RULE = `empty, or ${NAME_RULE}`;

function nameProblems(text: string): string[] {
  if (QUALIFIED_NAME_PATTERN.test(text)) return [];
  const problems: string[] = [];
  const invalid = [...new Set([...text].filter((c) => !/[-A-Za-z0-9_.]/.test(c)))];
  if (invalid.length > 0) {
    problems.push(`contains ${invalid.map((c) => JSON.stringify(c)).join(', ')}`);
  }
  const first = text[0] ?? '';
  const last = text[text.length - 1] ?? '';
  if (/^[-_.]$/.test(first)) problems.push(`starts with ${JSON.stringify(first)}`);
  if (/^[-_.]$/.test(last)) problems.push(`ends with ${JSON.stringify(last)}`);
  if (problems.length === 0) problems.push('does not match the label name format');
  return problems;
}

function suggestLabelText(text: string): string | undefined {
  const fixed = text.replace(/[^-A-Za-z0-9_.]+/g, '-').replace(/^[-_.]+|[-_.]+$/g, '');
  if (fixed === '' || fixed === text || fixed.length > MAX_LABEL_VALUE_LENGTH) return undefined;
  return QUALIFIED_NAME_PATTERN.test(fixed) ? fixed : undefined;
}

function hint(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` For example ${JSON.stringify(suggestion)}.`;
}

/**
 * Checks a label (or annotation) key: an optional prefix (a DNS-1123 subdomain of at most 253
 * characters) and `/`, then a name of at most 63 letters, digits, `-`, `_` and `.`, starting and
 * ending with a letter or digit.
 */
export function checkLabelKey(value: unknown, path: string): ValidationIssue[] {
  if (typeof value !== 'string') {
    return [
      issue(path, `Label key must be a string, but got ${typeName(value)}.`, {
        received: value,
        allowed: KEY_RULE,
      }),
    ];
  }
  const shown = JSON.stringify(value);
  if (value === '') {
    return [
      issue(path, `Label key is empty; it must be ${KEY_RULE}.`, {
        received: value,
        allowed: KEY_RULE,
      }),
    ];
  }
  const parts = value.split('/');
  if (parts.length > 2) {
    return [
      issue(path, `Label key ${shown} contains more than one "/"; a key is ${KEY_RULE}.`, {
        received: value,
        allowed: KEY_RULE,
      }),
    ];
  }
  const issues: ValidationIssue[] = [];
  const name = parts.length === 2 ? (parts[1] ?? '') : value;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix === '') {
      issues.push(
        issue(
          path,
          `Label key ${shown} has an empty prefix before "/"; drop the "/" or add a DNS subdomain such as "example.com".`,
          {
            received: value,
            allowed: KEY_RULE,
          },
        ),
      );
    } else {
      const problems = describeDns1123SubdomainProblems(prefix);
      if (problems.length > 0) {
        const suggestion = suggestDns1123Subdomain(prefix);
        issues.push(
          issue(
            path,
            `Label key ${shown} has prefix ${JSON.stringify(prefix)}, which is not a DNS-1123 subdomain: it ${joinPhrases(
              problems,
            )}. Use lowercase letters, digits, "-" and ".".${hint(
              suggestion === undefined ? undefined : `${suggestion}/${name}`,
            )}`,
            { received: value, allowed: KEY_RULE },
          ),
        );
      }
      if (prefix.length > MAX_DNS1123_SUBDOMAIN_LENGTH) {
        issues.push(
          issue(
            path,
            `Label key prefix is ${prefix.length} characters long; Kubernetes allows at most ${MAX_DNS1123_SUBDOMAIN_LENGTH}.`,
            { received: value, allowed: KEY_RULE },
          ),
        );
      }
    }
  }
  if (name === '') {
    issues.push(
      issue(path, `Label key ${shown} has an empty name after "/"; the name is required.`, {
        received: value,
        allowed: KEY_RULE,
      }),
    );
    return issues;
  }
  const problems = nameProblems(name);
  if (problems.length > 0) {
    const fixed = suggestLabelText(name);
    issues.push(
      issue(
        path,
        `Label key ${shown} has name ${JSON.stringify(name)}, which is not valid: it ${joinPhrases(
          problems,
        )}. Use ${NAME_RULE}.${hint(
          fixed === undefined ? undefined : parts.length === 2 ? `${parts[0]}/${fixed}` : fixed,
        )}`,
        { received: value, allowed: KEY_RULE },
      ),
    );
  }
  if (name.length > MAX_LABEL_NAME_LENGTH) {
    issues.push(
      issue(
        path,
        `Label key name ${JSON.stringify(name)} is ${name.length} characters long; Kubernetes allows at most ${MAX_LABEL_NAME_LENGTH} (after the optional prefix).`,
        { received: value, allowed: KEY_RULE },
      ),
    );
  }
  return issues;
}

/**
 * Checks a label value: empty, or at most 63 letters, digits, `-`, `_` and `.`, starting and
 * ending with a letter or digit. Numbers and booleans must be quoted (label values are strings).
 */
export function checkLabelValue(value: unknown, path: string): ValidationIssue[] {
  if (typeof value !== 'string') {
    const quoteHint =
      typeof value === 'number' || typeof value === 'boolean'
        ? ` Quote it (e.g. "${String(value)}"); label values are strings.`
        : '';
    return [
      issue(path, `Label value must be a string, but got ${typeName(value)}.${quoteHint}`, {
        received: value,
        allowed: VALUE_RULE,
      }),
    ];
  }
  if (value === '') return [];
  const issues: ValidationIssue[] = [];
  const problems = nameProblems(value);
  if (problems.length > 0) {
    issues.push(
      issue(
        path,
        `Label value ${JSON.stringify(value)} is not valid: it ${joinPhrases(problems)}. Use ${VALUE_RULE}.${hint(
          suggestLabelText(value),
        )}`,
        { received: value, allowed: VALUE_RULE },
      ),
    );
  }
  if (value.length > MAX_LABEL_VALUE_LENGTH) {
    issues.push(
      issue(
        path,
        `Label value is ${value.length} characters long; Kubernetes allows at most ${MAX_LABEL_VALUE_LENGTH}.`,
        { received: value, allowed: VALUE_RULE },
      ),
    );
  }
  return issues;
}

function mapTypeIssue(value: unknown, path: string, what: string): ValidationIssue {
  return issue(
    path,
    `${what} must be a map of string keys to string values, but got ${typeName(value)}.`,
    {
      received: value,
      allowed: 'a map of string to string',
    },
  );
}

/**
 * Checks a `metadata.labels`-style map: a plain object whose keys are valid label keys and whose
 * values are valid label values. Issues for an entry use the path `path["key"]`.
 */
export function checkLabels(map: unknown, path: string): ValidationIssue[] {
  if (!isPlainObject(map)) return [mapTypeIssue(map, path, 'Labels')];
  const issues: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(map)) {
    const entryPath = joinPath(path, key);
    issues.push(...checkLabelKey(key, entryPath), ...checkLabelValue(value, entryPath));
  }
  return issues;
}

/** Number of bytes `text` takes in UTF-8 (as Kubernetes, written in Go, counts it). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * Checks a `metadata.annotations` map: a plain object whose keys are valid label keys and whose
 * values are strings (of any content), with all keys and values together at most 256 KiB.
 */
export function checkAnnotations(map: unknown, path: string): ValidationIssue[] {
  if (!isPlainObject(map)) return [mapTypeIssue(map, path, 'Annotations')];
  const issues: ValidationIssue[] = [];
  let total = 0;
  for (const [key, value] of Object.entries(map)) {
    const entryPath = joinPath(path, key);
    issues.push(...checkLabelKey(key, entryPath));
    total += utf8ByteLength(key);
    if (typeof value === 'string') {
      total += utf8ByteLength(value);
    } else {
      issues.push(
        issue(
          entryPath,
          `Annotation value must be a string, but got ${typeName(value)}; quote it.`,
          {
            received: value,
            allowed: 'a string',
          },
        ),
      );
    }
  }
  if (total > MAX_ANNOTATIONS_TOTAL_BYTES) {
    issues.push(
      issue(
        path,
        `Annotations take ${total} bytes in total; Kubernetes allows at most ${MAX_ANNOTATIONS_TOTAL_BYTES} bytes (256 KiB) for all keys and values together.`,
        { allowed: `at most ${MAX_ANNOTATIONS_TOTAL_BYTES} bytes` },
      ),
    );
  }
  return issues;
}

function unknownFieldIssues(
  obj: Record<string, unknown>,
  path: string,
  known: readonly string[],
  what: string,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const near = known.find((k) => k.toLowerCase() === key.toLowerCase());
    const suggestion = near === undefined ? '' : ` Did you mean "${near}"?`;
    issues.push(
      issue(
        joinPath(path, key),
        `Unknown field ${JSON.stringify(key)} in ${what}; allowed fields are ${known.join(', ')}.${suggestion}`,
        { allowed: known.join(', ') },
      ),
    );
  }
  return issues;
}

function isEmptyList(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

function checkRequirement(item: unknown, path: string): ValidationIssue[] {
  if (!isPlainObject(item)) {
    return [
      issue(
        path,
        `A label selector requirement must be an object {key, operator, values}, but got ${typeName(item)}.`,
        {
          received: item,
        },
      ),
    ];
  }
  const issues = unknownFieldIssues(
    item,
    path,
    ['key', 'operator', 'values'],
    'a matchExpressions entry',
  );
  const keyPath = joinPath(path, 'key');
  if (item['key'] === undefined) {
    issues.push(
      issue(keyPath, 'The label key of a matchExpressions entry is required.', {
        allowed: KEY_RULE,
      }),
    );
  } else {
    issues.push(...checkLabelKey(item['key'], keyPath));
  }
  const operatorPath = joinPath(path, 'operator');
  const operator = item['operator'];
  const allowedOperators = LABEL_SELECTOR_OPERATORS.join(', ');
  let knownOperator: LabelSelectorOperator | undefined;
  if (operator === undefined) {
    issues.push(
      issue(
        operatorPath,
        `The operator of a matchExpressions entry is required; use one of ${allowedOperators}.`,
        {
          allowed: allowedOperators,
        },
      ),
    );
  } else if (LABEL_SELECTOR_OPERATORS.includes(operator as LabelSelectorOperator)) {
    knownOperator = operator as LabelSelectorOperator;
  } else {
    const near =
      typeof operator === 'string'
        ? LABEL_SELECTOR_OPERATORS.find((op) => op.toLowerCase() === operator.toLowerCase())
        : undefined;
    issues.push(
      issue(
        operatorPath,
        `Unknown label selector operator; use one of ${allowedOperators} (case-sensitive).${
          near === undefined ? '' : ` Did you mean "${near}"?`
        }`,
        { received: operator, allowed: allowedOperators },
      ),
    );
  }
  const values = item['values'];
  const valuesPath = joinPath(path, 'values');
  if (values !== undefined && values !== null && !Array.isArray(values)) {
    issues.push(
      issue(valuesPath, `values must be a list of strings, but got ${typeName(values)}.`, {
        received: values,
        allowed: 'a list of label values',
      }),
    );
  } else if (Array.isArray(values)) {
    values.forEach((v, i) => {
      issues.push(...checkLabelValue(v, joinPath(valuesPath, i)));
    });
  }
  if ((knownOperator === 'In' || knownOperator === 'NotIn') && isEmptyList(values)) {
    issues.push(
      issue(
        valuesPath,
        `values must list at least one value when the operator is ${knownOperator}.`,
        {
          received: values,
          allowed: 'a non-empty list of label values',
        },
      ),
    );
  }
  if ((knownOperator === 'Exists' || knownOperator === 'DoesNotExist') && !isEmptyList(values)) {
    issues.push(
      issue(
        valuesPath,
        `values must be empty when the operator is ${knownOperator}; remove them, or use In/NotIn to compare values.`,
        { received: values, allowed: 'no values' },
      ),
    );
  }
  return issues;
}

/**
 * Checks a Kubernetes `metav1.LabelSelector` ({@link LabelSelector}): a plain object with only
 * `matchLabels` (validated as labels) and `matchExpressions` (each with a valid `key`, an
 * `operator` of In/NotIn/Exists/DoesNotExist, and `values` that are non-empty for In/NotIn and
 * empty for Exists/DoesNotExist, each a valid label value). Unknown fields are reported.
 */
export function checkLabelSelector(sel: unknown, path: string): ValidationIssue[] {
  if (!isPlainObject(sel)) {
    return [
      issue(
        path,
        `A label selector must be an object with matchLabels and/or matchExpressions, but got ${typeName(sel)}.`,
        {
          received: sel,
          allowed: '{ matchLabels?, matchExpressions? }',
        },
      ),
    ];
  }
  const issues = unknownFieldIssues(
    sel,
    path,
    ['matchLabels', 'matchExpressions'],
    'a label selector',
  );
  const matchLabels = sel['matchLabels'];
  if (matchLabels !== undefined && matchLabels !== null) {
    issues.push(...checkLabels(matchLabels, joinPath(path, 'matchLabels')));
  }
  const expressions = sel['matchExpressions'];
  const expressionsPath = joinPath(path, 'matchExpressions');
  if (expressions !== undefined && expressions !== null) {
    if (Array.isArray(expressions)) {
      expressions.forEach((item, i) => {
        issues.push(...checkRequirement(item, joinPath(expressionsPath, i)));
      });
    } else {
      issues.push(
        issue(
          expressionsPath,
          `matchExpressions must be a list, but got ${typeName(expressions)}.`,
          {
            received: expressions,
            allowed: 'a list of {key, operator, values}',
          },
        ),
      );
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// The kubectl / velero `-l` selector syntax

type TokenKind = 'ident' | ',' | '(' | ')' | '=' | '==' | '!=' | '!' | '<' | '>' | 'end';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly at: number;
}

const SPECIAL = new Set([',', '(', ')', '=', '!', '<', '>']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '==' || two === '!=') {
      tokens.push({ kind: two, text: two, at: i });
      i += 2;
      continue;
    }
    if (SPECIAL.has(c)) {
      tokens.push({ kind: c as TokenKind, text: c, at: i });
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && !/\s/.test(text[i] ?? '') && !SPECIAL.has(text[i] ?? '')) i++;
    tokens.push({ kind: 'ident', text: text.slice(start, i), at: start });
  }
  tokens.push({ kind: 'end', text: '', at: text.length });
  return tokens;
}

class SelectorSyntaxError {
  constructor(readonly message: string) {}
}

interface ParsedRequirement {
  readonly key: string;
  readonly operator: LabelSelectorOperator | 'Equals';
  readonly values: string[];
}

class SelectorParser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.pos] ?? { kind: 'end', text: '', at: this.text.length };
  }

  private next(): Token {
    const token = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return token;
  }

  private fail(token: Token, expected: string): never {
    const found = token.kind === 'end' ? 'the end of the selector' : JSON.stringify(token.text);
    throw new SelectorSyntaxError(
      `Label selector ${JSON.stringify(this.text)}: expected ${expected} at position ${token.at + 1}, found ${found}.`,
    );
  }

  parseAll(): ParsedRequirement[] {
    const out: ParsedRequirement[] = [];
    for (;;) {
      out.push(this.parseRequirement());
      const token = this.next();
      if (token.kind === 'end') return out;
      if (token.kind !== ',') this.fail(token, '"," between requirements');
    }
  }

  private parseRequirement(): ParsedRequirement {
    const first = this.next();
    if (first.kind === '!') {
      const key = this.next();
      if (key.kind !== 'ident') this.fail(key, 'a label key after "!"');
      return { key: key.text, operator: 'DoesNotExist', values: [] };
    }
    if (first.kind !== 'ident') this.fail(first, 'a label key');
    const op = this.peek();
    if (op.kind === ',' || op.kind === 'end')
      return { key: first.text, operator: 'Exists', values: [] };
    this.next();
    switch (op.kind) {
      case '=':
      case '==':
        return { key: first.text, operator: 'Equals', values: [this.parseExactValue()] };
      case '!=':
        return { key: first.text, operator: 'NotIn', values: [this.parseExactValue()] };
      case '<':
      case '>':
        throw new SelectorSyntaxError(
          `Label selector ${JSON.stringify(this.text)}: the "${op.text}" operator is not supported in label selectors; Velero's labelSelector only has =, ==, !=, in, notin, exists (key) and !key.`,
        );
      case 'ident':
        if (op.text === 'in' || op.text === 'notin') {
          return {
            key: first.text,
            operator: op.text === 'in' ? 'In' : 'NotIn',
            values: this.parseValueList(),
          };
        }
        return this.fail(op, 'an operator (=, ==, !=, in, notin), "," or the end');
      default:
        return this.fail(op, 'an operator (=, ==, !=, in, notin), "," or the end');
    }
  }

  private parseExactValue(): string {
    const token = this.peek();
    if (token.kind === ',' || token.kind === 'end') return '';
    if (token.kind !== 'ident') this.fail(token, 'a value');
    this.next();
    return token.text;
  }

  private parseValueList(): string[] {
    const open = this.next();
    if (open.kind !== '(') this.fail(open, '"(" to start the list of values');
    const values: string[] = [];
    if (this.peek().kind === ')') {
      this.next();
      return values;
    }
    for (;;) {
      const value = this.next();
      if (value.kind !== 'ident') this.fail(value, 'a value');
      values.push(value.text);
      const sep = this.next();
      if (sep.kind === ')') return values;
      if (sep.kind !== ',') this.fail(sep, '"," or ")" in the list of values');
    }
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Parses the `-l`/`--selector` syntax of kubectl and the velero CLI, e.g.
 * `app=web,tier!=cache,env in (prod,staging),zone notin (a),managed,!legacy`, into a
 * {@link LabelSelector}: `key=value` / `key==value` go to `matchLabels`, `key!=value` becomes
 * `NotIn [value]`, `key in (...)` / `key notin (...)` become `In` / `NotIn`, a bare `key` becomes
 * `Exists` and `!key` becomes `DoesNotExist`. The result is in the canonical form Velero writes
 * (keys and values sorted, values deduplicated). Keys and values are validated; `selector` is
 * present only when there are no issues. Empty text gives the empty selector (matches everything).
 *
 * @param text the selector text
 * @param path where to report issues, e.g. the flag name `--selector` (default `''`)
 */
export function parseLabelSelectorString(text: string, path = ''): LabelSelectorParseResult {
  if (typeof text !== 'string') {
    return {
      issues: [
        issue(path, `A label selector must be a string, but got ${typeName(text)}.`, {
          received: text,
        }),
      ],
    };
  }
  if (text.trim() === '') return { selector: {}, issues: [] };
  let requirements: ParsedRequirement[];
  try {
    requirements = new SelectorParser(text, tokenize(text)).parseAll();
  } catch (error) {
    if (error instanceof SelectorSyntaxError) {
      return { issues: [issue(path, error.message, { received: text })] };
    }
    throw error;
  }
  const issues: ValidationIssue[] = [];
  const matchLabels = new Map<string, string>();
  const expressions: LabelSelectorRequirement[] = [];
  for (const req of requirements) {
    issues.push(...checkLabelKey(req.key, path));
    for (const value of req.values) issues.push(...checkLabelValue(value, path));
    if (req.operator === 'Equals') {
      const value = req.values[0] ?? '';
      const earlier = matchLabels.get(req.key);
      if (earlier !== undefined && earlier !== value) {
        issues.push(
          issue(
            path,
            `Label selector ${JSON.stringify(text)} requires key ${JSON.stringify(req.key)} to equal both ${JSON.stringify(
              earlier,
            )} and ${JSON.stringify(value)}, which nothing matches; keep one, or use "${req.key} in (${earlier},${value})".`,
            { received: text },
          ),
        );
      }
      matchLabels.set(req.key, value);
      continue;
    }
    if ((req.operator === 'In' || req.operator === 'NotIn') && req.values.length === 0) {
      issues.push(
        issue(
          path,
          `Label selector ${JSON.stringify(text)}: "${req.key} ${req.operator.toLowerCase()} ()" needs at least one value.`,
          {
            received: text,
          },
        ),
      );
      continue;
    }
    const requirement: LabelSelectorRequirement = { key: req.key, operator: req.operator };
    if (req.values.length > 0) requirement.values = [...new Set(req.values)].sort(compareStrings);
    expressions.push(requirement);
  }
  if (issues.length > 0) return { issues };
  const selector: LabelSelector = {};
  if (matchLabels.size > 0) {
    selector.matchLabels = Object.fromEntries(
      [...matchLabels.entries()].sort((a, b) => compareStrings(a[0], b[0])),
    );
  }
  if (expressions.length > 0) {
    selector.matchExpressions = expressions
      .map((e, i) => ({ e, i }))
      .sort((a, b) => compareStrings(a.e.key, b.e.key) || a.i - b.i)
      .map(({ e }) => e);
  }
  return { selector, issues: [] };
}

/**
 * Parses the velero CLI's `--or-selector` syntax: selectors separated by ` or `, e.g.
 * `app=web or tier in (db,cache)`, each parsed by {@link parseLabelSelectorString}. Issues for
 * the n-th part use the path `path[n]`; an empty part is reported (it would match everything).
 *
 * @param text the `--or-selector` text
 * @param path where to report issues, e.g. the flag name `--or-selector` (default `''`)
 */
export function parseOrLabelSelectorsString(text: string, path = ''): OrLabelSelectorsParseResult {
  if (typeof text !== 'string') {
    return {
      issues: [
        issue(path, `An OR label selector must be a string, but got ${typeName(text)}.`, {
          received: text,
        }),
      ],
    };
  }
  const issues: ValidationIssue[] = [];
  const selectors: LabelSelector[] = [];
  text.split(' or ').forEach((part, i) => {
    const partPath = joinPath(path, i);
    if (part.trim() === '') {
      issues.push(
        issue(
          partPath,
          `Part ${i + 1} of the OR selector ${JSON.stringify(text)} is empty; an empty selector matches every object, which makes the other parts pointless.`,
          {
            received: text,
          },
        ),
      );
      return;
    }
    const result = parseLabelSelectorString(part, partPath);
    issues.push(...result.issues);
    if (result.selector !== undefined) selectors.push(result.selector);
  });
  return issues.length > 0 ? { issues } : { selectors, issues: [] };
}
