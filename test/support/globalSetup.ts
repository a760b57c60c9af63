/**
 * Jest global setup: says in one line, once per run, which suites are skipped for lack of
 * `../shared` or a tool (see `requirements.ts`), gives the run a temp directory of its own that
 * the teardown checks is left empty (see `tempDirGuard.ts`), and makes the run's scratch folder in
 * it (for the Helm binary the chart tests unpack once per run; `globalTeardown.ts` removes it).
 */
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RUN_DIR_VARIABLE } from './helm';
import {
  KNOWN_REQUIREMENTS,
  missingRequirements,
  requirementsAreMandatory,
  SHARED_DIR,
} from './requirements';
import { startTempDirGuard } from './tempDirGuard';

export default function globalSetup(): void {
  startTempDirGuard();
  // Workers inherit the variable; the teardown reads it back.
  process.env[RUN_DIR_VARIABLE] = mkdtempSync(path.join(os.tmpdir(), 'velero-iac-run-'));
  const missing = missingRequirements(KNOWN_REQUIREMENTS);
  if (missing.length === 0) return;
  const verdict = requirementsAreMandatory()
    ? 'their suites FAIL (VELERO_IAC_REQUIRE_ALL=1)'
    : 'suites that need them are skipped';
  process.stdout.write(
    `velero-iac tests: missing ${missing.join(', ')} (../shared is ${SHARED_DIR}); ${verdict}.\n`,
  );
}
