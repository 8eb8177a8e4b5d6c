import { Construct, IConstruct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { IGrantable } from '../core/grantable';
import type { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { createOrAdoptServiceAccount } from '../core/service-account-source';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { GcpProject } from '../core/gcp-project';
import { NODE_IMAGE_PULL_ROLE, NODE_LEAST_PRIVILEGE_ROLES } from '../core/iam-roles';
import { ArtifactRegistryAccess } from './artifact-registry-access';
import { checkProps } from '../core/props';

/** Properties of a {@link NodeServiceAccount}. */
export interface NodeServiceAccountProps {
  /** The project of the service account and of its role grants. */
  readonly project: GcpProject;
  /**
   * The id of the service account to create (the part before `@`).
   * @default - required unless `existingEmail` is given
   */
  readonly accountId?: string;
  /**
   * Adopt this existing service account instead of creating one. The least-privilege roles are still
   * granted to it.
   * @default - a new service account is created
   */
  readonly existingEmail?: string;
  /**
   * The display name of a created service account.
   * @default 'GKE nodes (least privilege)'
   */
  readonly displayName?: string;
  /**
   * Artifact Registry read access for private images.
   * @default ArtifactRegistryAccess.NONE - nodes pull public images only
   */
  readonly artifactRegistryAccess?: ArtifactRegistryAccess;
}

/**
 * The least-privilege service account of GKE nodes (metadata protection guide): logging.logWriter,
 * monitoring.metricWriter and monitoring.viewer on the project, nothing else unless asked for. Never the
 * Compute Engine default service account, whose Editor role every pod could otherwise use.
 */
export class NodeServiceAccount extends Construct implements IGrantable {
  /** The roles every node service account gets: exactly what nodes need to write logs and metrics. */
  public static readonly LEAST_PRIVILEGE_ROLES: string[] = [...NODE_LEAST_PRIVILEGE_ROLES];

  /** The service account's e-mail. */
  public readonly email: string;
  /** The IAM member string: `serviceAccount:EMAIL`. */
  public readonly iamMember: string;
  /** The created service account, when one was created. */
  public readonly serviceAccount?: ServiceAccount;
  /** Every role granted on the project, in order. */
  public readonly projectRoles: string[];

  constructor(scope: Construct, id: string, props: NodeServiceAccountProps) {
    super(scope, id);
    checkProps(this, props, { project: 'object!', accountId: 'string', existingEmail: 'string', displayName: 'string' });
    const source = createOrAdoptServiceAccount(this, {
      project: props.project,
      accountId: props.accountId,
      existingEmail: props.existingEmail,
      displayName: props.displayName ?? 'GKE nodes (least privilege)',
      description: 'Node service account with the least-privilege roles of GKE hardening; managed by cdktf-gke-secure-mesh.',
      requireOwnProject: false,
    });
    this.email = source.email;
    this.serviceAccount = source.serviceAccount;
    this.iamMember = `serviceAccount:${this.email}`;

    const access = props.artifactRegistryAccess ?? ArtifactRegistryAccess.NONE;
    this.projectRoles = [...NodeServiceAccount.LEAST_PRIVILEGE_ROLES, ...(access.projectWide ? [NODE_IMAGE_PULL_ROLE] : [])];
    for (const role of this.projectRoles) {
      new ProjectIamMember(this, role, { project: props.project.id, role, member: this.iamMember });
    }
    for (const repo of access.repositoryRefs) {
      new ArtifactRegistryRepositoryIamMember(this, `artifactregistry.reader-${repo.location}-${repo.repository}`, {
        project: repo.project ?? props.project.id,
        location: repo.location,
        repository: repo.repository,
        role: NODE_IMAGE_PULL_ROLE,
        member: this.iamMember,
      });
    }
  }

  /** The IAM member: {@link iamMember}. Grant the nodes only what every pod on them may use. */
  public grantMember(_scope: IConstruct): string {
    return this.iamMember;
  }

  /** Nothing: IAM accepts grants to the account as soon as Terraform creates it, which the member's reference orders. */
  public grantDependencies(_scope: IConstruct): ITerraformDependable[] {
    return [];
  }
}

/** The node service account id derived from a cluster name: `<name>-nodes`, within 30 characters. */
export function clusterNodeAccountId(clusterName: string): string {
  return `${clusterName.slice(0, 24).replace(/-+$/, '')}-nodes`;
}
