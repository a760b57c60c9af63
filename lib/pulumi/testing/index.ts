/**
 * velero-iac's mocks for your own Pulumi tests: `pulumi.runtime.setMocks(veleroMocks())`
 * answers every resource velero-iac creates with outputs shaped like the real providers'.
 *
 * @packageDocumentation
 */

import './requirePeers';

export {
  DEFAULT_MOCK_NOW,
  MOCK_ACCOUNT_ID,
  MOCK_REGION,
  MOCKED_RESOURCE_TYPES,
  type MockContext,
  type MockOutputs,
  type MockResourceRequest,
  mockCallResult,
  mockResourceOutputs,
  type VeleroMocksOptions,
  veleroMocks,
} from './mocks';
