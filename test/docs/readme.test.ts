import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

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
});
