/**
 * `lint --format github` (GitHub Actions annotations) and `--format sarif` (SARIF 2.1.0 for code
 * scanning): the same problems as the text and JSON formats, at the same lines and columns. The
 * SARIF log is validated against the SARIF 2.1.0 JSON schema and by Microsoft's SARIF Multitool
 * (`validate`), both from the `@microsoft/sarif-multitool` package.
 */
import { spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { githubAnnotation } from '../../lib/cli/lint/githubFormat';
import type { LintInputError, LintProblem } from '../../lib/cli/lint/types';
import { run } from './runCliForTest';

const DIR = 'test/cli/fixtures/lint';

/** The platform package of the SARIF Multitool: it holds the schema and the validator binary. */
const MULTITOOL_PACKAGE = path.dirname(
  require.resolve(`@microsoft/sarif-multitool-${process.platform}/package.json`),
);

interface JsonReport {
  problems: LintProblem[];
  inputErrors: LintInputError[];
}

interface SarifRegion {
  startLine: number;
  startColumn?: number;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region?: SarifRegion } }[];
}

interface SarifRun {
  tool: { driver: { name: string; version: string; rules: { id: string }[] } };
  results: SarifResult[];
}

/** Inputs with every kind of outcome: problems, an empty file, broken files, a missing path. */
const MIXED = [`${DIR}/bad`, `${DIR}/broken`, `${DIR}/good/list.json`, `${DIR}/missing.yaml`];

async function jsonReport(paths: string[]): Promise<JsonReport> {
  return JSON.parse((await run(['lint', '--format', 'json', ...paths])).stdout) as JsonReport;
}

describe('lint --format sarif', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'velero-iac-sarif-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('is valid against the SARIF 2.1.0 JSON schema', async () => {
    const result = await run(['lint', '--format', 'sarif', ...MIXED]);
    expect(result.code).toBe(2);
    const schema = JSON.parse(
      readFileSync(path.join(MULTITOOL_PACKAGE, 'sarif-2.1.0.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log: unknown = JSON.parse(result.stdout);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    // And the schema really checks: a log without `runs` fails.
    expect(validate({ version: '2.1.0' })).toBe(false);
  });

  it("passes the SARIF Multitool's validation with no error", async () => {
    const result = await run(['lint', '--format', 'sarif', ...MIXED]);
    const input = path.join(tmp, 'lint.sarif');
    const output = path.join(tmp, 'validation.sarif');
    writeFileSync(input, result.stdout);
    const binary = require(`@microsoft/sarif-multitool-${process.platform}`) as string;
    try {
      accessSync(binary, constants.X_OK);
    } catch {
      // What the package's own postinstall does; npm skips it when install scripts are off.
      chmodSync(binary, 0o755);
    }
    const validate = (): SarifResult[] => {
      rmSync(output, { force: true });
      const done = spawnSync(binary, ['validate', input, '-o', output], { timeout: 60_000 });
      expect(done.error).toBeUndefined();
      return (JSON.parse(readFileSync(output, 'utf8')) as { runs: SarifRun[] }).runs[0]!.results;
    };
    const results = validate();
    const errors = results.filter((r) => r.level === 'error');
    expect(errors.map((e) => `${e.ruleId}: ${e.message.text}`)).toEqual([]);
    // The validator reports broken logs as errors (so the check above can fail).
    writeFileSync(input, '{"version":"2.1.0","runs":[{"results":[]}]}');
    expect(validate().some((r) => r.level === 'error')).toBe(true);
  });

  it('has one error result per problem and input error, at the same file, line and column', async () => {
    const report = await jsonReport(MIXED);
    const result = await run(['lint', '--format', 'sarif', ...MIXED]);
    const log = JSON.parse(result.stdout) as { version: string; runs: SarifRun[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const [sarifRun] = log.runs;
    expect(sarifRun!.tool.driver.name).toBe('velero-iac');
    const results = sarifRun!.results;
    expect(results).toHaveLength(report.inputErrors.length + report.problems.length);
    const problemResults = results.slice(report.inputErrors.length);
    report.problems.forEach((problem, i) => {
      const found = problemResults[i]!;
      expect(found.level).toBe('error');
      const location = found.locations[0]!.physicalLocation;
      expect(location.artifactLocation.uri).toBe(problem.file);
      expect(location.region?.startLine).toBe(problem.line ?? 1);
      expect(location.region?.startColumn).toBe(problem.column ?? 1);
      if (problem.kind !== undefined) {
        expect(found.ruleId).toBe(`${problem.kind}/${problem.path.replace(/\[\d+\]/g, '[]')}`);
        expect(found.message.text).toContain(problem.message);
      }
      expect(sarifRun!.tool.driver.rules[found.ruleIndex]!.id).toBe(found.ruleId);
    });
    results.slice(0, report.inputErrors.length).forEach((found) => {
      expect(found.ruleId).toBe('input/unreadable');
    });
    expect(new Set(sarifRun!.tool.driver.rules.map((r) => r.id)).size).toBe(
      sarifRun!.tool.driver.rules.length,
    );
  });

  it('prints an empty result list and exits 0 for clean input', async () => {
    const result = await run(['lint', '--format', 'sarif', `${DIR}/good`]);
    expect(result.code).toBe(0);
    const log = JSON.parse(result.stdout) as { runs: SarifRun[] };
    expect(log.runs[0]!.results).toEqual([]);
  });
});

describe('lint --format github', () => {
  it('prints one ::error annotation per input error and problem, then the summary', async () => {
    const report = await jsonReport(MIXED);
    const result = await run(['lint', '--format', 'github', ...MIXED]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('');
    const printed = result.stdout.split('\n').filter((line) => line !== '');
    expect(printed).toHaveLength(report.inputErrors.length + report.problems.length + 1);
    expect(printed[printed.length - 1]).toMatch(/^lint: \d+ files, /);
    const problemLines = printed.slice(report.inputErrors.length, -1);
    report.problems.forEach((problem, i) => {
      const line = problemLines[i]!;
      const position =
        problem.line === undefined ? '' : `,line=${problem.line},col=${problem.column}`;
      expect(line.startsWith(`::error file=${problem.file}${position},title=`)).toBe(true);
      // A file-level problem (an empty file) has no line and no object.
      expect(line).toContain(
        problem.kind === undefined ? `::${problem.message}` : `::${problem.kind}/${problem.name}: `,
      );
    });
    for (const line of printed.slice(0, report.inputErrors.length)) {
      expect(line).toMatch(
        /^::error file=[^,]+(,line=\d+,col=\d+)?,title=velero-iac lint%3A unreadable input::/,
      );
    }
  });

  it('escapes what would end a property or the message', () => {
    const problem: LintProblem = {
      file: 'odd,name:1.yaml',
      document: 1,
      line: 3,
      column: 5,
      kind: 'Schedule',
      name: 'a',
      path: 'spec.schedule',
      message: 'first line\nsecond line, 100%',
    };
    expect(githubAnnotation(problem)).toBe(
      '::error file=odd%2Cname%3A1.yaml,line=3,col=5,title=velero-iac lint%3A Schedule/a::Schedule/a: spec.schedule: first line%0Asecond line, 100%25',
    );
  });
});

describe('lint summary', () => {
  let empty: string;
  beforeAll(() => {
    empty = mkdtempSync(path.join(tmpdir(), 'velero-iac-empty-'));
    mkdirSync(path.join(empty, 'nested'));
  });
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it('does not count an empty folder as a file', async () => {
    const result = await run(['lint', empty]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${empty}: error: folder holds no .yaml, .yml or .json file\n`);
    expect(result.stdout).toBe(
      'lint: 0 files, 0 documents, 0 Velero objects, 0 skipped (not Velero), 0 problems, 1 unreadable input\n',
    );
  });
});
