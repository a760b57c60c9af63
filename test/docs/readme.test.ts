import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Names } from 'cdk8s';
import ts from 'typescript';
import { ClusterBackupsChart, EXAMPLE_CLUSTER } from '../../examples/cdk8s/clusterBackupsChart';
import { ENTRY_POINT_PEERS, PEER_RANGES } from '../../lib/core/peerDependencies';
import { testApp } from '../support/cdk8sApp';

const ROOT = path.resolve(__dirname, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The README's section under `heading` (a `## ` or `### ` line), up to the next heading of its level. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no section ${JSON.stringify(heading)}`);
  const level = heading.split(' ')[0] ?? '##';
  const end = markdown.indexOf(`\n${level} `, start + heading.length + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** The repository's public address, as package.json gives it. */
const MANIFEST = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  repository: { url: string };
  homepage: string;
  bugs: { url: string };
  files: string[];
};
const REPOSITORY = MANIFEST.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** The README's ```ts blocks, in order. */
function typescriptBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

describe('README', () => {
  test('shows exactly the two set-up commands: npm ci && npm run synth, and npm test', () => {
    const setUp = README.slice(
      README.indexOf('## Set-up'),
      README.indexOf('\n## ', README.indexOf('## Set-up') + 1),
    );
    const commands = [...setUp.matchAll(/```sh\n([\s\S]*?)```/g)]
      .flatMap((m) => (m[1] ?? '').split('\n'))
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter((line) => line !== '');
    expect(commands).toEqual(['npm ci && npm run synth', 'npm test']);
  });

  test('its TypeScript examples type-check against the package', () => {
    const blocks = typescriptBlocks(README);
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    // Inside the repo so that node_modules and the tsconfig `paths` for velero-iac resolve.
    const dir = mkdtempSync(path.join(ROOT, '.tmp-readme-'));
    try {
      const files = blocks.map((code, index) => {
        const file = path.join(dir, `example${index}.ts`);
        writeFileSync(file, `declare const someHandWrittenObject: unknown;\n${code}\nexport {};\n`);
        return file;
      });
      const config = ts.getParsedCommandLineOfConfigFile(
        path.join(ROOT, 'tsconfig.json'),
        {},
        {
          ...ts.sys,
          onUnRecoverableConfigFileDiagnostic: (d) => {
            throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
          },
        },
      );
      if (config === undefined) throw new Error('tsconfig.json could not be read');
      const program = ts.createProgram(files, {
        ...config.options,
        noEmit: true,
        noUnusedLocals: false,
      });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file === undefined || files.includes(path.resolve(d.file.fileName)))
        .map((d) => {
          const where =
            d.file && d.start !== undefined
              ? d.file.getLineAndCharacterOfPosition(d.start)
              : undefined;
          const block = d.file ? files.indexOf(path.resolve(d.file.fileName)) : -1;
          return `block ${block} line ${where ? where.line : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
        });
      expect(problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test('its install table names exactly the peers each entry point needs', () => {
    const rows = section(README, '## Install')
      .split('\n')
      .filter((line) => /^\| `velero-iac/.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    const table = Object.fromEntries(
      rows.map(([, entry, required, optional]) => [
        /`([^`]+)`/.exec(entry ?? '')?.[1],
        {
          required: [...(required ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]),
          optional: [...(optional ?? '').matchAll(/`(@?[a-z0-9/.-]+@[^`]+)`/g)].map((m) => m[1]),
        },
      ]),
    );
    const withRange = (name: keyof typeof PEER_RANGES) => `${name}@${PEER_RANGES[name]}`;
    const expected = Object.fromEntries(
      Object.entries(ENTRY_POINT_PEERS).map(([entry, peers]) => [
        entry,
        {
          required: peers.required.map(withRange),
          optional: (Object.keys(peers.optional) as (keyof typeof PEER_RANGES)[]).map(withRange),
        },
      ]),
    );
    expect(table).toEqual(expected);
  });

  test('lists every object `npm run synth` writes, and the file it writes them to', () => {
    const setUp = section(README, '## Set-up');
    const listed = [...setUp.matchAll(/^ *- (\w+) `([^`]+)`(?::| and$)/gm)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    const chart = new ClusterBackupsChart(
      testApp(),
      `velero-${EXAMPLE_CLUSTER.cluster}`,
      EXAMPLE_CLUSTER,
    );
    const written = chart
      .toJson()
      .map((o: { kind: string; metadata: { name: string } }) => `${o.kind} ${o.metadata.name}`);
    expect(listed).toEqual(written);
    expect(setUp).toContain(`\`dist/manifests/${Names.toDnsLabel(chart)}.k8s.yaml\``);
    const namespaces = new Set(
      chart.toJson().map((o: { metadata: { namespace?: string } }) => o.metadata.namespace),
    );
    // Namespaced objects are in `velero`; the rest (the drill's fence and roles) are cluster-scoped.
    expect([...namespaces].sort()).toEqual(['velero', undefined]);
  });

  test('its links work on the npm registry: shipped files relative, others on the repository', () => {
    expect(REPOSITORY).toBe('https://github.com/velero-iac/velero-iac');
    expect(MANIFEST.homepage).toBe(`${REPOSITORY}#readme`);
    expect(MANIFEST.bugs.url).toBe(`${REPOSITORY}/issues`);
    const targets = [...README.matchAll(/\]\(([^()\s]+)\)/g)].map((m) => m[1] ?? '');
    const shipped = (file: string) =>
      ['README.md', 'LICENSE', 'package.json'].includes(file) ||
      MANIFEST.files.some((pattern) =>
        new RegExp(
          `^${pattern
            .replace(/\./g, '\\.')
            .replace(/\*\*\//g, '(.+/)?')
            .replace(/\*/g, '[^/]*')}$`,
        ).test(file),
      );
    const problems: string[] = [];
    for (const target of targets) {
      if (target.startsWith('#')) {
        // An anchor of the README itself: works wherever the README is shown.
      } else if (target.startsWith(`${REPOSITORY}/blob/main/`)) {
        const file = target.slice(`${REPOSITORY}/blob/main/`.length).replace(/#.*$/, '');
        if (!existsSync(path.join(ROOT, file))) problems.push(`${target}: no such file`);
      } else if (/^https?:/.test(target)) {
        if (target.startsWith('https://github.com/') && !target.startsWith(REPOSITORY)) {
          problems.push(`${target}: another repository`);
        }
      } else {
        const file = target.replace(/#.*$/, '');
        if (!existsSync(path.join(ROOT, file))) problems.push(`${target}: no such file`);
        else if (!shipped(file))
          problems.push(`${target}: not in the package; link the repository`);
      }
    }
    expect(problems).toEqual([]);
    expect(targets.length).toBeGreaterThanOrEqual(4);
  });

  test('its Pulumi test example is test/pulumi/userTestExample.test.ts, which runs', () => {
    const file = readFileSync(path.join(ROOT, 'test', 'pulumi', 'userTestExample.test.ts'), 'utf8');
    const example = file.split('// --- README example ---\n')[1];
    expect(example).toBeDefined();
    expect(
      typescriptBlocks(
        section(README, '### Testing your Pulumi program (`velero-iac/pulumi/testing`)'),
      ),
    ).toEqual([example]);
  });
});
