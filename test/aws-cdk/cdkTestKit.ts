/**
 * Helpers for the AWS CDK front end's tests: a stack in a fixed environment, the synthesized
 * template, cdk-nag's packs run on a scope (`validateScope`, the packs' own test entry point), and
 * a resolver that turns the template's intrinsic functions into the values CloudFormation would
 * compute, so documents can be compared with the Pulumi front end's.
 */
import { App, type AppProps, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { fileTempDir } from '../support/fileTempDir';

/** Account and region of the test stacks. */
export const TEST_ENV = { account: '123456789012', region: 'eu-west-1' } as const;

const outdir = fileTempDir('velero-iac-cdk-app-');

/**
 * A CDK `App` whose cloud assembly goes to this test file's temp folder (removed after its
 * tests): an `App` without `outdir` makes a new `cdk.out*` folder in the temp directory each time
 * and never removes it.
 */
export function testCdkApp(props: Omit<AppProps, 'outdir'> = {}): App {
  return new App({ ...props, outdir: outdir() });
}

/** A CDK app with one stack in {@link TEST_ENV}. */
export function newStack(appProps: Omit<AppProps, 'outdir'> = {}): { app: App; stack: Stack } {
  const app = testCdkApp(appProps);
  const stack = new Stack(app, 'Backups', { env: TEST_ENV });
  return { app, stack };
}

/** The synthesized CloudFormation template of a stack. */
export function templateOf(stack: Stack): Template {
  return Template.fromStack(stack);
}

/** One resource of a template. */
export interface TemplateResource {
  /** `AWS::...` type. */
  readonly Type: string;
  /** The properties. */
  readonly Properties?: Record<string, unknown>;
  /** `Retain`, `Delete`... */
  readonly DeletionPolicy?: string;
  /** `Retain`, `Delete`... */
  readonly UpdateReplacePolicy?: string;
  /** Explicit dependencies. */
  readonly DependsOn?: string | string[];
}

/** The resources of a template, by logical id. */
export function resourcesOf(template: Template): Record<string, TemplateResource> {
  return (template.toJSON() as { Resources: Record<string, TemplateResource> }).Resources;
}

/** The single resource of a type; throws when there is not exactly one. */
export function onlyResource(
  template: Template,
  type: string,
): { id: string; resource: TemplateResource } {
  const found = Object.entries(resourcesOf(template)).filter(([, r]) => r.Type === type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  const [id, resource] = found[0] as [string, TemplateResource];
  return { id, resource };
}

/** The placeholder both front ends' created KMS key ARNs are compared as. */
export const CREATED_KEY = '<created kms key>';

/**
 * Resolves `Ref`, `Fn::Join` and `Fn::GetAtt ... Arn` as CloudFormation would, for a template
 * in {@link TEST_ENV} (partition `aws`): a bucket's ARN from its `BucketName`, a created KMS
 * key's ARN as {@link CREATED_KEY}, a role's ARN as `<role LogicalId>`.
 */
export function resolveIntrinsics(value: unknown, template: Template): unknown {
  const resources = resourcesOf(template);
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const entries = Object.entries(node);
    if (entries.length === 1) {
      const [key, arg] = entries[0] as [string, unknown];
      if (key === 'Ref') {
        if (arg === 'AWS::Partition') return 'aws';
        if (arg === 'AWS::Region') return TEST_ENV.region;
        if (arg === 'AWS::AccountId') return TEST_ENV.account;
        const target = resources[arg as string];
        if (target?.Type === 'AWS::S3::Bucket') return target.Properties?.BucketName;
        throw new Error(`cannot resolve Ref ${String(arg)}`);
      }
      if (key === 'Fn::Join') {
        const [separator, parts] = arg as [string, unknown[]];
        return parts.map((part) => String(walk(part))).join(separator);
      }
      if (key === 'Fn::GetAtt') {
        const [id, attribute] = arg as [string, string];
        const target = resources[id];
        if (target?.Type === 'AWS::S3::Bucket' && attribute === 'Arn') {
          return `arn:aws:s3:::${String(target.Properties?.BucketName)}`;
        }
        if (target?.Type === 'AWS::KMS::Key' && attribute === 'Arn') return CREATED_KEY;
        if (target?.Type === 'AWS::IAM::Role' && attribute === 'Arn') return `<role ${id}>`;
        throw new Error(`cannot resolve Fn::GetAtt ${id}.${attribute}`);
      }
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, walk(item)]));
  };
  return walk(value);
}

/** A cdk-nag finding: the rule (with its granular part) and where. */
export interface NagFinding {
  /** E.g. `AwsSolutions-S1` or `AwsSolutions-IAM5[Resource::*]`. */
  readonly rule: string;
  /** `error` or `warning`. */
  readonly severity: string;
  /** Construct paths of the violating resources. */
  readonly paths: readonly string[];
}

/** Runs cdk-nag's AwsSolutions and NIST 800-53 rev 5 packs over a scope. */
export function nagFindings(scope: IConstruct): NagFinding[] {
  return [new AwsSolutionsChecks(), new NIST80053R5Checks()].flatMap((pack) =>
    pack.validateScope(scope).violations.map((violation) => ({
      rule: violation.ruleName,
      severity: violation.severity ?? 'error',
      paths: violation.violatingResources.map((resource) => resource.constructPath ?? ''),
    })),
  );
}

/** Drops every acknowledgment (`Validations.acknowledge`) below a scope: what nag finds then. */
export function withoutAcknowledgments(scope: IConstruct): void {
  for (const child of scope.node.findAll()) {
    const node = child.node as unknown as { _metadata?: { type: string }[] };
    if (Array.isArray(node._metadata)) {
      node._metadata = node._metadata.filter(
        (entry) => entry.type !== 'aws:cdk:acknowledged-rules',
      );
    }
  }
}
