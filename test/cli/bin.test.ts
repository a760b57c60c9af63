/** The bin itself, in a child process: `npx tsx lib/cli/bin.ts`. */
import { spawnSync } from 'node:child_process';

function runBin(args: string[], env: Record<string, string> = {}): ReturnType<typeof spawnSync> {
  return spawnSync('npx', ['tsx', 'lib/cli/bin.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

describe('the velero-iac bin', () => {
  it('prints its help and exits 0', () => {
    const result = runBin(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: velero-iac');
    for (const command of ['synth', 'lint', 'backup', 'schedule', 'restore'])
      expect(result.stdout).toContain(command);
  });

  it('names a default restore after the local time, as velero does (TZ=Asia/Kolkata is UTC+5:30)', () => {
    const before = Date.now();
    const result = runBin(['restore', 'create', '--from-backup', 'b1', '-o', 'json'], {
      TZ: 'Asia/Kolkata',
    });
    expect(result.status).toBe(0);
    const name = (JSON.parse(String(result.stdout)) as { metadata: { name: string } }).metadata
      .name;
    const match = /^b1-(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(name);
    expect(match).not.toBeNull();
    const [, y, mo, d, h, mi, s] = (match ?? []).map(Number);
    // Read the digits as if they were UTC: they must be 5:30 ahead of the real UTC time.
    const shifted = Date.UTC(y, mo - 1, d, h, mi, s) - (5 * 60 + 30) * 60_000;
    expect(shifted).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
    expect(shifted).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('exits 1 with velero\'s "An error occurred" for a rejected value', () => {
    const result = runBin(['backup', 'create', 'x', '--ttl', '30d']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('An error occurred: invalid argument "30d" for "--ttl" flag');
  });
});
