import { Construct, IConstruct } from 'constructs';
import {
  Annotations, dependable, LocalBackend, TerraformBackend, TerraformDataSource, TerraformElement, TerraformResource, TerraformStack,
} from 'cdktf';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { GcpProject } from '../core/gcp-project';
import { inputError } from '../core/errors';
import { isUnknown, literalString } from '../core/terraform-values';
import { DeployerRoleTable } from './deployer-role-table';
import { RoleDerivation, RunsAsUse } from './role-derivation';
import { StateBucket } from './state-bucket';

/** What {@link DeployerGrants} grants to whom. */
export interface DeployerGrantsProps {
  readonly project: GcpProject;
  readonly member: string;
  readonly table: DeployerRoleTable;
  readonly stateBucket?: StateBucket;
  readonly additionalRoles: string[];
  readonly excludedRoles: string[];
}

const SERVICE_ACCOUNT_ADMIN = 'roles/iam.serviceAccountAdmin';
const SELF_GRANT_REASON = 'its own iam.serviceAccountUser grants on service accounts the app creates';

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

/** Every need of a derivation as a comparable line, to detect constructs added after the grants. */
function needsOf(d: RoleDerivation): string[] {
  return [
    ...[...d.projectRoles.keys()].map((role) => `role ${role}`),
    ...d.runsAs.map((use) => `iam.serviceAccountUser for ${use.resource.node.path}`),
    ...[...d.unknownTypes.keys()].map((type) => `a mapping for ${type}`),
    ...d.modules.map((path) => `a review of module ${path}`),
    ...[...d.grantedRoles].map((role) => `permission to grant ${role}`),
    ...d.unresolvedGrants.map((path) => `permission to grant the role of ${path}`),
    ...d.stacks.map((stack) => `state access for stack ${stack.node.id}`),
  ];
}

function accountProject(email: string, fallback: string): string {
  return /@([a-z][-a-z0-9]{4,28}[a-z0-9])\.iam\.gserviceaccount\.com$/.exec(email)?.[1] ?? fallback;
}

/**
 * A reference to an attribute of a resource or data source that cdktf wires across stacks when needed (the
 * e-mail as Terraform reads it in the consumer's stack would name a resource of another stack).
 */
function referenceTo(element: TerraformElement, attributePath: string[]): string {
  return (element as TerraformResource | TerraformDataSource).getStringAttribute(attributePath.join('.'));
}

/**
 * Turns a {@link RoleDerivation} into the deployer's grants: project roles (merged to the smallest set),
 * `iam.serviceAccountUser` on each service account a resource runs as, and state access per stack; and
 * prints each as an info annotation of the deployer.
 */
export class DeployerGrants {
  /** The granted project roles, sorted. */
  public projectRoles: string[] = [];
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
    this.needs = new Set(needsOf(d));
    this.warnUnknown(d);
    const roles = new Map([...d.projectRoles].map(([role, reasons]) => [role, new Set(reasons)]));
    const actAsLines = this.grantActAs(d.runsAs);
    if (actAsLines.selfGrants) add(roles, SERVICE_ACCOUNT_ADMIN, SELF_GRANT_REASON);
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
    this.grantProjectRoles(roles, d);
    actAsLines.lines.forEach((line) => this.describe(line));
    this.grantStateAccess(d.stacks);
  }

  /** What `d` needs beyond what was granted: empty when nothing was added since. */
  public changesSince(d: RoleDerivation): string[] {
    return needsOf(d).filter((need) => !this.needs.has(need)).sort();
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
        condition: limited ? {
          title: 'only-roles-the-app-grants',
          description: 'The deployer may grant and revoke only the project roles its app grants.',
          expression: `api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly([${grantable.map((r) => `'${r}'`).join(', ')}])`,
        } : undefined,
      });
      const covers = covered.has(role) ? `; covers ${covered.get(role)!.join('; ')}` : '';
      const limit = limited ? `, limited to granting ${grantable.join(', ')}` : '';
      this.describe(`grants ${role} on project ${this.props.project.id}${limit} for ${reasons}${covers}`);
    }
    if (d.unresolvedGrants.length > 0) {
      this.warn(`the role of ${d.unresolvedGrants.join(', ')} is only known at apply time, so the deployer's project IAM admin ` +
        'cannot be limited to the roles the app grants: write the role as a literal');
    }
    this.projectRoles = granted;
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
      ? source.resource : undefined;
    const accountId = literalString(account?.config.account_id);
    const name = accountId ?? email.replace(/[^A-Za-z0-9._-]+/g, '-');
    const target: ActAsTarget = {
      scope: this.grantScopeIn(stack),
      id: `act-as-${name}`,
      label: account ? `${account.element.node.path} (created by the app)` : email,
      serviceAccountId: account
        ? (account.element as TerraformResource).getStringAttribute('name')
        : `projects/${this.props.project.id}/serviceAccounts/${source ? referenceTo(source.resource.element, source.attributePath) : email}`,
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

  private grantStateAccess(stacks: TerraformStack[]): void {
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
    if (bucket === undefined || prefixes.length === 0) return;
    const objects = prefixes.map((p) => `resource.name.startsWith('projects/_/buckets/${bucket.bucketName}/objects/${p}/')`);
    new StorageBucketIamMember(this.deployer, 'state-access', {
      bucket: TerraformStack.of(bucket) === TerraformStack.of(this.deployer) ? bucket.resource.name : bucket.bucketName,
      role: 'roles/storage.objectUser',
      member: this.props.member,
      condition: {
        title: 'state-of-deployed-stacks',
        description: 'Objects of the stacks the pipeline deploys, and listing the bucket.',
        expression: [`resource.type == 'storage.googleapis.com/Bucket'`, ...objects].join(' || '),
      },
    });
    this.describe(`grants roles/storage.objectUser on bucket ${bucket.bucketName}, objects under ${prefixes.map((p) => `${p}/`).join(', ')} only`);
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
