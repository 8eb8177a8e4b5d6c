import { AppIndex } from '../core/app-index';
import { IdentityView, identityView } from './identity-access';
import { MeshView, meshView } from './mesh-access';
import { reportContext } from './report-context';
import { TrustChainView, trustChainView } from './trust-chain';

/** Everything the access report holds: the content of access-report.json. */
export interface AccessModel {
  /** The format version of access-report.json. */
  readonly version: number;
  /** The stacks the report covers, in construct order. */
  readonly stacks: string[];
  readonly mesh: MeshView;
  readonly identities: IdentityView;
  readonly trustChain: TrustChainView;
}

/** The access model of the indexed stacks. */
export function accessModel(index: AppIndex, stacks: string[]): AccessModel {
  const context = reportContext(index);
  return { version: 1, stacks, mesh: meshView(context), identities: identityView(context), trustChain: trustChainView(context) };
}
