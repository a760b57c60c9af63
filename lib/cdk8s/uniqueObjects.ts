import { ApiObject } from 'cdk8s';
import type { Construct, IConstruct } from 'constructs';
import { issue, type ValidationIssue, VeleroConfigError } from '../core/errors';

/** The subject of the error {@link checkUniqueObjectsAtSynth} throws. */
export const UNIQUE_OBJECTS_SUBJECT =
  'cdk8s app (two objects with the same kind, namespace and name)';

/** The velero-iac construct behind each `ApiObject` a velero-iac construct added. */
const owners = new WeakMap<ApiObject, { readonly path: string; readonly constructName: string }>();

/** The apps (construct roots) that already run the check at synth. */
const checkedRoots = new WeakSet<IConstruct>();

/** `velero.io` of `velero.io/v1`; `''` for the core group (`v1`). */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** How an object is named in the message: `UdsDefaultSchedule at "app/a/default"`. */
function describeOwner(apiObject: ApiObject): string {
  const owner = owners.get(apiObject);
  return owner === undefined
    ? `ApiObject at ${JSON.stringify(apiObject.node.path)}`
    : `${owner.constructName} at ${JSON.stringify(owner.path)}`;
}

/**
 * One issue per kind, namespace and name that two or more `ApiObject`s of `root` share, when at
 * least one of them was added by a velero-iac construct (others' duplicates are not ours to judge).
 */
export function duplicateObjectIssues(root: IConstruct): ValidationIssue[] {
  const byKey = new Map<string, ApiObject[]>();
  for (const node of root.node.findAll()) {
    if (!ApiObject.isApiObject(node)) continue;
    const { name, namespace } = node.metadata;
    if (name === undefined) continue;
    const key = JSON.stringify([groupOf(node.apiVersion), node.kind, namespace ?? '', name]);
    const same = byKey.get(key);
    if (same === undefined) byKey.set(key, [node]);
    else same.push(node);
  }
  const issues: ValidationIssue[] = [];
  for (const same of byKey.values()) {
    if (same.length < 2 || !same.some((o) => owners.has(o))) continue;
    const first = same[0]!;
    const where =
      first.metadata.namespace === undefined
        ? JSON.stringify(first.metadata.name)
        : JSON.stringify(`${first.metadata.namespace}/${first.metadata.name}`);
    issues.push(
      issue(
        'metadata.name',
        `${first.kind} ${where} is declared ${same.length} times in one app: by ${same
          .map(describeOwner)
          .join(' and by ')}; the cluster would keep only one of them. Give each its own name ` +
          '(or namespace), declare it once, or synthesize clusters in separate apps',
        { received: first.metadata.name },
      ),
    );
  }
  return issues;
}

/**
 * Records that `apiObject` belongs to the velero-iac construct `construct`, and makes the app's
 * synth (`app.synth()`, `app.synthYaml()`, `Testing.synth(chart)`) refuse, before anything is
 * written, two objects with the same kind, namespace and name: it throws a
 * {@link VeleroConfigError} naming both construct paths. Registered once per app.
 */
export function checkUniqueObjectsAtSynth(
  construct: Construct,
  apiObject: ApiObject,
  constructName: string,
): void {
  owners.set(apiObject, { path: construct.node.path, constructName });
  const root = construct.node.root;
  if (checkedRoots.has(root)) return;
  checkedRoots.add(root);
  root.node.addValidation({
    validate: () => {
      const issues = duplicateObjectIssues(root);
      // Thrown rather than returned: cdk8s would wrap returned messages in a plain Error.
      if (issues.length > 0) throw new VeleroConfigError(UNIQUE_OBJECTS_SUBJECT, issues);
      return [];
    },
  });
}
