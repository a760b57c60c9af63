import { VeleroConfigError } from 'velero-iac';

/**
 * The `{ path, message }` of each issue of the `VeleroConfigError` that `build` throws; fails the
 * test when it throws nothing or something else.
 */
export function problemsOf(build: () => unknown): { path: string; message: string }[] {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(VeleroConfigError);
    return (error as VeleroConfigError).issues.map(({ path, message }) => ({ path, message }));
  }
  throw new Error('expected a VeleroConfigError');
}
