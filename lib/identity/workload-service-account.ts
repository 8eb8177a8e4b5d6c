import { Construct, IConstruct } from 'constructs';
import { ITerraformDependable, TerraformStack } from 'cdktf';
import type { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { GcpProject } from '../core/gcp-project';
import { createOrAdoptServiceAccount } from '../core/service-account-source';
import { Grant } from './grant';
import { grantId } from './grant-support';
import { IGrantable } from '../core/grantable';
import { checkProps } from '../core/props';
import { checkGrantableRole } from '../core/iam-roles';
import { Token } from 'cdktf';

/** What a {@link WorkloadServiceAccount} is, without its project (which a workload identity supplies). */
export interface WorkloadServiceAccountOptions {
  /**
   * The id of the Google service account to create (the part before `@`): 6-30 lowercase letters, digits
   * and hyphens.
   * @default - required unless `existingEmail` is given
   */
  readonly accountId?: string;
  /**
   * Adopt this existing Google service account instead of creating one. The project's default Compute
   * Engine and App Engine service accounts are refused: they hold the Editor role.
   * @default - a new service account is created
   */
  readonly existingEmail?: string;
  /**
   * The display name of a created service account.
   * @default - "Workload identity ACCOUNT_ID"
   */
  readonly displayName?: string;
  /**
   * The description of a created service account.
   * @default - a note that workloads impersonate it through Workload Identity Federation for GKE
   */
  readonly description?: string;
  /**
   * Roles granted on the service account's project (`google_project_iam_member` each). Primitive roles
   * are refused.
   * @default - none: grant what the workload needs with grantProjectRole or the Grant helpers
   */
  readonly projectRoles?: string[];
}

/** Properties of a {@link WorkloadServiceAccount}. */
export interface WorkloadServiceAccountProps extends WorkloadServiceAccountOptions {
  /** The project of the service account (and of its `projectRoles`). */
  readonly project: GcpProject;
}

/**
 * A Google service account (GSA) that Kubernetes workloads act as, the guide's alternative to direct
 * access ("link the KSA to IAM"): created, or adopted by e-mail, with its own roles and no keys. A
 * `WorkloadIdentity` with `linkedTo` this account binds `roles/iam.workloadIdentityUser` on it to exactly
 * its one KSA and annotates the KSA; every KSA linked to the account shares its roles.
 */
export class WorkloadServiceAccount extends Construct implements IGrantable {
  /** The service account's project. */
  public readonly project: GcpProject;
  /** The service account's e-mail. */
  public readonly email: string;
  /** The IAM member: `serviceAccount:EMAIL`. */
  public readonly iamMember: string;
  /**
   * The service account's resource name, `projects/PROJECT/serviceAccounts/EMAIL`, which IAM bindings on
   * the account (`service_account_id`) name.
   */
  public readonly resourceName: string;
  /** The created service account, when one was created. */
  public readonly serviceAccount?: ServiceAccount;
  /** @internal The e-mail as a literal, when it is known at synth time (for consistency checks). */
  public readonly _literalEmail?: string;
  private readonly grants: ProjectIamMember[] = [];

  constructor(scope: Construct, id: string, props: WorkloadServiceAccountProps) {
    super(scope, id);
    checkProps(this, props, { project: 'object!', accountId: 'string', existingEmail: 'string', displayName: 'string', description: 'string', projectRoles: 'strings' });
    (Token.isUnresolved(props.projectRoles) ? [] : props.projectRoles ?? []).forEach((role, i) => checkGrantableRole(this, `projectRoles[${i}]`, role));
    this.project = props.project;
    const source = createOrAdoptServiceAccount(this, {
      project: props.project,
      accountId: props.accountId,
      existingEmail: props.existingEmail,
      displayName: props.displayName ?? `Workload identity ${props.accountId}`,
      description: props.description ??
        'Impersonated by Kubernetes workloads through Workload Identity Federation for GKE; no keys. Managed by cdktf-gke-secure-mesh.',
      requireOwnProject: true,
    });
    this.email = source.email;
    this.serviceAccount = source.serviceAccount;
    this._literalEmail = source.literalEmail;
    this.resourceName = source.serviceAccount?.name ?? `projects/${props.project.id}/serviceAccounts/${source.email}`;
    this.iamMember = `serviceAccount:${this.email}`;
    for (const role of props.projectRoles ?? []) this.grantProjectRole(role);
  }

  /**
   * Grants `role` on a project (default: the service account's own) to this service account, once: a
   * second call with the same role and project returns the first grant.
   */
  public grantProjectRole(role: string, project?: string): ProjectIamMember {
    const target = project ?? this.project.id;
    const id = grantId(this, 'project-role', [role, target]);
    const existing = this.node.tryFindChild(id);
    if (existing) return existing as ProjectIamMember;
    const grant = Grant.onProject(this, id, { grantee: this, project: target, role });
    this.grants.push(grant);
    return grant;
  }

  /** The roles granted with `projectRoles` and {@link grantProjectRole}, in order. */
  public get projectGrants(): ProjectIamMember[] {
    return [...this.grants];
  }

  /**
   * The e-mail as `scope`'s stack should write it: the resource's attribute in this account's own stack
   * (so grants wait for the account), and the literal e-mail in another stack when it is known at synth
   * time, so no cross-stack output is needed (that stack is then made to depend on this one).
   */
  public emailIn(scope: IConstruct): string {
    return this.literalIn(scope) ?? this.email;
  }

  /** `serviceAccount:EMAIL`, with the e-mail as {@link emailIn} writes it. */
  public iamMemberIn(scope: IConstruct): string {
    return `serviceAccount:${this.emailIn(scope)}`;
  }

  /** `projects/PROJECT/serviceAccounts/EMAIL`, with the e-mail as {@link emailIn} writes it. */
  public resourceNameIn(scope: IConstruct): string {
    const literal = this.literalIn(scope);
    return literal === undefined ? this.resourceName : `projects/${this.project.id}/serviceAccounts/${literal}`;
  }

  /** `serviceAccount:EMAIL` (see {@link iamMemberIn}). */
  public grantMember(scope: IConstruct): string {
    return this.iamMemberIn(scope);
  }

  /** Nothing beyond the account itself, which the member's e-mail already references. */
  public grantDependencies(_scope: IConstruct): ITerraformDependable[] {
    return [];
  }

  private literalIn(scope: IConstruct): string | undefined {
    const stack = TerraformStack.of(scope);
    const own = TerraformStack.of(this);
    if (stack === own || this._literalEmail === undefined) return undefined;
    stack.addDependency(own);
    return this._literalEmail;
  }

}
