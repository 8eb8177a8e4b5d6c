import { Construct, IConstruct } from 'constructs';
import { Annotations, App, ITerraformDependable, TerraformOutput, TerraformStack } from 'cdktf';
import { IamWorkloadIdentityPool } from '@cdktf/provider-google/lib/iam-workload-identity-pool';
import { IamWorkloadIdentityPoolProvider } from '@cdktf/provider-google/lib/iam-workload-identity-pool-provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { GcpProject } from '../core/gcp-project';
import { inputError } from '../core/errors';
import { checkName, SERVICE_ACCOUNT_ID, WORKLOAD_IDENTITY_POOL_ID } from '../core/names';
import { ProjectServices } from '../core/project-services';
import { checkGrantableRole } from '../core/iam-roles';
import { IGrantable } from '../core/grantable';
import { CiPlatform, DeployGate } from './ci-platform';
import { DeployerGrants } from './deployer-grants';
import { DeployerPermissionTable } from './deployer-permission-table';
import { checkRoleId } from './deployer-permissions';
import { DeployerRoleTable } from './deployer-role-table';
import { deriveRoles, RoleDerivation } from './role-derivation';
import { StateBucket } from './state-bucket';
import { checkProps } from '../core/props';

/** Properties of a {@link DeployerIdentity}. */
export interface DeployerIdentityProps {
  /** The project of the pool, the provider, the deployer service account and its role grants. */
  readonly project: GcpProject;
  /**
   * The one repository whose CI jobs may deploy: `OWNER/REPO` exactly as the CI system writes it (the
   * attribute condition compares case-sensitively), such as `example-org/platform-infra`.
   */
  readonly repository: string;
  /**
   * The CI system.
   * @default CiPlatform.GITHUB_ACTIONS
   */
  readonly ci?: CiPlatform;
  /**
   * Only jobs that run for this branch get credentials. A pull-request job then cannot run `cdktf diff`
   * with this identity.
   * @default - every job of the repository (pull requests, branches, tags)
   */
  readonly branch?: string;
  /**
   * Only jobs that run in this deployment environment (GitHub and GitLab environments, whose protection
   * rules the CI system enforces) get credentials.
   * @default - jobs in any environment or none
   */
  readonly environment?: string;
  /**
   * The repository's immutable numeric id, pinned as well as its name so a deleted and re-created
   * repository of the same name is refused.
   * @default - the name alone is pinned
   */
  readonly repositoryId?: string;
  /**
   * The immutable numeric id of the repository's owner, pinned as well: refuses a repository of the same
   * name under another owner (google-github-actions/auth recommends pinning the numeric ids).
   * @default - the owner is pinned by name only
   */
  readonly repositoryOwnerId?: string;
  /**
   * Only jobs in this protected environment (or on this protected branch) may impersonate the deployer: it
   * trusts the one subject of those jobs (`principal://…/subject/repo:OWNER/REPO:environment:NAME` on GitHub)
   * instead of every job of the repository. Other jobs of the repository still get tokens from the provider,
   * which they can use only for the planner. Required with `planner`.
   * @default - every job the provider accepts may impersonate the deployer
   */
  readonly deployGate?: DeployGate;
  /**
   * A second, read-only identity for plans on pull requests: a service account every job of the pinned
   * repository may impersonate, holding only the read permissions of the deployed resource types (a custom
   * role) and read access to the deployed stacks' state objects.
   * @default - no planner
   */
  readonly planner?: PlannerProps;
  /**
   * Grant the predefined roles of `roleTable` (such as `roles/container.clusterAdmin`) instead of custom
   * roles holding exactly the permissions of `permissionTable`.
   * @default false - custom roles
   */
  readonly predefinedRoles?: boolean;
  /**
   * The id of the deployer's custom role; the role that changes project IAM is `ROLE_IDIamGrants`. A
   * deleted custom role keeps its id for 37 days, so choose another id to re-create it sooner.
   * @default 'cdktfDeployer'
   */
  readonly customRoleId?: string;
  /**
   * The resource type → permission table the custom roles are derived from.
   * @default DeployerPermissionTable.DEFAULT
   */
  readonly permissionTable?: DeployerPermissionTable;
  /**
   * The Workload Identity Federation pool id. A deleted pool keeps its id for 30 days.
   * @default 'ci-deployer'
   */
  readonly poolId?: string;
  /**
   * The provider id within the pool.
   * @default - the CI platform's name, such as `github-actions`
   */
  readonly providerId?: string;
  /**
   * The deployer service account id (the part before `@`).
   * @default 'cdktf-deployer'
   */
  readonly accountId?: string;
  /**
   * The project APIs, which must enable {@link DeployerIdentity.REQUIRED_SERVICES}; the pool waits for them.
   * @default - the APIs are assumed enabled
   */
  readonly apis?: ProjectServices;
  /**
   * The bucket of the deployed stacks' state: the deployer gets `roles/storage.objectUser` on the objects of
   * those stacks only.
   * @default - no state access is granted (a synth warning names every stack without remote state)
   */
  readonly stateBucket?: StateBucket;
  /**
   * The resource type → role table the derivation reads.
   * @default DeployerRoleTable.DEFAULT
   */
  readonly roleTable?: DeployerRoleTable;
  /**
   * Project roles granted on top of the derived ones (printed as `additionalRoles`). Primitive roles are refused.
   * @default - none
   */
  readonly additionalRoles?: string[];
  /**
   * Derived project roles not to grant, for roles granted another way; each removal is a synth warning.
   * A role that is not derived is refused.
   * @default - none
   */
  readonly excludedRoles?: string[];
}

/** Options of the read-only planner of a {@link DeployerIdentity}. */
export interface PlannerProps {
  /**
   * The planner service account id (the part before `@`).
   * @default 'cdktf-planner'
   */
  readonly accountId?: string;
  /**
   * The id of the planner's custom read role.
   * @default 'cdktfPlanner'
   */
  readonly customRoleId?: string;
}

/**
 * The keyless identity a CI pipeline deploys with: a Workload Identity Federation pool and an OIDC provider
 * whose attribute condition pins one repository (and optionally a branch or an environment), and a
 * deployer service account that only that repository can impersonate (`roles/iam.workloadIdentityUser` on
 * the repository's principal set). No service account key exists anywhere. Its roles are derived from the
 * stacks it deploys with {@link DeployerIdentity.grantRolesFor}.
 */
export class DeployerIdentity extends Construct implements IGrantable {
  /** The APIs Workload Identity Federation and service account impersonation need. */
  public static readonly REQUIRED_SERVICES: string[] = [
    'iam.googleapis.com', 'iamcredentials.googleapis.com', 'sts.googleapis.com', 'cloudresourcemanager.googleapis.com',
  ];

  /** The deployer's project. */
  public readonly project: GcpProject;
  /** The CI platform. */
  public readonly ci: CiPlatform;
  /** The deployer service account e-mail, a literal: `ACCOUNT_ID@PROJECT_ID.iam.gserviceaccount.com`. */
  public readonly email: string;
  /** `serviceAccount:EMAIL`. */
  public readonly iamMember: string;
  /** The CEL attribute condition of the provider. */
  public readonly attributeCondition: string;
  /** `principalSet://iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL/attribute.repository/OWNER/REPO`. */
  public readonly principalSet: string;
  /**
   * The provider's resource name, which the CI job's authentication step needs:
   * `projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER` (a literal when the
   * project number is given).
   */
  public readonly workloadIdentityProviderName: string;
  /** The `google_service_account` of the deployer. */
  public readonly serviceAccount: ServiceAccount;
  /** The `google_iam_workload_identity_pool`. */
  public readonly pool: IamWorkloadIdentityPool;
  /** The `google_iam_workload_identity_pool_provider`. */
  public readonly provider: IamWorkloadIdentityPoolProvider;
  /**
   * The principal that may impersonate the deployer: the repository's principal set, or with a deploy gate
   * the one subject of the gated jobs (`principal://…/subject/repo:OWNER/REPO:environment:NAME`).
   */
  public readonly trustedPrincipal: string;
  /** The planner's service account e-mail; undefined without a planner. */
  public readonly plannerEmail?: string;
  /** The planner's `google_service_account`; undefined without a planner. */
  public readonly plannerServiceAccount?: ServiceAccount;
  private readonly roleTable: DeployerRoleTable;
  private readonly props: DeployerIdentityProps;
  private grants?: DeployerGrants;

  constructor(scope: Construct, id: string, props: DeployerIdentityProps) {
    super(scope, id);
    checkProps(this, props, { project: 'object!', repository: 'string!', ci: 'object', branch: 'string', environment: 'string', repositoryId: 'string', poolId: 'string', providerId: 'string', accountId: 'string', apis: 'object', stateBucket: 'object', roleTable: 'object', additionalRoles: 'strings', excludedRoles: 'strings' });
    this.props = props;
    this.project = props.project;
    this.ci = props.ci ?? CiPlatform.GITHUB_ACTIONS;
    this.roleTable = props.roleTable ?? DeployerRoleTable.DEFAULT;
    const poolId = props.poolId ?? 'ci-deployer';
    const providerId = props.providerId ?? this.ci.name;
    const accountId = props.accountId ?? 'cdktf-deployer';
    checkName(this, 'poolId', poolId, WORKLOAD_IDENTITY_POOL_ID);
    checkName(this, 'providerId', providerId, WORKLOAD_IDENTITY_POOL_ID);
    checkName(this, 'accountId', accountId, SERVICE_ACCOUNT_ID);
    const pin = {
      repository: props.repository, branch: props.branch, environment: props.environment,
      repositoryId: props.repositoryId, repositoryOwnerId: props.repositoryOwnerId,
    };
    this.ci._checkPin(this, pin);
    this.attributeCondition = this.ci.attributeCondition(pin);
    (props.additionalRoles ?? []).forEach((role, i) => checkGrantableRole(this, `additionalRoles[${i}]`, role));
    (props.excludedRoles ?? []).forEach((role, i) => checkGrantableRole(this, `excludedRoles[${i}]`, role));
    checkRoleId(this, 'customRoleId', props.customRoleId ?? 'cdktfDeployer', 'IamGrants'.length);
    if (props.planner !== undefined) {
      checkName(this, 'planner.accountId', props.planner.accountId ?? 'cdktf-planner', SERVICE_ACCOUNT_ID);
      checkRoleId(this, 'planner.customRoleId', props.planner.customRoleId ?? 'cdktfPlanner', 0);
      if (props.deployGate === undefined) {
        throw inputError(this, 'deployGate', undefined, 'is required with a planner: without it every job the provider accepts, pull requests ' +
          'included, may impersonate the deployer; set deployGate: { environment: \'production\' } (a protected environment) or a protected branch');
      }
    }
    const gateSubject = props.deployGate === undefined ? undefined : this.ci.gateSubject(this, props.repository, props.deployGate);
    const missing = DeployerIdentity.REQUIRED_SERVICES.filter((s) => props.apis !== undefined && !props.apis.enables(s));
    if (missing.length > 0) {
      throw inputError(this, 'apis', props.apis?.services, `must enable ${missing.join(', ')} (token exchange and impersonation need them)`);
    }

    const apis: ITerraformDependable[] = props.apis?.resources ?? [];
    this.pool = new IamWorkloadIdentityPool(this, 'Pool', {
      project: props.project.id,
      workloadIdentityPoolId: poolId,
      displayName: 'Keyless CI deploys',
      description: `Short-lived credentials for ${this.ci.name} jobs; managed by cdktf-gke-secure-mesh.`,
      dependsOn: apis.length > 0 ? apis : undefined,
    });
    this.provider = new IamWorkloadIdentityPoolProvider(this, 'Provider', {
      project: props.project.id,
      workloadIdentityPoolId: this.pool.workloadIdentityPoolId,
      workloadIdentityPoolProviderId: providerId,
      displayName: providerId,
      description: 'Accepts tokens of the pinned repository only (attribute_condition); managed by cdktf-gke-secure-mesh.',
      attributeMapping: this.ci.attributeMapping,
      attributeCondition: this.attributeCondition,
      oidc: {
        issuerUri: this.ci.issuerUri,
        allowedAudiences: this.ci.allowedAudiences.length > 0 ? this.ci.allowedAudiences : undefined,
      },
    });
    this.serviceAccount = new ServiceAccount(this, 'Resource', {
      project: props.project.id,
      accountId,
      displayName: 'CI deployer (keyless)',
      description: `Deploys the cdktf stacks from ${this.ci.name} through Workload Identity Federation; no keys. ` +
        'Managed by cdktf-gke-secure-mesh.',
    });
    this.email = `${accountId}@${props.project.id}.iam.gserviceaccount.com`;
    this.iamMember = `serviceAccount:${this.email}`;

    const poolName = `projects/${props.project.numberIn(this)}/locations/global/workloadIdentityPools/${poolId}`;
    this.principalSet = `principalSet://iam.googleapis.com/${poolName}/attribute.repository/${props.repository}`;
    this.trustedPrincipal = gateSubject === undefined ? this.principalSet : `principal://iam.googleapis.com/${poolName}/subject/${gateSubject}`;
    this.workloadIdentityProviderName = props.project.hasLiteralNumber ? `${poolName}/providers/${providerId}` : this.provider.name;
    new ServiceAccountIamMember(this, 'Impersonation', {
      serviceAccountId: this.serviceAccount.name,
      role: 'roles/iam.workloadIdentityUser',
      member: this.trustedPrincipal,
      dependsOn: [this.provider],
    });
    if (props.planner !== undefined) {
      const plannerId = props.planner.accountId ?? 'cdktf-planner';
      const planner = new Construct(this, 'planner');
      this.plannerServiceAccount = new ServiceAccount(planner, 'Resource', {
        project: props.project.id,
        accountId: plannerId,
        displayName: 'CI planner (keyless, read-only)',
        description: `Plans the cdktf stacks on pull requests from ${this.ci.name}: reads resources and state, changes nothing. ` +
          'Managed by cdktf-gke-secure-mesh.',
      });
      this.plannerEmail = `${plannerId}@${props.project.id}.iam.gserviceaccount.com`;
      new ServiceAccountIamMember(planner, 'Impersonation', {
        serviceAccountId: this.plannerServiceAccount.name,
        role: 'roles/iam.workloadIdentityUser',
        member: this.principalSet,
        dependsOn: [this.provider],
      });
      new TerraformOutput(this, 'planner-service-account', {
        value: this.plannerEmail,
        description: 'The service_account input of the CI authentication step of plans (pull requests)',
      });
    }
    new TerraformOutput(this, 'workload-identity-provider', {
      value: this.workloadIdentityProviderName,
      description: 'The workload_identity_provider input of the CI authentication step',
    });
    new TerraformOutput(this, 'service-account', {
      value: this.email,
      description: 'The service_account input of the CI authentication step',
    });
    Annotations.of(this).addInfo(`impersonable only by ${this.trustedPrincipal} (roles/iam.workloadIdentityUser), ` +
      `tokens accepted when ${this.attributeCondition}`);
    if (this.plannerEmail !== undefined) Annotations.of(this).addInfo(`planner ${this.plannerEmail} impersonable by ${this.principalSet}, read-only`);
  }

  /** The deployer as an IAM member, for grants made with the library's `Grant` helpers. */
  public grantMember(_scope: IConstruct): string {
    return this.iamMember;
  }

  /** Grants in the deployer's stack wait for the service account; grants elsewhere name it by its literal e-mail. */
  public grantDependencies(scope: IConstruct): ITerraformDependable[] {
    return TerraformStack.of(scope) === TerraformStack.of(this) ? [this.serviceAccount] : [];
  }

  /**
   * Derives the deployer's access from the stacks under `scope` (the app, or one stack) and grants it:
   * every Terraform resource and data source type is looked up in the permission table, and a custom role
   * with exactly those permissions is granted on the project (project IAM permissions in a second custom
   * role, limited to the roles the app grants); types the table lacks, or every type with
   * `predefinedRoles`, get the smallest set of predefined roles of the role table that covers them; with a
   * planner, a custom role with only the read permissions is granted to it; `roles/iam.serviceAccountUser` is granted
   * on each service account a resource runs as (node service accounts), never on the project; project
   * IAM admin is limited to the roles the app grants; state access is limited to the deployed stacks'
   * objects. The deployer's own stack is skipped: an administrator applies it, so the pipeline can never
   * widen its own access. Every grant is printed at synth (one info line each); every type without a
   * mapping is a synth warning. Call it once, after every stack is built: a validation fails the synth
   * when constructs added later need more.
   */
  public grantRolesFor(scope: IConstruct): void {
    const where = scope.node.path || '<app>';
    if (this.grants) throw inputError(this, 'grantRolesFor(scope)', where, 'is called once, after every stack the pipeline deploys is built');
    if (!App.isApp(scope) && !TerraformStack.isStack(scope)) {
      throw inputError(this, 'grantRolesFor(scope)', where, 'must be the app or a stack');
    }
    if (scope === TerraformStack.of(this)) {
      throw inputError(this, 'grantRolesFor(scope)', where, 'is the deployer\'s own stack, which an administrator applies; pass the app or a deployed stack');
    }
    const planner = this.node.tryFindChild('planner') as Construct | undefined;
    const grants = new DeployerGrants(this, {
      project: this.project,
      member: this.iamMember,
      table: this.roleTable,
      permissionTable: this.props.permissionTable ?? DeployerPermissionTable.DEFAULT,
      customRoleId: this.props.predefinedRoles ? undefined : this.props.customRoleId ?? 'cdktfDeployer',
      planner: planner === undefined || this.plannerEmail === undefined ? undefined : {
        scope: planner, member: `serviceAccount:${this.plannerEmail}`, roleId: this.props.planner?.customRoleId ?? 'cdktfPlanner',
      },
      stateBucket: this.props.stateBucket,
      additionalRoles: this.props.additionalRoles ?? [],
      excludedRoles: this.props.excludedRoles ?? [],
    });
    grants.apply(this.derive(scope));
    this.grants = grants;
    this.node.addValidation({
      validate: () => {
        const added = grants.changesSince(this.derive(scope));
        return added.length === 0 ? [] : [
          `constructs added after grantRolesFor(${where}) need ${added.join('; ')}: call grantRolesFor after every stack is built`,
        ];
      },
    });
  }

  /** The project roles granted by {@link grantRolesFor}, sorted; empty before it is called. */
  public get projectRoles(): string[] {
    return this.grants?.projectRoles ?? [];
  }

  /** The permissions of the deployer's custom roles, sorted; empty with predefined roles or before {@link grantRolesFor}. */
  public get permissions(): string[] {
    return this.grants?.permissions ?? [];
  }

  /** The permissions of the planner's custom read role, sorted; empty without a planner or before {@link grantRolesFor}. */
  public get plannerPermissions(): string[] {
    return this.grants?.plannerPermissions ?? [];
  }

  /** Every grant {@link grantRolesFor} made, one line each, as printed at synth; empty before it is called. */
  public get grantDescriptions(): string[] {
    return this.grants?.descriptions ?? [];
  }

  private derive(scope: IConstruct): RoleDerivation {
    const ownStack = TerraformStack.of(this);
    return deriveRoles(scope, this.roleTable, (c) => c === ownStack || (this.grants?.isOwnScope(c) ?? false));
  }
}
