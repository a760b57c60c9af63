/** Jest global teardown: fails the run when tests left files in the temp directory. */
import { finishTempDirGuard, leftoverMessage } from './tempDirGuard';

export default function globalTeardown(): void {
  const leftovers = finishTempDirGuard();
  if (leftovers.length > 0) throw new Error(leftoverMessage(leftovers));
}
