import { ContainerNodePoolNodeConfig } from '@cdktf/provider-google/lib/container-node-pool';
import { Fn, Token } from 'cdktf';

/** The OAuth scope of every node: access is restricted with IAM roles, not scopes. */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** Inputs of {@link hardenedNodeConfig}. */
export interface HardenedNodeConfigInput {
  readonly serviceAccountEmail: string;
  readonly workloadMetadataMode?: string;
  readonly machineType?: string;
  readonly imageType?: string;
  readonly diskSizeGb?: number;
  readonly diskType?: string;
  readonly spot?: boolean;
  readonly networkTags?: string[];
  readonly labels?: { [key: string]: string };
  readonly resourceLabels?: { [key: string]: string };
  readonly taints?: { key: string; value: string; effect: string }[];
  readonly extraMetadata?: { [key: string]: string };
}

/**
 * The node configuration of the guides, shared by the cluster's temporary default pool and every
 * ConcealedNodePool: a dedicated service account, the GKE metadata server, shielded VMs with secure boot
 * and integrity monitoring, COS with containerd, and `disable-legacy-endpoints = "true"` (always written:
 * when metadata is set without it, Terraform would try to unset the API's default).
 */
export function hardenedNodeConfig(input: HardenedNodeConfigInput): ContainerNodePoolNodeConfig {
  return {
    serviceAccount: input.serviceAccountEmail,
    oauthScopes: [CLOUD_PLATFORM_SCOPE],
    workloadMetadataConfig: { mode: input.workloadMetadataMode ?? 'GKE_METADATA' },
    shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
    metadata: nodeMetadata(input.extraMetadata),
    imageType: input.imageType ?? 'COS_CONTAINERD',
    machineType: input.machineType,
    diskSizeGb: input.diskSizeGb,
    diskType: input.diskType,
    spot: input.spot,
    tags: input.networkTags,
    labels: input.labels,
    resourceLabels: input.resourceLabels,
    taint: input.taints,
  };
}

/**
 * The pool's metadata with `disable-legacy-endpoints = "true"` last, so it wins; a map token (a variable)
 * is merged by Terraform, since its keys are unknown until plan time.
 */
function nodeMetadata(extra: { [key: string]: string } | undefined): { [key: string]: string } {
  const fixed = { 'disable-legacy-endpoints': 'true' };
  if (extra !== undefined && Token.isUnresolved(extra)) return Token.asStringMap(Fn.merge([extra, fixed]));
  return { ...(extra ?? {}), ...fixed };
}
