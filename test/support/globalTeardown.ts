/** Jest global teardown: removes the run's scratch folder that `globalSetup.ts` made. */
import { rmSync } from 'node:fs';
import { RUN_DIR_VARIABLE } from './helm';

export default function globalTeardown(): void {
  const dir = process.env[RUN_DIR_VARIABLE];
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}
