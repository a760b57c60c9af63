/**
 * Writes `provider/schema.json`: the schema Pulumi infers from the package's components (what
 * `pulumi package add` generates every language's SDK from), kept in the repository so that a
 * change to it is reviewed. `--check` fails when the file is stale instead of writing it.
 *
 * Run: `npm run schema` (or `npm run schema -- --check`).
 */
import * as fs from 'node:fs';
import { renderedSchema, SCHEMA_FILE } from './registryProvider';

async function main(): Promise<void> {
  const schema = await renderedSchema();
  const check = process.argv.includes('--check');
  const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
  if (check) {
    if (current !== schema) {
      console.error('provider/schema.json is stale: run `npm run schema` and review the diff.');
      process.exitCode = 1;
      return;
    }
    console.log('provider/schema.json is up to date.');
    return;
  }
  fs.writeFileSync(SCHEMA_FILE, schema);
  console.log(`wrote ${SCHEMA_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
