import { IConstruct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { GcpProject } from '../core/gcp-project';
import { checkName, DNS_1123_LABEL } from '../core/names';
import type { IWorkloadIdentityCluster } from '../core/cluster-ref';
import { IGrantable } from '../core/grantable';
import { poolDependencies } from './grant-support';
import { checkProps } from '../core/props';

/**
 * A set of workloads of one workload pool as an IAM principal set (`principalSet://…`), for the cases of
 * the principal-identifier table of Workload Identity Federation for GKE: every pod of a namespace, of a
 * cluster, or of the whole pool. A grant to a set reaches every Kubernetes service account in it,
 * including ones created later; prefer {@link WorkloadPrincipal} (one KSA) wherever that is enough.
 * `roles/iam.workloadIdentityUser` on a Google service account is never granted to a set by this library.
 */
export class WorkloadPrincipalSet implements IGrantable {
  /**
   * Every pod of a Kubernetes namespace, whatever its service account or cluster (the namespace of every
   * cluster of the project that uses the pool):
   * `principalSet://…/workloadIdentityPools/PROJECT_ID.svc.id.goog/namespace/NAMESPACE`.
   */
  public static namespace(project: GcpProject, namespace: string): WorkloadPrincipalSet {
    checkProps('WorkloadPrincipalSet.namespace', { project, namespace }, { project: 'object!', namespace: 'string!' });
    checkName('WorkloadPrincipalSet.namespace', 'namespace', namespace, DNS_1123_LABEL);
    return new WorkloadPrincipalSet(project, `namespace/${namespace}`, `namespace ${namespace}`);
  }

  /**
   * Every pod of one cluster:
   * `principalSet://…/workloadIdentityPools/PROJECT_ID.svc.id.goog/kubernetes.cluster/https://container.googleapis.com/v1/projects/PROJECT_ID/locations/LOCATION/clusters/NAME`.
   */
  public static cluster(cluster: IWorkloadIdentityCluster): WorkloadPrincipalSet {
    return new WorkloadPrincipalSet(cluster.project,
      `kubernetes.cluster/https://container.googleapis.com/v1/${cluster.clusterId}`, `cluster ${cluster.clusterName}`, cluster);
  }

  /**
   * Every identity of the project's workload pool, in every cluster and namespace:
   * `principalSet://…/workloadIdentityPools/PROJECT_ID.svc.id.goog/*`.
   */
  public static pool(project: GcpProject): WorkloadPrincipalSet {
    return new WorkloadPrincipalSet(project, '*', `pool ${project.workloadPool}`);
  }

  /** The project of the workload pool. */
  public readonly project: GcpProject;
  /** What the set covers, in words, such as `namespace payments`. */
  public readonly description: string;
  private readonly suffix: string;
  private readonly cluster?: IWorkloadIdentityCluster;

  private constructor(project: GcpProject, suffix: string, description: string, cluster?: IWorkloadIdentityCluster) {
    this.project = project;
    this.suffix = suffix;
    this.description = description;
    this.cluster = cluster;
  }

  /** The principal set identifier. `scope` locates the project-number lookup when the number was not given. */
  public identifier(scope: IConstruct): string {
    return `principalSet://iam.googleapis.com/projects/${this.project.numberIn(scope)}/locations/global/workloadIdentityPools/` +
      `${this.project.workloadPool}/${this.suffix}`;
  }

  /** The principal set identifier. */
  public grantMember(scope: IConstruct): string {
    return this.identifier(scope);
  }

  /**
   * The cluster of a cluster set when the grant is in the cluster's stack; nothing for a namespace or
   * pool set, which knows no cluster.
   */
  public grantDependencies(scope: IConstruct): ITerraformDependable[] {
    return this.cluster ? poolDependencies(scope, this.cluster) : [];
  }
}
