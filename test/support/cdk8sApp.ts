/**
 * A cdk8s `App` for tests that leaves nothing behind. `Testing.app()` makes a new
 * `cdk8s.outdir.*` folder in the temp directory on every call and never removes it; these apps
 * share one folder per test file, made when first needed and removed after the file's tests.
 */
import { App, type AppProps } from 'cdk8s';
import { fileTempDir } from './fileTempDir';

const outdir = fileTempDir('velero-iac-cdk8s-app-');

/** A cdk8s `App` whose `outdir` is this test file's temp folder (removed after its tests). */
export function testApp(props: Omit<AppProps, 'outdir'> = {}): App {
  return new App({ ...props, outdir: outdir() });
}
