/**
 * The temp-directory guard of the jest run (`tempDirGuard.ts`): tests run in a private temp
 * directory, and the teardown names what they leave there.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Chart } from 'cdk8s';
import { testApp } from './cdk8sApp';
import { leftoverMessage, leftoversIn, runTempDir } from './tempDirGuard';

describe('the temp-directory guard', () => {
  test('every test runs with the run’s own temp directory', () => {
    const dir = runTempDir();
    expect(dir).toBeDefined();
    expect(path.basename(dir ?? '')).toMatch(/^velero-iac-test-run-/);
    expect(os.tmpdir()).toBe(dir);
  });

  test('lists what is left, less tool caches, and says how to fix it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-'));
    try {
      fs.mkdirSync(path.join(dir, 'cdk8s.outdir.abc123'));
      fs.mkdirSync(path.join(dir, 'tsx-0'));
      fs.writeFileSync(path.join(dir, 'velero-iac-synth-x'), '');
      const leftovers = leftoversIn(dir);
      expect(leftovers).toEqual(['cdk8s.outdir.abc123', 'velero-iac-synth-x']);
      const message = leftoverMessage(leftovers);
      expect(message).toContain('left 2 entries');
      expect(message).toContain('cdk8s.outdir.abc123, velero-iac-synth-x');
      expect(message).toContain('test/support/cdk8sApp.ts');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a test app makes no cdk8s.outdir folder', () => {
    const before = leftoversIn(os.tmpdir()).filter((e) => e.startsWith('cdk8s.outdir.'));
    new Chart(testApp(), 'chart').toJson();
    const after = leftoversIn(os.tmpdir()).filter((e) => e.startsWith('cdk8s.outdir.'));
    expect(after).toEqual(before);
  });
});
