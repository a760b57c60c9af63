/**
 * A cdk8s `App` for tests that leaves nothing behind. `Testing.app()` makes a new
 * `cdk8s.outdir.*` folder in the temp directory on every call and never removes it; these apps
 * share one folder per test file, made when first needed and removed after the file's tests.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, type AppProps } from 'cdk8s';

let outdir: string | undefined;

afterAll(() => {
  if (outdir !== undefined) fs.rmSync(outdir, { recursive: true, force: true });
  outdir = undefined;
});

/** A cdk8s `App` whose `outdir` is this test file's temp folder (removed after its tests). */
export function testApp(props: Omit<AppProps, 'outdir'> = {}): App {
  outdir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'velero-iac-cdk8s-app-'));
  return new App({ ...props, outdir });
}
