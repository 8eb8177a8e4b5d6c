import { Construct } from 'constructs';
import type { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import type { IWorkloadIdentityCluster } from '../core/cluster-ref';
import type { ConcealedNodePool } from '../cluster/concealed-node-pool';
import { inputError } from '../core/errors';
import { checkName, DNS_1123_SUBDOMAIN } from '../core/names';
import { GkeMetadataServer } from '../workloads/gke-metadata-server';
import { metadataConcealmentScript } from './check-script';
import { VerificationCheck, VerificationJobOptions } from './verification-check';
import { verificationJob } from './verification-job';
import { checkedProps } from '../core/props';

/** The node label GKE gives every node of a node pool: the pool's name. */
const NODE_POOL_LABEL = 'cloud.google.com/gke-nodepool';

/** Properties of a {@link MetadataConcealmentCheck}. */
export interface MetadataConcealmentCheckProps extends VerificationJobOptions {
  /** The cluster whose nodes are checked. */
  readonly cluster: IWorkloadIdentityCluster;
  /**
   * The node pool to check: the pod is scheduled onto it only (`cloud.google.com/gke-nodepool`).
   * @default - any node with the GKE metadata server (Standard), any node (Autopilot)
   */
  readonly nodePool?: ConcealedNodePool;
  /**
   * The namespace of the Job and of its service account. It must exist.
   * @default 'default'
   */
  readonly namespace?: string;
  /**
   * The name of the Kubernetes service account the check creates and runs as: one linked to no Google
   * service account, with no grants and no mounted token.
   * @default - the check's name (`name`, without the run id, so a new run keeps the account)
   */
  readonly serviceAccountName?: string;
  /**
   * The kubernetes provider.
   * @default - `cluster.connect(scope)`
   */
  readonly kubernetesProvider?: KubernetesProvider;
}

/**
 * Guide 004's "verify that the identity token metadata is concealed" as a Job. A pod on a node with the
 * GKE metadata server asks the metadata server for kube-env and for an instance identity token
 * (`…/service-accounts/default/identity?audience=https://www.example.com`, the guide's request); it passes
 * when kube-env answers "This metadata endpoint is concealed." and no identity token is issued (the guide's
 * message, or the GKE metadata server's refusal for a service account without a Google service account).
 * A served kube-env or token fails at once, without printing it.
 *
 * The pod runs as a Kubernetes service account of its own that is linked to no Google service account:
 * for a KSA linked to one, the GKE metadata server issues an identity token of that account, so the check
 * would fail without saying anything about the node.
 */
export class MetadataConcealmentCheck extends VerificationCheck {
  /** The `kubernetes_job_v1` resource. */
  public readonly resource: JobV1;
  /** The check's Kubernetes service account. */
  public readonly serviceAccount: ServiceAccountV1;

  constructor(scope: Construct, id: string, props: MetadataConcealmentCheckProps) {
    super(scope, id, checkedProps(scope, id, props, { cluster: 'object!', namespace: 'string', serviceAccountName: 'string', name: 'string', image: 'string', attempts: 'number', retryIntervalSeconds: 'number', backoffLimit: 'number', activeDeadlineSeconds: 'number', ttlSecondsAfterFinished: 'number', waitForCompletion: 'boolean', dependsOn: 'object' }).namespace ?? 'default', VerificationCheck.CURL_IMAGE, props);
    const serviceAccountName = props.serviceAccountName ?? this.checkName;
    checkName(this, 'serviceAccountName', serviceAccountName, DNS_1123_SUBDOMAIN);
    const cluster = props.cluster;
    const nodeSelector = {
      ...(cluster.autopilot ? {} : GkeMetadataServer.nodeSelector(this, cluster)),
      ...(props.nodePool ? this.poolSelector(cluster, props.nodePool) : {}),
    };
    const provider = props.kubernetesProvider ?? cluster.connect(this);
    this.serviceAccount = new ServiceAccountV1(this, 'ServiceAccount', {
      provider,
      metadata: { name: serviceAccountName, namespace: this.namespace },
      automountServiceAccountToken: false,
    });
    this.resource = verificationJob(this, {
      provider,
      script: metadataConcealmentScript(),
      env: {},
      resourceRequests: { cpu: '50m', memory: '32Mi' },
      serviceAccountName,
      automountServiceAccountToken: false,
      nodeSelector,
      dependsOn: () => [this.serviceAccount, ...(props.dependsOn ?? [])],
    });
  }

  private poolSelector(cluster: IWorkloadIdentityCluster, pool: ConcealedNodePool): { [key: string]: string } {
    if (cluster.autopilot) {
      throw inputError(this, 'nodePool', pool.node.path,
        `cannot be chosen on the Autopilot cluster ${cluster.clusterName}: Autopilot manages its nodes, which all run the GKE metadata server`);
    }
    if (pool.workloadMetadata.mode !== 'GKE_METADATA') {
      throw inputError(this, 'nodePool', pool.node.path,
        `serves metadata mode ${pool.workloadMetadata.mode}, which conceals nothing: the check would fail by design. ` +
        'Check a GKE_METADATA pool (the pool\'s own finding, NODE-1, already reports this one)');
    }
    return { [NODE_POOL_LABEL]: pool.poolName };
  }
}
