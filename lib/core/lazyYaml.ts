import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/**
 * The `yaml` package, loaded on first use: most programs never parse or print YAML through the
 * core, and loading it eagerly made `require('velero-iac/cdk8s')` measurably slower (cdk8s
 * bundles its own copy).
 */
export function yaml(): typeof Yaml {
  loaded ??= require('yaml') as typeof Yaml;
  return loaded;
}
