import { Construct, IConstruct } from 'constructs';
import {
  Annotations, dependable, LocalBackend, TerraformBackend, TerraformDataSource, TerraformResource, TerraformStack,
} from 'cdktf';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { GcpProject } from '../core/gcp-project';
import { inputError } from '../core/errors';
import { isUnknown, literalString } from '../core/terraform-values';
import { DeployerPermissionTable, PROJECT_IAM_PERMISSIONS } from './deployer-permission-table';
import { customRole, derivePermissions, PermissionDerivation, readPermissionsOf } from './deployer-permissions';
import { DeployerRoleTable } from './deployer-role-table';
import { RoleDerivation, RunsAsUse } from './role-derivation';
import { StateBucket } from './state-bucket';

/** The read-only identity that plans pull requests. */
export interface PlannerGrantOptions {
  /** The construct that holds the planner's grants. */
  readonly scope: Construct;
  readonly member: string;
  readonly roleId: string;
}

/** What {@link DeployerGrants} grants to whom. */
export interface DeployerGrantsProps {
  readonly project: GcpProject;
  readonly member: string;
  readonly table: DeployerRoleTable;
  /** The permission table of the custom roles and the planner. */
  readonly permissionTable: DeployerPermissionTable;
  /** The id of the deployer's custom role; undefined keeps predefined roles. */
  readonly customRoleId?: string;
  readonly planner?: PlannerGrantOptions;
  readonly stateBucket?: StateBucket;
  readonly additionalRoles: string[];
  readonly excludedRoles: string[];
}

const SERVICE_ACCOUNT_ADMIN = 'roles/iam.serviceAccountAdmin';
const SELF_GRANT_REASON = 'its own iam.serviceAccountUser grants on service accounts the app creates';
/** What a deployer needs to grant itself iam.serviceAccountUser on the service accounts the app creates. */
const SELF_GRANT_PERMISSIONS = ['iam.serviceAccounts.getIamPolicy', 'iam.serviceAccounts.setIamPolicy'];

/** The condition that limits project IAM changes to the roles the app grants. */
function onlyRolesTheAppGrants(grantable: string[]): { title: string; description: string; expression: string } {
  return {
    title: 'only-roles-the-app-grants',
    description: 'The deployer may grant and revoke only the project roles its app grants.',
    expression: `api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly([${grantable.map((r) => `'${r}'`).join(', ')}])`,
  };
}

/** Sorted, comma-separated. */
function listed(values: Iterable<string>): string {
  return [...new Set(values)].sort().join(', ');
}

/** The service accounts one resource group runs as, and where the deployer's grant on it goes. */
interface ActAsTarget {
  readonly scope: Construct;
  readonly id: string;
  readonly label: string;
  readonly serviceAccountId: string;
  readonly consumers: TerraformResource[];
  /** Whether the grant is in the deployer's own stack (an existing account) or in the consumers' stack. */
  readonly inDeployerStack: boolean;
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  map.set(key, new Set([...(map.get(key) ?? []), value]));
}

/**
 * Every need of a derivation as a comparable line, to detect constructs added after the grants; with
 * custom roles every type counts, since each has its own permissions.
 */
function needsOf(d: RoleDerivation, customRoles: boolean): string[] {
  return [
    ...[...d.projectRoles.keys()].map((role) => `role ${role}`),
    ...d.runsAs.map((use) => `iam.serviceAccountUser for ${use.resource.node.path}`),
    ...[...d.unknownTypes.keys()].map((type) => `a mapping for ${type}`),
    ...d.modules.map((path) => `a review of module ${path}`),
    ...[...d.grantedRoles].map((role) => `permission to grant ${role}`),
    ...d.unresolvedGrants.map((path) => `permission to grant the role of ${path}`),
    ...d.stacks.map((stack) => `state access for stack ${stack.node.id}`),
    ...(customRoles ? new Set(d.elements.map((e) => `permissions for ${e.type}`)) : []),
  ];
}

function accountProject(email: string, fallback: string): string {
  return /@([a-z][-a-z0-9]{4,28}[a-z0-9])\.iam\.gserviceaccount\.com$/.exec(email)?.[1] ?? fallback;
}

/**
 * A reference to an attribute of a resource or data source that cdktf wires across stacks when needed (the
 * e-mail as Terraform reads it in the consumer's stack would name a resource of another stack); undefined
 * for a block a stack override writes, which has no construct to reference.
 */
function referenceTo(element: IConstruct, attributePath: string[]): string | undefined {
  return TerraformResource.isTerraformResource(element) || TerraformDataSource.isTerraformDataSource(element)
    ? element.getStringAttribute(attributePath.join('.')) : undefined;
}

/**
 * Turns a {@link RoleDerivation} into the deployer's grants: project roles (merged to the smallest set),
 * `iam.serviceAccountUser` on each service account a resource runs as, and state access per stack; and
 * prints each as an info annotation of the deployer.
 */
export class DeployerGrants {
  /** The granted project roles, sorted. */
  public projectRoles: string[] = [];
  /** The permissions of the deployer's custom roles, sorted; empty with predefined roles. */
  public permissions: string[] = [];
  /** The permissions of the planner's custom role, sorted; empty without a planner. */
  public plannerPermissions: string[] = [];
  /** One line per grant, as printed. */
  public readonly descriptions: string[] = [];
  private readonly ownScopes = new Set<IConstruct>();
  private needs = new Set<string>();

  constructor(private readonly deployer: Construct, private readonly props: DeployerGrantsProps) {}

  /** Whether `c` holds grants this object created in another stack (skipped by the derivation). */
  public isOwnScope(c: IConstruct): boolean {
    return this.ownScopes.has(c);
  }

  /** Grants what `d` needs. */
  public apply(d: RoleDerivation): void {
    this.needs = new Set(needsOf(d, this.props.customRoleId !== undefined));
    this.warnUnknown(d);
    const actAsLines = this.grantActAs(d.runsAs);
    const roleId = this.props.customRoleId;
    const permissions = roleId === undefined ? undefined : derivePermissions(d, this.props.permissionTable);
    const roles = permissions === undefined
      ? new Map([...d.projectRoles].map(([role, reasons]) => [role, new Set(reasons)]))
      : this.fallbackRoles(permissions);
    if (actAsLines.selfGrants && permissions === undefined) add(roles, SERVICE_ACCOUNT_ADMIN, SELF_GRANT_REASON);
    if (actAsLines.selfGrants && permissions !== undefined) SELF_GRANT_PERMISSIONS.forEach((p) => add(permissions.permissions, p, SELF_GRANT_REASON));
    this.props.additionalRoles.forEach((role) => add(roles, role, 'additionalRoles'));
    this.props.excludedRoles.forEach((role, i) => {
      const reasons = roles.get(role);
      if (!reasons) {
        throw inputError(this.deployer, `excludedRoles[${i}]`, role,
          `is not derived for this app, so there is nothing to remove (derived: ${[...roles.keys()].sort().join(', ')})`);
      }
      this.warn(`${role} is needed by ${[...reasons].sort().join(', ')} but not granted (excludedRoles): grant it another way`);
      roles.delete(role);
    });
    if (roleId !== undefined && permissions !== undefined) this.grantCustomRoles(roleId, permissions, d);
    this.grantProjectRoles(roles, d);
    actAsLines.lines.forEach((line) => this.describe(line));
    const prefixes = this.statePrefixes(d.stacks);
    this.grantStateAccess(this.deployer, 'state-access', this.props.member, 'roles/storage.objectUser', prefixes);
    const planner = this.props.planner;
    if (planner !== undefined) {
      this.grantPlanner(planner, derivePermissions(d, this.props.permissionTable));
      this.grantStateAccess(planner.scope, 'state-read', planner.member, 'roles/storage.objectViewer', prefixes);
    }
  }

  /** The predefined roles of the types the permission table does not cover, each a warning. */
  private fallbackRoles(derived: PermissionDerivation): Map<string, Set<string>> {
    const roles = new Map<string, Set<string>>();
    for (const [what, use] of [...derived.uncovered].sort(([a], [b]) => a.localeCompare(b))) {
      const entry = this.props.table.lookup(use.type, use.providerName);
      if (entry === undefined) continue; // already a warning: no role mapping either
      entry.roles.forEach((role) => add(roles, role, what));
      this.warn(`no permission entry for ${what} (${use.paths.join(', ')}): the deployer gets the predefined ` +
        `${entry.roles.length > 0 ? listed(entry.roles) : 'roles of nothing'} instead; add it with DeployerPermissionTable.withType`);
    }
    return roles;
  }

  /**
   * The deployer's custom role with every permission the stacks need, and a second custom role with the
   * project IAM permissions, bound with the condition that limits them to the roles the app grants. Kept
   * apart so no unconditional binding ever carries resourcemanager.projects.setIamPolicy.
   */
  private grantCustomRoles(mainRoleId: string, derived: PermissionDerivation, d: RoleDerivation): void {
    const { project, member } = this.props;
    const main = [...derived.permissions].filter(([p]) => !PROJECT_IAM_PERMISSIONS.includes(p));
    const iam = [...derived.permissions].filter(([p]) => PROJECT_IAM_PERMISSIONS.includes(p));
    if (main.length > 0) {
      const role = customRole(this.deployer, 'custom-role', {
        project, roleId: mainRoleId, title: 'cdktf deployer',
        description: 'Creates, reads, updates and deletes the resource types of the deployed stacks. Derived by cdktf-gke-secure-mesh.',
        permissions: main.map(([p]) => p),
      });
      new ProjectIamMember(this.deployer, 'custom-role-grant', { project: project.id, role: role.name, member });
      this.describe(`grants custom role ${mainRoleId} (${main.length} permissions) on project ${project.id} for ${listed(main.flatMap(([, why]) => [...why]))}`);
    }
    if (iam.length > 0) {
      const grantable = [...d.grantedRoles].sort();
      const limited = grantable.length > 0 && d.unresolvedGrants.length === 0;
      const roleId = `${mainRoleId}IamGrants`;
      const role = customRole(this.deployer, 'iam-grants-role', {
        project, roleId, title: 'cdktf deployer: project IAM grants',
        description: 'Grants and revokes the project roles the deployed stacks grant; bound with a condition limiting it to those roles.',
        permissions: iam.map(([p]) => p),
      });
      new ProjectIamMember(this.deployer, 'iam-grants-role-grant', {
        project: project.id, role: role.name, member, condition: limited ? onlyRolesTheAppGrants(grantable) : undefined,
      });
      const limit = limited ? `, limited to granting ${grantable.join(', ')}` : '';
      this.describe(`grants custom role ${roleId} (${listed(iam.map(([p]) => p))}) on project ${project.id}${limit} for ${listed(iam.flatMap(([, why]) => [...why]))}`);
      if (d.unresolvedGrants.length > 0) this.warnUnlimited(d);
    }
    this.permissions = [...derived.permissions.keys()].sort();
  }

  /** The planner's custom role: the read permissions of every type it plans. */
  private grantPlanner(planner: PlannerGrantOptions, derived: PermissionDerivation): void {
    const reads = readPermissionsOf(derived);
    for (const [what, use] of [...derived.uncovered].sort(([a], [b]) => a.localeCompare(b))) {
      this.warn(`no permission entry for ${what} (${use.paths.join(', ')}): the planner gets no permission to read it, so plans fail ` +
        'where they refresh it; add it with DeployerPermissionTable.withType');
    }
    if (reads.size === 0) return;
    const { project } = this.props;
    const role = customRole(planner.scope, 'custom-role', {
      project, roleId: planner.roleId, title: 'cdktf planner (read-only)',
      description: 'Reads the resource types of the deployed stacks to plan changes; never changes them. Derived by cdktf-gke-secure-mesh.',
      permissions: reads.keys(),
    });
    new ProjectIamMember(planner.scope, 'custom-role-grant', { project: project.id, role: role.name, member: planner.member });
    this.plannerPermissions = [...reads.keys()].sort();
    this.describe(`grants the planner custom role ${planner.roleId} (${reads.size} read permissions) on project ${project.id} for ` +
      listed([...reads.values()].flatMap((why) => [...why])));
  }

  /** What `d` needs beyond what was granted: empty when nothing was added since. */
  public changesSince(d: RoleDerivation): string[] {
    return needsOf(d, this.props.customRoleId !== undefined).filter((need) => !this.needs.has(need)).sort();
  }

  private grantProjectRoles(roles: Map<string, Set<string>>, d: RoleDerivation): void {
    const candidates = [...roles.keys()].sort();
    const granted = candidates.filter((role) => this.props.table.coveringRole(role, candidates) === undefined);
    const covered = new Map<string, string[]>();
    for (const role of candidates.filter((r) => !granted.includes(r))) {
      const by = this.props.table.coveringRole(role, granted);
      if (by === undefined) {
        granted.push(role);
        continue;
      }
      covered.set(by, [...(covered.get(by) ?? []), `${role} for ${[...roles.get(role)!].sort().join(', ')}`]);
    }
    granted.sort();
    const grantable = [...d.grantedRoles].sort();
    for (const role of granted) {
      const reasons = [...roles.get(role)!].sort().join(', ');
      const limited = d.projectRoles.has(role) && [...d.projectRoles.get(role)!].some((reason) => this.grantsRoles(reason))
        && grantable.length > 0 && d.unresolvedGrants.length === 0;
      new ProjectIamMember(this.deployer, role, {
        project: this.props.project.id,
        role,
        member: this.props.member,
        condition: limited ? onlyRolesTheAppGrants(grantable) : undefined,
      });
      const covers = covered.has(role) ? `; covers ${covered.get(role)!.join('; ')}` : '';
      const limit = limited ? `, limited to granting ${grantable.join(', ')}` : '';
      this.describe(`grants ${role} on project ${this.props.project.id}${limit} for ${reasons}${covers}`);
    }
    if (d.unresolvedGrants.length > 0 && granted.some((role) => [...roles.get(role)!].some((reason) => this.grantsRoles(reason)))) this.warnUnlimited(d);
    this.projectRoles = granted;
  }

  private warnUnlimited(d: RoleDerivation): void {
    this.warn(`the role of ${d.unresolvedGrants.join(', ')} is only known at apply time, so the deployer's project IAM admin ` +
      'cannot be limited to the roles the app grants: write the role as a literal');
  }

  private grantsRoles(reason: string): boolean {
    return this.props.table.lookup(reason)?.grantedRoleAttribute !== undefined;
  }

  private grantActAs(uses: RunsAsUse[]): { lines: string[]; selfGrants: boolean } {
    const targets = new Map<string, ActAsTarget>();
    for (const use of uses) {
      const target = this.actAsTarget(use, targets);
      if (target) target.consumers.push(use.resource);
    }
    const lines: string[] = [];
    for (const target of targets.values()) {
      const grant = new ServiceAccountIamMember(target.scope, target.id, {
        serviceAccountId: target.serviceAccountId,
        role: 'roles/iam.serviceAccountUser',
        member: this.props.member,
      });
      if (!target.inDeployerStack) {
        for (const consumer of target.consumers) consumer.dependsOn = [...(consumer.dependsOn ?? []), dependable(grant)];
      }
      const consumers = target.consumers.map((c) => `${c.terraformResourceType} ${c.node.path}`).join(', ');
      lines.push(`grants roles/iam.serviceAccountUser on service account ${target.label} for ${consumers}`);
    }
    return { lines, selfGrants: [...targets.values()].some((t) => !t.inDeployerStack) };
  }

  /** Where the grant on `use`'s service account goes; undefined (with a warning) when none is made. */
  private actAsTarget(use: RunsAsUse, targets: Map<string, ActAsTarget>): ActAsTarget | undefined {
    const what = `${use.resource.terraformResourceType} ${use.resource.node.path}`;
    const email = use.email;
    if (email === undefined || (!isUnknown(email) && email.endsWith('-compute@developer.gserviceaccount.com'))) {
      this.warn(`${what} runs as the Compute Engine default service account (${use.attribute} ${email === undefined ? 'is not set' : `is ${email}`}), ` +
        'which holds the Editor role: the deployer gets no iam.serviceAccountUser on it; give the resource a least-privilege service account');
      return undefined;
    }
    if (!isUnknown(email)) {
      const key = `literal ${email}`;
      const target = targets.get(key) ?? {
        scope: this.deployer, id: `act-as-${email}`, label: email, consumers: [], inDeployerStack: true,
        serviceAccountId: `projects/${accountProject(email, this.props.project.id)}/serviceAccounts/${email}`,
      };
      targets.set(key, target);
      return target;
    }
    const stack = TerraformStack.of(use.resource);
    const key = `${stack.node.path} ${email}`;
    const existing = targets.get(key);
    if (existing) return existing;
    const source = use.source;
    const account = source?.resource.type === 'google_service_account' && source.resource.stack === stack && source.attributePath.join('.') === 'email'
      && TerraformResource.isTerraformResource(source.resource.element) ? source.resource : undefined;
    const accountId = literalString(account?.config.account_id);
    const name = accountId ?? email.replace(/[^A-Za-z0-9._-]+/g, '-');
    const target: ActAsTarget = {
      scope: this.grantScopeIn(stack),
      id: `act-as-${name}`,
      label: account ? `${account.element.node.path} (created by the app)` : email,
      serviceAccountId: account
        ? (account.element as TerraformResource).getStringAttribute('name')
        : `projects/${this.props.project.id}/serviceAccounts/${(source && referenceTo(source.resource.element, source.attributePath)) ?? email}`,
      consumers: [],
      inDeployerStack: false,
    };
    targets.set(key, target);
    return target;
  }

  /** The construct, named like the deployer, that holds the deployer's grants in another stack. */
  private grantScopeIn(stack: TerraformStack): Construct {
    const id = this.deployer.node.id;
    const existing = stack.node.tryFindChild(id);
    if (existing && this.ownScopes.has(existing)) return existing as Construct;
    if (existing) {
      throw inputError(this.deployer, 'grantRolesFor(scope)', stack.node.id,
        `already has a construct named "${id}"; the deployer keeps its grants there: give the deployer another id`);
    }
    const scope = new Construct(stack, id);
    this.ownScopes.add(scope);
    return scope;
  }

  /** The state prefixes of the stacks in the state bucket; a warning for each stack whose state is elsewhere. */
  private statePrefixes(stacks: TerraformStack[]): string[] {
    const bucket = this.props.stateBucket;
    const prefixes: string[] = [];
    for (const stack of stacks) {
      const prefix = bucket?.prefixOf(stack);
      if (prefix !== undefined) {
        prefixes.push(prefix);
        continue;
      }
      const backend = stack.node.children.find((c) => TerraformBackend.isBackend(c));
      this.warn(backend === undefined || backend instanceof LocalBackend
        ? `stack ${stack.node.id} keeps local state: every pipeline run would start from an empty state; call stateBucket.backendFor(stack)`
        : `stack ${stack.node.id} keeps its state outside the state bucket: grant the deployer access to that state yourself`);
    }
    return prefixes;
  }

  /** `role` on the state bucket for `member`, limited to the objects under `prefixes` (and listing the bucket). */
  private grantStateAccess(scope: Construct, id: string, member: string, role: string, prefixes: string[]): void {
    const bucket = this.props.stateBucket;
    if (bucket === undefined || prefixes.length === 0) return;
    const objects = prefixes.map((p) => `resource.name.startsWith('projects/_/buckets/${bucket.bucketName}/objects/${p}/')`);
    new StorageBucketIamMember(scope, id, {
      bucket: TerraformStack.of(bucket) === TerraformStack.of(scope) ? bucket.resource.name : bucket.bucketName,
      role,
      member,
      condition: {
        title: 'state-of-deployed-stacks',
        description: 'Objects of the stacks the pipeline deploys, and listing the bucket.',
        expression: [`resource.type == 'storage.googleapis.com/Bucket'`, ...objects].join(' || '),
      },
    });
    const who = scope === this.deployer ? '' : 'the planner ';
    this.describe(`grants ${who}${role} on bucket ${bucket.bucketName}, objects under ${prefixes.map((p) => `${p}/`).join(', ')} only`);
  }

  private warnUnknown(d: RoleDerivation): void {
    for (const [type, paths] of [...d.unknownTypes].sort(([a], [b]) => a.localeCompare(b))) {
      this.warn(`no role mapping for ${type} (${paths.join(', ')}): the deployer gets no role for it; ` +
        'add it with DeployerRoleTable.withType or grant it with additionalRoles');
    }
    for (const path of d.modules) {
      this.warn(`module ${path}: its resources are not visible to the role derivation; grant what it needs with additionalRoles`);
    }
  }

  private describe(line: string): void {
    this.descriptions.push(line);
    Annotations.of(this.deployer).addInfo(line);
  }

  private warn(message: string): void {
    Annotations.of(this.deployer).addWarning(message);
  }
}
