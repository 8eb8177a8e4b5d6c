import { Construct } from 'constructs';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { Token } from 'cdktf';
import { recordOptOuts } from '../core/opt-outs';
import { ITaggedNodePool } from '../core/cluster-ref';
import { inputError, reportInputError } from '../core/errors';
import { checkName, GKE_NAME, RESOURCE_NAME } from '../core/names';
import { checkProps, instanceOf, memberOf } from '../core/props';
import { checkKubernetesLabels, checkNames, checkNoRepeats, checkOneOf, checkWholeNumber } from '../core/value-rules';
import { hardenedNodeConfig } from './node-config';
import { NodeServiceAccount } from './node-service-account';
import { NodeTaint, TaintEffect } from './node-taint';
import { checkResourceLabels } from './resource-labels';
import { checkPoolWorkloadMetadata, WorkloadMetadata } from './workload-metadata';
import type { WorkloadIdentityCluster } from './workload-identity-cluster';
import { claimName } from '../core/name-claims';

/** Options of {@link WorkloadIdentityCluster.addNodePool}. */
export interface ConcealedNodePoolOptions {
  /**
   * The node pool name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The machine type.
   * @default 'e2-standard-2'
   */
  readonly machineType?: string;
  /**
   * Nodes per zone, when not autoscaling.
   * @default 1
   */
  readonly nodeCount?: number;
  /**
   * Minimum nodes per zone; with `maxNodes`, turns autoscaling on.
   * @default - no autoscaling
   */
  readonly minNodes?: number;
  /**
   * Maximum nodes per zone; with `minNodes`, turns autoscaling on.
   * @default - no autoscaling
   */
  readonly maxNodes?: number;
  /**
   * The node service account.
   * @default - the cluster's least-privilege node service account
   */
  readonly serviceAccount?: NodeServiceAccount;
  /**
   * Network tags of the nodes, for firewall rules such as the mesh health checks.
   * @default - none
   */
  readonly networkTags?: string[];
  /**
   * Kubernetes labels of the nodes.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Google Cloud resource labels of the node VMs (`node_config.resource_labels`), beside the cluster's
   * `labels`, which GKE puts on every node. Same rules as cluster labels.
   * @default - none
   */
  readonly resourceLabels?: { [key: string]: string };
  /**
   * Kubernetes taints of the nodes.
   * @default - none
   */
  readonly taints?: NodeTaint[];
  /**
   * Extra instance metadata. `disable-legacy-endpoints` is always `"true"` and cannot be changed here.
   * @default - only disable-legacy-endpoints
   */
  readonly metadata?: { [key: string]: string };
  /**
   * The boot disk size in GB.
   * @default - GKE's default (100)
   */
  readonly diskSizeGb?: number;
  /**
   * The boot disk type.
   * @default - GKE's default (pd-balanced)
   */
  readonly diskType?: string;
  /**
   * Use Spot VMs.
   * @default false
   */
  readonly spot?: boolean;
  /**
   * The node image.
   * @default 'COS_CONTAINERD' - Container-Optimized OS, the hardened image
   */
  readonly imageType?: string;
  /**
   * How nodes serve metadata to pods.
   * @default WorkloadMetadata.GKE_METADATA - the GKE metadata server; kube-env and the instance identity token are concealed
   */
  readonly workloadMetadata?: WorkloadMetadata;
  /**
   * Accept `WorkloadMetadata.GCE_METADATA` on this Workload Identity cluster. Pods of the pool then see
   * the node's credentials and metadata; the choice is reported.
   * @default false
   */
  readonly allowGceMetadata?: boolean;
}

/** Properties of a {@link ConcealedNodePool}. */
export interface ConcealedNodePoolProps extends ConcealedNodePoolOptions {
  /** The cluster of the pool. */
  readonly cluster: WorkloadIdentityCluster;
}

/**
 * A node pool whose pods cannot read the node's sensitive metadata: the GKE metadata server
 * (GKE_METADATA) serves Workload Identity and conceals kube-env and the instance identity token;
 * nodes run a least-privilege service account on shielded COS VMs with secure boot, legacy metadata
 * endpoints off, and auto-repair and auto-upgrade on.
 */
export class ConcealedNodePool extends Construct implements ITaggedNodePool {
  /** The `google_container_node_pool` resource. */
  public readonly resource: ContainerNodePool;
  /** The node pool name. */
  public readonly poolName: string;
  /** The metadata mode of the pool's nodes. */
  public readonly workloadMetadata: WorkloadMetadata;
  /** The network tags of the pool's nodes. */
  public readonly networkTags: string[];
  /** The node service account. */
  public readonly serviceAccount: NodeServiceAccount;
  /** The Kubernetes taints of the pool's nodes (a copy); `WorkloadPlacement.onPool` tolerates them. */
  public readonly taints: NodeTaint[];
  /** The cluster of the pool. */
  public readonly cluster: WorkloadIdentityCluster;

  constructor(scope: Construct, id: string, props: ConcealedNodePoolProps) {
    super(scope, id);
    checkProps(this, props, { cluster: 'object!', name: 'string', machineType: 'string', nodeCount: 'number', minNodes: 'number', maxNodes: 'number', networkTags: 'strings', labels: 'map', taints: [{ key: 'string!', value: 'string!', effect: memberOf(TaintEffect, 'TaintEffect', true) }], metadata: 'map', diskSizeGb: 'number', diskType: 'string', spot: 'boolean', imageType: 'string', workloadMetadata: instanceOf(WorkloadMetadata, 'WorkloadMetadata'), allowGceMetadata: 'boolean', resourceLabels: 'map' });
    recordOptOuts(this, ['allowGceMetadata']);
    this.poolName = props.name ?? id;
    checkName(this, 'name', this.poolName, GKE_NAME);
    claimName(this, 'name', `node pool of cluster ${props.cluster.node.path}`, this.poolName);
    this.workloadMetadata = props.workloadMetadata ?? WorkloadMetadata.GKE_METADATA;
    checkPoolWorkloadMetadata(this, this.workloadMetadata, props.allowGceMetadata ?? false);
    const legacyEndpoints = props.metadata?.['disable-legacy-endpoints'];
    if (legacyEndpoints !== undefined && legacyEndpoints !== 'true') {
      throw inputError(this, 'metadata.disable-legacy-endpoints', legacyEndpoints, 'must stay "true": the legacy metadata endpoints are shut down and expose node metadata');
    }
    checkAutoscaling(this, props);
    checkNodeValues(this, props);
    checkResourceLabels(this, 'resourceLabels', props.resourceLabels);

    this.serviceAccount = props.serviceAccount ?? props.cluster.nodeServiceAccount;
    this.networkTags = props.networkTags ?? [];
    this.taints = [...(props.taints ?? [])];
    this.cluster = props.cluster;
    const autoscaling = props.minNodes !== undefined;
    this.resource = new ContainerNodePool(this, 'Resource', {
      project: props.cluster.project.id,
      cluster: props.cluster.resource.name,
      location: props.cluster.location,
      name: this.poolName,
      nodeCount: autoscaling ? undefined : props.nodeCount ?? 1,
      initialNodeCount: autoscaling ? props.minNodes : undefined,
      autoscaling: autoscaling ? { minNodeCount: props.minNodes, maxNodeCount: props.maxNodes } : undefined,
      management: { autoRepair: true, autoUpgrade: true },
      upgradeSettings: { strategy: 'SURGE', maxSurge: 1, maxUnavailable: 0 },
      nodeConfig: hardenedNodeConfig({
        serviceAccountEmail: this.serviceAccount.email,
        workloadMetadataMode: this.workloadMetadata.mode,
        machineType: props.machineType ?? 'e2-standard-2',
        imageType: props.imageType,
        diskSizeGb: props.diskSizeGb,
        diskType: props.diskType,
        spot: props.spot,
        networkTags: props.networkTags,
        labels: props.labels,
        resourceLabels: props.resourceLabels,
        taints: props.taints?.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
        extraMetadata: props.metadata,
      }),
      lifecycle: autoscaling ? { ignoreChanges: ['initial_node_count'] } : undefined,
    });
  }
}

function checkAutoscaling(scope: Construct, props: ConcealedNodePoolProps): void {
  const { minNodes, maxNodes, nodeCount } = props;
  if ((minNodes === undefined) !== (maxNodes === undefined)) {
    throw inputError(scope, minNodes === undefined ? 'maxNodes' : 'minNodes', minNodes ?? maxNodes,
      'autoscaling needs both minNodes and maxNodes');
  }
  if (minNodes !== undefined && nodeCount !== undefined) {
    throw inputError(scope, 'nodeCount', nodeCount, 'cannot be combined with minNodes/maxNodes (autoscaling sets the count)');
  }
  if (minNodes !== undefined && maxNodes !== undefined && !Token.isUnresolved(minNodes) && !Token.isUnresolved(maxNodes) &&
    (!Number.isInteger(minNodes) || !Number.isInteger(maxNodes) || minNodes < 0 || maxNodes < 1 || minNodes > maxNodes)) {
    throw inputError(scope, 'minNodes', minNodes, `must be between 0 and maxNodes (${maxNodes}), and maxNodes at least 1`);
  }
  checkWholeNumber(scope, 'nodeCount', nodeCount, 0, 1000, 'nodes per zone; 0 keeps the pool without nodes');
}

/** GKE's disk types for node boot disks (https://cloud.google.com/kubernetes-engine/docs/concepts/node-images, disk options). */
const DISK_TYPES = ['pd-standard', 'pd-balanced', 'pd-ssd', 'pd-extreme', 'hyperdisk-balanced', 'hyperdisk-extreme', 'hyperdisk-throughput'];
/** GKE node image types (https://cloud.google.com/kubernetes-engine/docs/concepts/node-images). */
const IMAGE_TYPES = ['COS_CONTAINERD', 'UBUNTU_CONTAINERD', 'WINDOWS_LTSC_CONTAINERD', 'WINDOWS_SAC_CONTAINERD'];
/** Metadata keys GKE reserves for its own node setup; a pool cannot set them. */
const RESERVED_METADATA_KEYS = [
  'cluster-location', 'cluster-name', 'cluster-uid', 'configure-sh', 'containerd-configure-sh', 'enable-os-login', 'gci-ensure-gke-docker',
  'gci-metrics-enabled', 'gci-update-strategy', 'instance-template', 'kube-env', 'startup-script', 'user-data', 'disable-address-manager',
  'windows-startup-script-ps1', 'common-psm1', 'k8s-node-setup-psm1', 'install-ssh-psm1', 'user-profile-psm1', 'serial-port-logging-enable',
];
/** A machine type: a series and a shape, such as e2-standard-2, e2-medium or n2-custom-4-8192. */
const MACHINE_TYPE = /^[a-z][a-z0-9]{1,9}-[a-z0-9]+(?:-[a-z0-9]+){0,4}$/;

function checkNodeValues(scope: Construct, props: ConcealedNodePoolProps): void {
  if (props.machineType !== undefined && !Token.isUnresolved(props.machineType) && !MACHINE_TYPE.test(props.machineType)) {
    reportInputError(scope, 'machineType', props.machineType,
      'must be a Compute Engine machine type such as e2-standard-2, e2-medium or n2-custom-4-8192 (lowercase series, "-", shape)');
  }
  checkWholeNumber(scope, 'diskSizeGb', props.diskSizeGb, 10, 65536, 'GKE boot disks take 10 GB to 64 TB');
  checkOneOf(scope, 'diskType', props.diskType, DISK_TYPES);
  checkOneOf(scope, 'imageType', props.imageType, IMAGE_TYPES, true);
  checkNames(scope, 'networkTags', props.networkTags, RESOURCE_NAME);
  checkNoRepeats(scope, 'networkTags', props.networkTags);
  checkKubernetesLabels(scope, 'labels', props.labels);
  // A taint's key and value follow the syntax of a Kubernetes label's.
  (Array.isArray(props.taints) ? props.taints : []).forEach((taint, i) => {
    if (taint) checkKubernetesLabels(scope, `taints[${i}]`, { [taint.key]: taint.value });
  });
  for (const key of Token.isUnresolved(props.metadata) ? [] : Object.keys(props.metadata ?? {})) {
    if (RESERVED_METADATA_KEYS.includes(key)) {
      reportInputError(scope, 'metadata key', key, `is reserved by GKE for its node setup and must not be set (reserved: ${RESERVED_METADATA_KEYS.join(', ')}). Fix: remove metadata["${key}"]`);
    }
  }
}
