import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { STDIN_LABEL } from './collectInputs';
import { describeProblem } from './report';
import type { LintInputError, LintProblem } from './types';

/** A SARIF 2.1.0 `reportingDescriptor`: one rule results refer to. */
interface SarifRule {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly defaultConfiguration: { readonly level: 'error' };
}

/** A SARIF 2.1.0 `location` in a file. */
interface SarifLocation {
  readonly physicalLocation: {
    readonly artifactLocation: { readonly uri: string };
    readonly region?: { readonly startLine: number; readonly startColumn?: number };
  };
}

/** A SARIF 2.1.0 `result`: one problem. */
interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: 'error';
  readonly message: { readonly text: string };
  readonly locations: readonly SarifLocation[];
}

/** The SARIF 2.1.0 log `lint --format sarif` prints (one run, one tool). */
export interface SarifLog {
  /** The SARIF schema. */
  readonly $schema: string;
  /** Always `2.1.0`. */
  readonly version: '2.1.0';
  /** One run of `velero-iac lint`. */
  readonly runs: readonly [
    {
      readonly tool: {
        readonly driver: {
          readonly name: string;
          readonly version: string;
          readonly rules: readonly SarifRule[];
        };
      };
      readonly results: readonly SarifResult[];
    },
  ];
}

/** The URI of the SARIF 2.1.0 JSON schema, as `$schema`. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The rule of inputs that could not be checked (missing, unreadable, binary, malformed). */
const UNREADABLE_RULE = 'input/unreadable';

/** The rule of files that hold no document. */
const EMPTY_FILE_RULE = 'input/no-documents';

/**
 * The rule of a problem: the object's kind and the field path with list indexes dropped, e.g.
 * `Schedule/spec.template.ttl` or `Restore/spec.includedResources[]`, so that code scanning
 * groups the same mistake across files.
 */
function ruleIdOf(problem: LintProblem): string {
  if (problem.kind === undefined) return EMPTY_FILE_RULE;
  const field = problem.path === '' ? '(object)' : problem.path.replace(/\[\d+\]/g, '[]');
  return `${problem.kind}/${field}`;
}

function ruleDescription(id: string): string {
  if (id === UNREADABLE_RULE) return 'An input that could not be read or parsed as YAML or JSON';
  if (id === EMPTY_FILE_RULE) return 'A file that holds no YAML or JSON document';
  const slash = id.indexOf('/');
  const field = id.slice(slash + 1);
  return field === '(object)'
    ? `An invalid Velero ${id.slice(0, slash)}`
    : `An invalid \`${field}\` in a Velero ${id.slice(0, slash)}`;
}

/**
 * The file as a SARIF `artifactLocation.uri`: a relative path stays relative (code scanning
 * resolves it against the repository root), with `/` separators and percent-encoding; an absolute
 * path becomes a `file://` URI.
 */
function artifactUri(file: string): string {
  if (file !== STDIN_LABEL && isAbsolute(file)) return pathToFileURL(file).href;
  return file
    .split(sep)
    .join('/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function locationOf(at: { file: string; line?: number; column?: number }): SarifLocation {
  const artifactLocation = { uri: artifactUri(at.file) };
  if (at.line === undefined) return { physicalLocation: { artifactLocation } };
  const region =
    at.column === undefined
      ? { startLine: at.line }
      : { startLine: at.line, startColumn: at.column };
  return { physicalLocation: { artifactLocation, region } };
}

/**
 * The lint result as a SARIF 2.1.0 log, for GitHub code scanning (`github/codeql-action/upload-sarif`)
 * and other SARIF viewers: one `error` result per problem and per input that could not be checked,
 * each at its file, line and column, with one rule per kind and field.
 *
 * @param version the velero-iac version, as the tool's version
 */
export function sarifLog(
  problems: readonly LintProblem[],
  inputErrors: readonly LintInputError[],
  version: string,
): SarifLog {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (id: string): number => {
    let index = ruleIndex.get(id);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(id, index);
      rules.push({
        id,
        shortDescription: { text: ruleDescription(id) },
        defaultConfiguration: { level: 'error' },
      });
    }
    return index;
  };
  const results: SarifResult[] = [
    ...inputErrors.map((error) => ({
      ruleId: UNREADABLE_RULE,
      ruleIndex: indexOf(UNREADABLE_RULE),
      level: 'error' as const,
      message: { text: error.message },
      locations: [locationOf(error)],
    })),
    ...problems.map((problem) => {
      const ruleId = ruleIdOf(problem);
      return {
        ruleId,
        ruleIndex: indexOf(ruleId),
        level: 'error' as const,
        message: { text: describeProblem(problem) },
        locations: [
          locationOf(
            problem.kind === undefined && problem.line === undefined
              ? { ...problem, line: 1, column: 1 }
              : problem,
          ),
        ],
      };
    }),
  ];
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'velero-iac', version, rules } }, results }],
  };
}
