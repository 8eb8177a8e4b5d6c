import { Construct } from 'constructs';
import { ContainerNodePool, ContainerNodePoolNodeConfigOutputReference } from '@cdktf/provider-google/lib/container-node-pool';
import { recordOptOuts } from '../core/opt-outs';
import { checkName, GKE_NAME } from '../core/names';
import { adoptionViolations, schemaArguments } from './adoption';
import { checkPoolWorkloadMetadata, WorkloadMetadata } from './workload-metadata';
import type { AdoptedWorkloadIdentityCluster } from './adopted-cluster';

/** Options of {@link AdoptedWorkloadIdentityCluster.adoptNodePool}. */
export interface AdoptedNodePoolOptions {
  /** The existing node pool's name. */
  readonly name: string;
  /**
   * The metadata mode to set in place. GKE recreates the pool's nodes (not the pool) to apply it.
   * @default WorkloadMetadata.GKE_METADATA - the GKE metadata server (guide 001, "updating an existing node pool")
   */
  readonly workloadMetadata?: WorkloadMetadata;
  /**
   * Accept `WorkloadMetadata.GCE_METADATA`: the guide's explicit way to disable Workload Identity on one
   * pool. Reported as a warning.
   * @default false
   */
  readonly allowGceMetadata?: boolean;
}

/** Properties of an {@link AdoptedNodePool}. */
export interface AdoptedNodePoolProps extends AdoptedNodePoolOptions {
  /** The adopted cluster of the pool. */
  readonly cluster: AdoptedWorkloadIdentityCluster;
}

/**
 * An existing node pool brought under this app with a Terraform import block, to switch its metadata mode
 * in place. Only `node_config.workload_metadata_config` is managed; every other argument of the pool and of
 * its node config is ignored, so the plan never replaces the pool.
 */
export class AdoptedNodePool extends Construct {
  /**
   * Arguments of `google_container_node_pool` (and of its `node_config`) whose change replaces the pool
   * (ForceNew in provider 6.50). An adopted pool always ignores them.
   */
  public static readonly REPLACING_ARGUMENTS: string[] = [
    'initial_node_count', 'max_pods_per_node', 'name_prefix', 'network_config', 'placement_policy',
    ...['service_account', 'oauth_scopes', 'metadata', 'shielded_instance_config', 'boot_disk_kms_key', 'preemptible', 'spot',
      'local_ssd_count', 'guest_accelerator', 'min_cpu_platform', 'confidential_nodes'].map((a) => `node_config[0].${a}`),
  ];

  /** The imported `google_container_node_pool`. */
  public readonly resource: ContainerNodePool;
  /** The metadata mode set on the pool. */
  public readonly workloadMetadata: WorkloadMetadata;

  constructor(scope: Construct, id: string, props: AdoptedNodePoolProps) {
    super(scope, id);
    recordOptOuts(this, ['allowGceMetadata']);
    checkName(this, 'name', props.name, GKE_NAME);
    this.workloadMetadata = props.workloadMetadata ?? WorkloadMetadata.GKE_METADATA;
    checkPoolWorkloadMetadata(this, this.workloadMetadata, props.allowGceMetadata ?? false);
    const { cluster } = props;
    const managed = ['project', 'cluster', 'location', 'name', 'node_config.workload_metadata_config'];
    const ignoredPoolArguments = schemaArguments(ContainerNodePool).filter((a) => !['project', 'cluster', 'location', 'name', 'node_config'].includes(a));
    const ignoredNodeConfig = schemaArguments(ContainerNodePoolNodeConfigOutputReference)
      .filter((a) => a !== 'workload_metadata_config').map((a) => `node_config[0].${a}`);
    this.resource = new ContainerNodePool(this, 'Resource', {
      project: cluster.project.id,
      cluster: cluster.clusterName,
      location: cluster.location,
      name: props.name,
      nodeConfig: { workloadMetadataConfig: { mode: this.workloadMetadata.mode } },
      dependsOn: [cluster.resource],
      lifecycle: { ignoreChanges: [...ignoredPoolArguments, ...ignoredNodeConfig] },
    });
    this.resource.importFrom(`${cluster.project.id}/${cluster.location}/${cluster.clusterName}/${props.name}`);
    this.node.addValidation({
      validate: () => adoptionViolations(this.resource, managed, AdoptedNodePool.REPLACING_ARGUMENTS, 'node pool'),
    });
  }
}
