/**
 * The AWS CDK example app: `npx cdk synth` in this directory (the CLI reads cdk.json), or
 * `npx tsx examples/aws-cdk/main.ts` (then this file reads cdk.json's context itself). Writes the
 * CloudFormation template to `cdk.out` (or `$CDK_OUTDIR`). No AWS account is needed to synth.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { BackupStack } from './backupStack';

/** cdk.json's context, for runs without the CDK CLI (which passes it in `CDK_CONTEXT_JSON`). */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(__dirname, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

const app = new App(
  process.env['CDK_CONTEXT_JSON'] === undefined ? { context: cdkJsonContext() } : {},
);
new BackupStack(app, 'VeleroBackupsProdEu', {
  env: { account: '123456789012', region: 'eu-west-1' },
});
app.synth();
