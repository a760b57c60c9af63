/**
 * What every component of the Pulumi package (`velero-iac:index:*`) shares: its type token, and
 * how a problem in its inputs reaches a program in another language.
 *
 * @internal
 */
import * as pulumi from '@pulumi/pulumi';
import { formatIssue, type ValidationIssue, VeleroConfigError } from '../../core/errors';
import { checkVeleroManifestArgs } from '../customResource';

/** The package name in the schema and in every type token: `velero-iac:index:<Component>`. */
export const VELERO_IAC_PACKAGE = 'velero-iac';

/**
 * The type token of a component of the Pulumi package. The provider only serves the `index`
 * module, so every component of the package is `velero-iac:index:<Component>`.
 *
 * @param component the component's class name
 */
export function registryType(component: string): string {
  return `${VELERO_IAC_PACKAGE}:index:${component}`;
}

/**
 * The error a component of the package throws for bad inputs: the engine prints an
 * `InputPropertiesError` for the consumer (whatever their language) as the message and one line
 * per property, never as a stack trace. The message is the `VeleroConfigError`'s.
 *
 * @param error what the core or the TypeScript component found
 */
export function inputPropertiesError(error: VeleroConfigError): pulumi.InputPropertiesError {
  return new pulumi.InputPropertiesError({
    message: error.message,
    errors: error.issues.map((item) => ({ propertyPath: item.path, reason: formatIssue(item) })),
  });
}

/**
 * Throws the package's input error when `issues` is non-empty; call it before `super()`, so that
 * nothing is registered for bad inputs.
 *
 * @param subject what was checked, e.g. `VeleroBucket "backups"`
 * @param issues every problem found
 */
export function throwIfInputIssues(subject: string, issues: readonly ValidationIssue[]): void {
  if (issues.length > 0) throw inputPropertiesError(new VeleroConfigError(subject, issues));
}

/**
 * Runs `build` (which creates the TypeScript component the package's component wraps) and turns
 * a `VeleroConfigError` it throws (e.g. for a value that was an output) into the package's input
 * error.
 *
 * @param build creates the wrapped component
 * @returns what `build` returned
 */
export function withInputErrors<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    throw error instanceof VeleroConfigError ? inputPropertiesError(error) : error;
  }
}

/**
 * Checks the inputs of a package component of one Velero object with the core builder the
 * TypeScript component uses, before `super()`: nothing is registered for bad inputs.
 *
 * @param component the component's class name, e.g. `VeleroSchedule`
 * @param build the core builder, e.g. `scheduleManifest`
 * @param name the component's logical name
 * @param args the inputs
 */
export function checkVeleroObjectInputs(
  component: string,
  build: (options: never) => unknown,
  name: string,
  args: unknown,
): void {
  throwIfInputIssues(`${component} "${name}"`, checkVeleroManifestArgs(build, args).issues);
}
