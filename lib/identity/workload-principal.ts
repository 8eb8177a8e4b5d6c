import { IConstruct } from 'constructs';
import { Fn, ITerraformDependable, Token } from 'cdktf';
import { GcpProject } from '../core/gcp-project';
import { inputError } from '../core/errors';
import { checkName, DNS_1123_LABEL, DNS_1123_SUBDOMAIN } from '../core/names';
import { IGrantable } from '../core/grantable';

/** Properties of a {@link WorkloadPrincipal}. */
export interface WorkloadPrincipalProps {
  /** The project whose workload pool (`PROJECT_ID.svc.id.goog`) the cluster uses. */
  readonly project: GcpProject;
  /** The Kubernetes namespace of the service account. */
  readonly namespace: string;
  /** The Kubernetes service account name. */
  readonly serviceAccountName: string;
}

const IAM_PRINCIPAL = /^principal:\/\/iam\.googleapis\.com\/projects\/([^/]+)\/locations\/global\/workloadIdentityPools\/([^/]+)\.svc\.id\.goog\/subject\/ns\/([^/]+)\/sa\/([^/]+)$/;
const LEGACY_MEMBER = /^serviceAccount:([^[\]/]+)\.svc\.id\.goog\[([^/\]]+)\/([^/\]]+)\]$/;
const SPIFFE_ID = /^spiffe:\/\/([^/]+)\.svc\.id\.goog\/ns\/([^/]+)\/sa\/([^/]+)$/;

/**
 * The identity of one Kubernetes service account (KSA) under Workload Identity Federation for GKE, as a
 * value: the same KSA named the three ways Google Cloud needs it. Grants to it are direct access (the
 * guide's recommended path); it never stands for a namespace or the whole pool (see
 * {@link WorkloadPrincipalSet} for those).
 */
export class WorkloadPrincipal implements IGrantable {
  /**
   * Reads an IAM principal identifier
   * (`principal://iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/PROJECT_ID.svc.id.goog/subject/ns/NAMESPACE/sa/KSA`).
   */
  public static fromIamPrincipal(identifier: string): WorkloadPrincipal {
    const match = IAM_PRINCIPAL.exec(identifier);
    if (!match) {
      throw inputError('WorkloadPrincipal.fromIamPrincipal', 'identifier', identifier,
        'must be principal://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/PROJECT_ID.svc.id.goog/subject/ns/NAMESPACE/sa/KSA');
    }
    const [, number, id, namespace, serviceAccountName] = match;
    return new WorkloadPrincipal({ project: new GcpProject({ id, number }), namespace, serviceAccountName });
  }

  /**
   * Reads a legacy member (`serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/KSA]`). It has no project
   * number, so {@link iamPrincipal} of the result looks the number up.
   */
  public static fromLegacyMember(member: string): WorkloadPrincipal {
    const match = LEGACY_MEMBER.exec(member);
    if (!match) {
      throw inputError('WorkloadPrincipal.fromLegacyMember', 'member', member, 'must be serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/KSA]');
    }
    const [, id, namespace, serviceAccountName] = match;
    return new WorkloadPrincipal({ project: new GcpProject({ id }), namespace, serviceAccountName });
  }

  /**
   * Reads a SPIFFE id of a mesh certificate (`spiffe://PROJECT_ID.svc.id.goog/ns/NAMESPACE/sa/KSA`). It has
   * no project number, so {@link iamPrincipal} of the result looks the number up.
   */
  public static fromSpiffeId(spiffeId: string): WorkloadPrincipal {
    if (Token.isUnresolved(spiffeId)) {
      // Terraform splits the id at plan time (and fails the plan on a malformed one): RE2 and JS agree on this pattern.
      const part = (i: number) => Fn.element(Fn.regex(SPIFFE_ID.source.replace(/\\\//g, '/'), spiffeId), i);
      return new WorkloadPrincipal({ project: new GcpProject({ id: part(0) }), namespace: part(1), serviceAccountName: part(2) });
    }
    const match = SPIFFE_ID.exec(spiffeId);
    if (!match) {
      throw inputError('WorkloadPrincipal.fromSpiffeId', 'spiffeId', spiffeId, 'must be spiffe://PROJECT_ID.svc.id.goog/ns/NAMESPACE/sa/KSA');
    }
    const [, id, namespace, serviceAccountName] = match;
    return new WorkloadPrincipal({ project: new GcpProject({ id }), namespace, serviceAccountName });
  }

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

  /** The IAM principal identifier: grants to a principal are direct access. */
  public grantMember(scope: IConstruct): string {
    return this.iamPrincipal(scope);
  }

  /**
   * Nothing: a bare principal does not know its cluster. Grant to the `WorkloadIdentity` instead when the
   * grant is in the cluster's stack, so it waits for the workload pool.
   */
  public grantDependencies(_scope: IConstruct): ITerraformDependable[] {
    return [];
  }
}
