import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import type { IWorkloadIdentityCluster } from '../core/cluster-ref';
import { WorkloadServiceAccount, WorkloadServiceAccountOptions } from './workload-service-account';

/** Options of `cluster.addWorkloadIdentity(scope, id, options)`. */
export interface WorkloadIdentityOptions {
  /** The Kubernetes namespace of the service account (a DNS-1123 label). */
  readonly namespace: string;
  /** The Kubernetes service account (KSA) name (a DNS-1123 subdomain). */
  readonly name: string;
  /**
   * Create the namespace (`kubernetes_namespace_v1`). The built-in namespaces (`default`, `kube-system`,
   * `kube-public`, `kube-node-lease`) always exist and are refused.
   * @default false - the namespace already exists
   */
  readonly createNamespace?: boolean;
  /**
   * Labels of a created namespace.
   * @default - none
   */
  readonly namespaceLabels?: { [key: string]: string };
  /**
   * Adopt the existing KSA `name` instead of creating it, such as a namespace's `default` service
   * account. Annotations this identity needs (the linked service account, the quota project) are then
   * written onto it with `kubernetes_annotations`, which manages only those keys.
   * @default false - the KSA is created
   */
  readonly existingServiceAccount?: boolean;
  /**
   * Mount the KSA's Kubernetes API token into pods (`automount_service_account_token`). Workload Identity
   * does not need it: the GKE metadata server fetches the token itself.
   * @default false - pods get no Kubernetes API credentials unless they ask for them
   */
  readonly automountToken?: boolean;
  /**
   * Labels of a created KSA.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Further KSA annotations. The two Workload Identity annotations are written from `linkedTo` /
   * `linkedServiceAccount` and `quotaProject`, and are refused here so they cannot disagree with the IAM side.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Link the KSA to this Google service account, created elsewhere and possibly shared by several KSAs
   * (the guide's alternative, and the CronJob walkthrough): `roles/iam.workloadIdentityUser` on it for
   * exactly this KSA, and the `iam.gke.io/gcp-service-account` annotation. Pods then act as that account, so
   * grant roles to the account itself; grants to this identity are refused, since they would reach every
   * KSA linked to it.
   * @default - no link: grants go to the KSA's principal directly (the guide's recommended path)
   */
  readonly linkedTo?: WorkloadServiceAccount;
  /**
   * Create (or adopt) a Google service account in this identity, in the cluster's project, and link the
   * KSA to it as with `linkedTo`. It belongs to this identity alone, so grants to the identity go to it.
   * @default - no link
   */
  readonly linkedServiceAccount?: WorkloadServiceAccountOptions;
  /**
   * Roles granted on the cluster's project to the identity: to its principal, or to its own linked service
   * account. Refused with `linkedTo`. Primitive roles are refused.
   * @default - none
   */
  readonly projectRoles?: string[];
  /**
   * A project whose quota pays for the KSA's token requests to the IAM Service Account Credentials API
   * (GKE 1.24 or later): `roles/serviceusage.serviceUsageConsumer` on that project for the KSA's principal,
   * and the `iam.gke.io/credential-quota-project` annotation.
   * @default - the cluster's project pays
   */
  readonly quotaProject?: string;
  /**
   * The kubernetes provider for the KSA and namespace.
   * @default - `cluster.connect(scope)`: a provider configured from the cluster's data sources in this stack
   */
  readonly kubernetesProvider?: KubernetesProvider;
}

/** Properties of a {@link WorkloadIdentity}. */
export interface WorkloadIdentityProps extends WorkloadIdentityOptions {
  /** The cluster the workload runs in. */
  readonly cluster: IWorkloadIdentityCluster;
}
