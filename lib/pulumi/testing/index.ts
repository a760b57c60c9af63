/**
 * velero-iac's mocks for your own Pulumi tests: `pulumi.runtime.setMocks(veleroMocks())`
 * answers every resource velero-iac creates with outputs shaped like the real providers'.
 *
 * @packageDocumentation
 */

import './requirePeers';

export * from './mocks';
