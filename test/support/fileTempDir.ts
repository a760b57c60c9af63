/**
 * One temp folder per test file, made when first needed and removed after the file's tests: for
 * the apps of cdk8s and the AWS CDK, which otherwise make a folder of their own in the temp
 * directory for every app and never remove it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A function returning this test file's folder named `<prefix>*`, made on the first call and
 * removed after the file's tests. Call it at a module's top level (it registers an `afterAll`).
 */
export function fileTempDir(prefix: string): () => string {
  let dir: string | undefined;
  afterAll(() => {
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => {
    dir ??= fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    return dir;
  };
}
