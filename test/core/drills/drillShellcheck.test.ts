/**
 * The drill script and the verification check pass shellcheck (POSIX sh) in every mode.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_VERIFY_COMMAND, restoreDrill } from '../../../lib/core/drills/restoreDrill';
import { udsDefaultSchedule } from '../../../lib/core/manifests/udsDefaultSchedule';
import { describeIf, needsTool } from '../../support/requirements';

function shellcheck(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'velero-drill-shellcheck-'));
  try {
    const paths = Object.entries(files).map(([name, text]) => {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      return file;
    });
    try {
      execFileSync('shellcheck', ['--shell=sh', '--severity=style', ...paths], {
        encoding: 'utf8',
      });
      return '';
    } catch (error) {
      return String((error as { stdout?: string }).stdout ?? error);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describeIf([needsTool('shellcheck')], 'shellcheck', () => {
  test('the drill script, in every mode, and the default check', () => {
    const schedule = udsDefaultSchedule();
    expect(
      shellcheck({
        'volumes.sh': restoreDrill({ schedule }).script,
        'namespace.sh': restoreDrill({ schedule, restore: 'namespace' }).script,
        'not-isolated.sh': restoreDrill({ schedule, restore: 'namespace', isolateNetwork: false })
          .script,
        'quoted-names.sh': restoreDrill({
          schedule,
          namespaces: ['monitoring'],
          verifyCommand: `test "$(ls "$DRILL_VOLUME_PATH" | wc -l)" -gt 2 && echo '$HOME \\ \`x\`'`,
        }).script,
        'verify.sh': `#!/bin/sh\n${DEFAULT_VERIFY_COMMAND}`,
      }),
    ).toBe('');
  });

  test('finds problems when there are some (the check can fail)', () => {
    expect(shellcheck({ 'bad.sh': '#!/bin/sh\nlocal x=1\necho $x\n' })).toMatch(/SC3043|SC2086/);
  });
});
