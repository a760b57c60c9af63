/** Imported first by the entry point: names every missing peer package before any is loaded. */
import { assertPeerDependencies } from '../../core/peerDependencies';

assertPeerDependencies('velero-iac/pulumi/registry');
