// The README's example of a user's own test (section "Testing your Pulumi program"), run as is:
// test/docs/readme.test.ts checks that the README shows exactly this file below the marker.
// --- README example ---
import * as pulumi from '@pulumi/pulumi';
import { VeleroBackupPlatform } from 'velero-iac/pulumi';
import { veleroMocks } from 'velero-iac/pulumi/testing';

pulumi.runtime.setMocks(veleroMocks(), 'backups', 'test', false);

/** The value of an output once the mocks have resolved it. */
function resolved<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

test('prod backs up to its own bucket through an IRSA role', async () => {
  const platform = new VeleroBackupPlatform('prod', {
    cluster: 'prod',
    date: '2026-01-15',
    region: 'eu-west-1',
    trust: 'irsa',
    oidcProviderArn:
      'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE',
    oidcProviderUrl: 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE',
    bucket: { createKmsKey: true },
  });

  expect(await resolved(platform.bucketName)).toBe('prod-velero-20260115');
  const roleArn = await resolved(platform.roleArn);
  expect(roleArn).toMatch(/^arn:aws:iam::123456789012:role\//);

  const values = await resolved(platform.helmValues);
  expect(values.serviceAccount.server.annotations['eks.amazonaws.com/role-arn']).toBe(roleArn);
  const [location] = values.configuration.backupStorageLocation;
  expect(location?.bucket).toBe('prod-velero-20260115');
  expect(location?.config.kmsKeyId).toMatch(/^arn:aws:kms:eu-west-1:123456789012:key\//);
  const schedules = await Promise.all(platform.schedules.map((s) => resolved(s.name)));
  expect(schedules).toContain('velero-velero-udsbackup');
});
