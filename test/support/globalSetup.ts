/**
 * Jest global setup: says in one line, once per run, which suites are skipped for lack of
 * `../shared` or a tool (see `requirements.ts`), and gives the run a temp directory of its own
 * that the teardown checks is left empty (see `tempDirGuard.ts`).
 */
import {
  KNOWN_REQUIREMENTS,
  missingRequirements,
  requirementsAreMandatory,
  SHARED_DIR,
} from './requirements';
import { startTempDirGuard } from './tempDirGuard';

export default function globalSetup(): void {
  startTempDirGuard();
  const missing = missingRequirements(KNOWN_REQUIREMENTS);
  if (missing.length === 0) return;
  const verdict = requirementsAreMandatory()
    ? 'their suites FAIL (VELERO_IAC_REQUIRE_ALL=1)'
    : 'suites that need them are skipped';
  process.stdout.write(
    `velero-iac tests: missing ${missing.join(', ')} (../shared is ${SHARED_DIR}); ${verdict}.\n`,
  );
}
