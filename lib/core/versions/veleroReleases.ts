/**
 * The images of each Velero release the library targets: the Velero server image (the newest
 * patch of the minor release, whose CRDs the conformance tests use) and the velero-plugin-for-aws
 * image that pairs with it (the plugin README's compatibility table, newest patch of the paired
 * plugin line), and the cron dialect of its server. Pinned, never floating: a floating tag would
 * change Velero under a team.
 */
import { type CronDialect, cronDialectForVeleroVersion } from '../rules/cron';
import { DEFAULT_VELERO_VERSION, type VeleroVersion } from './veleroVersion';

/** A container image, pinned to a tag. */
export interface PinnedImage {
  /** The image repository, e.g. `docker.io/velero/velero`. */
  readonly repository: string;
  /** The tag, e.g. `v1.18.1`. */
  readonly tag: string;
}

/** What the library pins for one Velero release. */
export interface VeleroRelease {
  /** The minor release, e.g. `'1.18'`. */
  readonly version: VeleroVersion;
  /** The Velero server image (the newest patch release of this minor release). */
  readonly veleroImage: PinnedImage;
  /** The velero-plugin-for-aws image that pairs with this release. */
  readonly awsPluginImage: PinnedImage;
  /**
   * The robfig/cron release the server parses Schedules with: `v1.1.0` up to 1.14, `v3.0.1`
   * from 1.15 (no `CRON_TZ=` prefix before 1.15).
   */
  readonly cronDialect: CronDialect;
}

const VELERO_REPOSITORY = 'docker.io/velero/velero';
const AWS_PLUGIN_REPOSITORY = 'velero/velero-plugin-for-aws';

function release(version: VeleroVersion, veleroTag: string, pluginTag: string): VeleroRelease {
  return {
    version,
    veleroImage: { repository: VELERO_REPOSITORY, tag: veleroTag },
    awsPluginImage: { repository: AWS_PLUGIN_REPOSITORY, tag: pluginTag },
    cronDialect: cronDialectForVeleroVersion(version),
  };
}

/**
 * Every targetable release with its pinned images. Plugin pairing (plugin README): v1.8.x → 1.12,
 * v1.9.x → 1.13, v1.10.x → 1.14, v1.11.x → 1.15, v1.12.x → 1.16, v1.13.x → 1.17, v1.14.x → 1.18.
 */
export const VELERO_RELEASES: Readonly<Record<VeleroVersion, VeleroRelease>> = {
  '1.12': release('1.12', 'v1.12.4', 'v1.8.2'),
  '1.13': release('1.13', 'v1.13.2', 'v1.9.2'),
  '1.14': release('1.14', 'v1.14.1', 'v1.10.1'),
  '1.15': release('1.15', 'v1.15.2', 'v1.11.1'),
  '1.16': release('1.16', 'v1.16.2', 'v1.12.2'),
  '1.17': release('1.17', 'v1.17.2', 'v1.13.2'),
  '1.18': release('1.18', 'v1.18.1', 'v1.14.2'),
};

/**
 * The Velero minor release an image tag names (`v1.15.2`, `1.15.2`, `v1.15.2-rc.1` → `'1.15'`),
 * supported or not; `undefined` for a tag that names no release (a digest, `latest`, a custom tag).
 */
export function minorReleaseOfTag(tag: string): string | undefined {
  const match = /^v?(\d+)\.(\d+)\.\d+(?:[-+][\w.-]*)?$/.exec(tag);
  return match === null ? undefined : `${Number(match[1])}.${Number(match[2])}`;
}

/** `repository:tag` of an image. */
export function imageReference(image: PinnedImage): string {
  return `${image.repository}:${image.tag}`;
}

/**
 * The velero-plugin-for-aws image reference that pairs with a Velero release, e.g.
 * `velero/velero-plugin-for-aws:v1.14.2` for `'1.18'`.
 */
export function awsPluginImageFor(version: VeleroVersion = DEFAULT_VELERO_VERSION): string {
  return imageReference(VELERO_RELEASES[version].awsPluginImage);
}

/** The Velero server image of a release, e.g. `{ repository: 'docker.io/velero/velero', tag: 'v1.18.1' }`. */
export function veleroImageFor(version: VeleroVersion = DEFAULT_VELERO_VERSION): PinnedImage {
  return VELERO_RELEASES[version].veleroImage;
}
