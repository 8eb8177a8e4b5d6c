import { IConstruct } from 'constructs';
import { GcpProject } from '../core/gcp-project';
import { checkName, DNS_1123_LABEL, DNS_1123_SUBDOMAIN } from '../core/names';

/** Properties of a {@link WorkloadPrincipal}. */
export interface WorkloadPrincipalProps {
  /** The project whose workload pool (`PROJECT_ID.svc.id.goog`) the cluster uses. */
  readonly project: GcpProject;
  /** The Kubernetes namespace of the service account. */
  readonly namespace: string;
  /** The Kubernetes service account name. */
  readonly serviceAccountName: string;
}

/**
 * The identity of one Kubernetes service account (KSA) under Workload Identity Federation for GKE, as a
 * value: the same KSA named the three ways Google Cloud needs it.
 */
export class WorkloadPrincipal {
  /** The project of the workload pool. */
  public readonly project: GcpProject;
  /** The Kubernetes namespace. */
  public readonly namespace: string;
  /** The Kubernetes service account name. */
  public readonly serviceAccountName: string;
  /**
   * The legacy IAM member, used for `roles/iam.workloadIdentityUser` on a Google service account:
   * `serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/KSA]`.
   */
  public readonly legacyMember: string;
  /**
   * The SPIFFE id in mesh certificates, used by authorization rules and subject alt names:
   * `spiffe://PROJECT_ID.svc.id.goog/ns/NAMESPACE/sa/KSA`.
   */
  public readonly spiffeId: string;

  constructor(props: WorkloadPrincipalProps) {
    const where = `WorkloadPrincipal ${props.namespace}/${props.serviceAccountName}`;
    checkName(where, 'namespace', props.namespace, DNS_1123_LABEL);
    checkName(where, 'serviceAccountName', props.serviceAccountName, DNS_1123_SUBDOMAIN);
    this.project = props.project;
    this.namespace = props.namespace;
    this.serviceAccountName = props.serviceAccountName;
    this.legacyMember = `serviceAccount:${props.project.workloadPool}[${props.namespace}/${props.serviceAccountName}]`;
    this.spiffeId = `spiffe://${props.project.trustDomain}/ns/${props.namespace}/sa/${props.serviceAccountName}`;
  }

  /**
   * The IAM principal identifier for direct grants (the guide's recommended path):
   * `principal://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/PROJECT_ID.svc.id.goog/subject/ns/NAMESPACE/sa/KSA`.
   * `scope` locates the project-number lookup when the number was not given.
   */
  public iamPrincipal(scope: IConstruct): string {
    return `principal://iam.googleapis.com/projects/${this.project.numberIn(scope)}/locations/global/workloadIdentityPools/` +
      `${this.project.workloadPool}/subject/ns/${this.namespace}/sa/${this.serviceAccountName}`;
  }
}
