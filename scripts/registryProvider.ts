/**
 * The component provider of velero-iac's Pulumi package, built as `componentProviderHost` builds
 * it (same options, same directory), for the schema generator and the tests: the host itself
 * needs a Pulumi engine to talk to.
 */
import * as path from 'node:path';
import { ComponentProvider } from '@pulumi/pulumi/provider/experimental/provider';
import { VELERO_IAC_COMPONENTS, VELERO_IAC_PACKAGE } from 'velero-iac/pulumi/registry';

/** The plugin directory: `PulumiPlugin.yaml`, its `package.json`, the entry point. */
export const PROVIDER_DIR = path.resolve(__dirname, '..', 'provider');

/** The reviewed schema, next to the entry point. */
export const SCHEMA_FILE = path.join(PROVIDER_DIR, 'schema.json');

/**
 * A provider like the one `provider/index.ts` hosts.
 *
 * @param dirname the plugin directory (another one to check an installed copy)
 */
export function registryProvider(dirname: string = PROVIDER_DIR): ComponentProvider {
  return new ComponentProvider({
    name: VELERO_IAC_PACKAGE,
    dirname,
    components: [...VELERO_IAC_COMPONENTS],
  });
}

/** The schema the provider infers, formatted as `provider/schema.json` stores it. */
export async function renderedSchema(dirname: string = PROVIDER_DIR): Promise<string> {
  const schema: unknown = JSON.parse(await registryProvider(dirname).getSchema());
  return `${JSON.stringify(schema, null, 2)}\n`;
}
