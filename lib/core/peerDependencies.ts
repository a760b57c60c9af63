/**
 * Which peer packages each entry point of velero-iac needs, and the error that names every
 * missing one. The front ends check their peers before loading any of them, so a user who has
 * not installed them reads what to install instead of `Cannot find module '@pulumi/kubernetes'`.
 *
 * A new entry point adds one line to {@link ENTRY_POINT_PEERS} (and one `requirePeers` import at
 * the top of its `index.ts`); a new peer adds its range to {@link PEER_RANGES}, which a test keeps
 * equal to `package.json`'s `peerDependencies`.
 */

/** The version range of every peer package, as `package.json` declares it. */
export const PEER_RANGES = {
  '@pulumi/aws': '^7.0.0',
  '@pulumi/kubernetes': '^4.0.0',
  '@pulumi/policy': '^1.0.0',
  '@pulumi/pulumi': '^3.142.0',
  '@pulumiverse/time': '^0.1.0',
  'aws-cdk-lib': '^2.257.0',
  cdk8s: '^2.68.0',
  constructs: '^10.0.0',
} as const;

/** A peer package of velero-iac. */
export type PeerPackage = keyof typeof PEER_RANGES;

/** What one entry point needs installed beside it. */
export interface EntryPointPeers {
  /** Loaded as soon as the entry point is imported. */
  readonly required: readonly PeerPackage[];
  /** Loaded only by some features, named here with when they are needed. */
  readonly optional: Readonly<Partial<Record<PeerPackage, string>>>;
}

/** The peers of every entry point (`velero-iac` and the command line need none). */
export const ENTRY_POINT_PEERS = {
  'velero-iac': { required: [], optional: {} },
  'velero-iac/cdk8s': { required: ['cdk8s', 'constructs'], optional: {} },
  'velero-iac/pulumi': {
    required: ['@pulumi/pulumi', '@pulumi/aws', '@pulumi/kubernetes'],
    optional: { '@pulumiverse/time': 'a VeleroBucket or VeleroBackupPlatform without `date`' },
  },
  'velero-iac/pulumi/policies': { required: ['@pulumi/policy'], optional: {} },
  'velero-iac/pulumi/registry': {
    required: ['@pulumi/pulumi', '@pulumi/aws', '@pulumi/kubernetes'],
    optional: { '@pulumiverse/time': 'a VeleroBucket or VeleroBackupPlatform without `date`' },
  },
  'velero-iac/pulumi/testing': { required: ['@pulumi/pulumi'], optional: {} },
  'velero-iac/aws-cdk': {
    required: ['aws-cdk-lib', 'constructs'],
    optional: { cdk8s: '`VeleroEksBackup` (its cdk8s chart of the Velero objects)' },
  },
} as const satisfies Record<string, EntryPointPeers>;

/** An entry point of the package, e.g. `velero-iac/pulumi`. */
export type EntryPoint = keyof typeof ENTRY_POINT_PEERS;

/** `npm install` of the given peers at the ranges velero-iac supports. */
export function peerInstallCommand(packages: readonly PeerPackage[]): string {
  return `npm install ${packages.map((name) => `${name}@${PEER_RANGES[name]}`).join(' ')}`;
}

/** Thrown when a peer package an entry point or a feature needs is not installed. */
export class MissingPeerDependencyError extends Error {
  /** The entry point (or feature) that needs the packages. */
  readonly neededBy: string;
  /** Every package that is missing, in the order the entry point lists them. */
  readonly missing: readonly PeerPackage[];
  /** The command that installs them. */
  readonly installCommand: string;

  constructor(neededBy: string, missing: readonly PeerPackage[]) {
    const command = peerInstallCommand(missing);
    super(
      `${neededBy} needs ${missing.length === 1 ? 'a package' : 'packages'} that ${
        missing.length === 1 ? 'is' : 'are'
      } not installed: ${missing.join(', ')}. Install ${
        missing.length === 1 ? 'it' : 'them'
      } beside velero-iac:\n  ${command}`,
    );
    this.name = 'MissingPeerDependencyError';
    this.neededBy = neededBy;
    this.missing = missing;
    this.installCommand = command;
  }
}

/** Whether `name` resolves from velero-iac's own location (as its `require` would). */
function isResolvable(name: string, resolve: (id: string) => string): boolean {
  try {
    resolve(name);
    return true;
  } catch (error) {
    // Only "not found" means not installed; anything else is left for the real require to report.
    return (error as { code?: unknown }).code !== 'MODULE_NOT_FOUND';
  }
}

/**
 * Throws a {@link MissingPeerDependencyError} naming every required peer of `entry` that cannot
 * be resolved. Resolving loads nothing.
 *
 * @param entry the entry point being imported
 * @param resolve how to resolve a package name; `require.resolve` by default
 */
export function assertPeerDependencies(
  entry: EntryPoint,
  resolve: (id: string) => string = require.resolve,
): void {
  const missing = ENTRY_POINT_PEERS[entry].required.filter((name) => !isResolvable(name, resolve));
  if (missing.length > 0) throw new MissingPeerDependencyError(entry, missing);
}

/**
 * Loads an optional peer the first time a feature needs it, or throws a
 * {@link MissingPeerDependencyError} that says which feature needs it.
 *
 * @param name the peer package
 * @param feature what needs it, e.g. `VeleroBucket "prod" without \`date\``
 * @param load how to load it; `require` by default
 */
export function loadOptionalPeer<T>(
  name: PeerPackage,
  feature: string,
  load: (id: string) => unknown = require,
): T {
  try {
    return load(name) as T;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = (error as { message?: unknown }).message;
    if (
      code === 'MODULE_NOT_FOUND' &&
      typeof message === 'string' &&
      message.includes(`'${name}'`)
    ) {
      throw new MissingPeerDependencyError(feature, [name]);
    }
    throw error;
  }
}
