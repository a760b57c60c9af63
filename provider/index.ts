/**
 * The entry point of velero-iac's Pulumi package (`PulumiPlugin.yaml` beside it): Pulumi runs it
 * when a program in another language uses a `velero-iac:index:*` component, and infers the
 * schema from the components' TypeScript types (`schema.json` is the reviewed copy).
 *
 * Inside the repository, `velero-iac/pulumi/registry` is the source (`tsconfig.json`'s `paths`);
 * installed from npm, it is the published package this directory belongs to. The host finds
 * this directory from its caller, so the file needs no Node.js globals (`tsconfig.json` loads no
 * `@types`); a failure to start reaches Pulumi as an unhandled rejection, which it reports.
 */
import { componentProviderHost } from '@pulumi/pulumi/provider/experimental';
import { VELERO_IAC_COMPONENTS, VELERO_IAC_PACKAGE } from 'velero-iac/pulumi/registry';

void componentProviderHost({
  name: VELERO_IAC_PACKAGE,
  components: [...VELERO_IAC_COMPONENTS],
});
