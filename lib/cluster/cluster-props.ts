import { GcpProject } from '../core/gcp-project';
import { MaintenanceExclusion, MaintenanceWindow } from './maintenance';
import { SecretsEncryptionOptions } from './secrets-encryption';
import { ProjectServices } from '../core/project-services';
import { ReleaseChannel } from './release-channel';

/** A network allowed to reach the cluster's control plane. */
export interface AuthorizedNetwork {
  /** The CIDR block, such as `10.0.0.0/8`. `0.0.0.0/0` is refused: use `openControlPlane` instead. */
  readonly cidr: string;
  /**
   * A display name.
   * @default - none
   */
  readonly name?: string;
}

/** Which cluster: what every Workload Identity cluster names, created (Standard, Autopilot) or adopted. */
export interface ClusterLocationProps {
  /** The project of the cluster; its workload pool `PROJECT_ID.svc.id.goog` is always set. */
  readonly project: GcpProject;
  /** The cluster name (1-40 lowercase letters, digits and hyphens). */
  readonly name: string;
  /**
   * The location: a region such as `us-east1`. A zone needs `zonal: true`.
   */
  readonly location: string;
  /**
   * Allow a zone as location. A zonal control plane is unavailable during maintenance, and the GKE
   * metadata server then cannot issue Workload Identity tokens (troubleshooting guide).
   * @default false - regional control plane
   */
  readonly zonal?: boolean;
}

/** Properties every Workload Identity cluster created by this app shares, Standard and Autopilot. */
export interface ClusterCommonProps extends ClusterLocationProps {
  /**
   * The release channel.
   * @default ReleaseChannel.REGULAR - Google upgrades the cluster with tested versions
   */
  readonly releaseChannel?: ReleaseChannel;
  /**
   * The VPC network (name or self link).
   * @default 'default'
   */
  readonly network?: string;
  /**
   * The subnetwork (name or self link).
   * @default - the network's subnetwork in the cluster's region
   */
  readonly subnetwork?: string;
  /**
   * The secondary range of the subnetwork for pods (VPC-native).
   * @default - GKE creates the range
   */
  readonly podsRangeName?: string;
  /**
   * The secondary range of the subnetwork for services (VPC-native).
   * @default - GKE creates the range
   */
  readonly servicesRangeName?: string;
  /**
   * Give nodes public IP addresses. Nodes are private by default and reach Google APIs through
   * Private Google Access.
   * @default false - private nodes
   */
  readonly publicNodes?: boolean;
  /**
   * The control plane's /28 range for private nodes.
   * @default '172.16.0.0/28'
   */
  readonly controlPlaneCidr?: string;
  /**
   * Make the control plane reachable only from its private endpoint.
   * @default false - the public endpoint exists but only authorized networks reach it
   */
  readonly privateEndpoint?: boolean;
  /**
   * Networks allowed to reach the control plane.
   * @default - none: no network outside Google Cloud reaches the control plane
   */
  readonly authorizedNetworks?: AuthorizedNetwork[];
  /**
   * Leave master authorized networks off, so any address can reach the control plane endpoint
   * (authentication still applies). An explicit, reported opt-out.
   * @default false
   */
  readonly openControlPlane?: boolean;
  /**
   * Let GKE issue mesh workload certificates from CA Service (`mesh_certificates`), needed by
   * Cloud Service Mesh security.
   * @default false
   */
  readonly meshCertificates?: boolean;
  /**
   * Register the cluster in the project's fleet (`fleet { project }`), needed by Cloud Service Mesh.
   * @default false
   */
  readonly fleet?: boolean;
  /**
   * Grant `roles/container.serviceAgent` to the GKE service agent on the project, which GKE normally
   * does itself; without it enabling Workload Identity fails with "DeployPatch failed".
   * @default false - the grant GKE made when the API was enabled is relied on
   */
  readonly grantServiceAgentRole?: boolean;
  /**
   * The minimum control-plane version.
   * @default - the release channel's default version
   */
  readonly controlPlaneVersion?: string;
  /**
   * Resource labels of the cluster (`resource_labels`), which GKE also puts on the cluster's node VMs and
   * disks. Keys: 1-63 lowercase letters, digits, `_` and `-`, starting with a letter; values: at most 63 of
   * the same characters; at most 64 labels.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * When GKE may run automatic upgrades and repairs.
   * @default - no window: GKE maintains the cluster at any time
   */
  readonly maintenanceWindow?: MaintenanceWindow;
  /**
   * Periods without automatic upgrades (at most 20; they need a `maintenanceWindow`).
   * @default - none
   */
  readonly maintenanceExclusions?: MaintenanceExclusion[];
  /**
   * Application-layer Secrets encryption with a Cloud KMS key (`database_encryption`), given or created.
   * Needs the Cloud KMS API (`cloudkms.googleapis.com`). A named opt-in, because a key costs money.
   * @default - off: Secrets are encrypted at rest by Google-managed keys only
   */
  readonly secretsEncryption?: SecretsEncryptionOptions;
  /**
   * Binary Authorization: enforce the project's singleton policy on every image
   * (`binary_authorization.evaluation_mode = PROJECT_SINGLETON_POLICY_ENFORCE`); `false` writes `DISABLED`.
   * Needs the Binary Authorization API (`binaryauthorization.googleapis.com`).
   * @default - not set: a restrictive project policy would block images, including this library's
   * verification Jobs and gateway Envoy, so enforcement is a decision to make with the policy
   */
  readonly binaryAuthorization?: boolean;
  /**
   * The GKE Gateway API controller on the standard channel (`gateway_api_config.channel = CHANNEL_STANDARD`);
   * `false` writes `CHANNEL_DISABLED`.
   * @default - not set: the cluster keeps GKE's setting
   */
  readonly gatewayApi?: boolean;
  /**
   * Write Terraform outputs: name, location, endpoint (sensitive), workload pool, node service account
   * email, and the fleet membership and Secrets key when present.
   * @default true
   */
  readonly outputs?: boolean;
  /**
   * The prefix of the output names (`<prefix>_endpoint`, …).
   * @default - the cluster's construct path in its stack, "/" and "-" turned into "_" (`cluster_endpoint` for id `cluster`)
   */
  readonly outputPrefix?: string;
  /**
   * Refuse to destroy the cluster. Set false and apply before a teardown.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Enabled APIs the cluster waits for.
   * @default - no dependency: the APIs are assumed to be enabled
   */
  readonly apis?: ProjectServices;
}
