/**
 * Jest global teardown: removes the run's scratch folder that `globalSetup.ts` made, then fails
 * the run when tests left files in the temp directory.
 */
import { rmSync } from 'node:fs';
import { RUN_DIR_VARIABLE } from './helm';
import { finishTempDirGuard, leftoverMessage } from './tempDirGuard';

export default function globalTeardown(): void {
  const dir = process.env[RUN_DIR_VARIABLE];
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  const leftovers = finishTempDirGuard();
  if (leftovers.length > 0) throw new Error(leftoverMessage(leftovers));
}
