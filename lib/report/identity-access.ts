import { TfResource } from '../core/app-index';
import { parseWorkloadMember } from '../checks/gcp-identities';
import { block, literalString, read } from '../core/terraform-values';
import { DeployerPermissionTable, ResourcePermissions } from '../pipeline/deployer-permission-table';
import { ReportContext, shown, shownList, sorted, where } from './report-context';

/** A Kubernetes service account and the Google service account it acts as. */
export interface WorkloadLinkView {
  /** `NAMESPACE/NAME`. */
  readonly ksa: string;
  readonly address: string;
  /** The Google service account of its `iam.gke.io/gcp-service-account` annotation. */
  readonly serviceAccount?: string;
  /** Whether a `roles/iam.workloadIdentityUser` grant on that account names this KSA. */
  readonly impersonationGranted: boolean;
  /** Its SPIFFE id in the mesh, when the cluster's workload pool is known. */
  readonly spiffeId?: string;
}

/** One role held by one member on one resource. */
export interface RoleGrantView {
  readonly address: string;
  /** The member: a Google service account e-mail (or the address that creates it), a principal, a principal set, … */
  readonly member: string;
  /** `service account`, `KSA (Workload Identity)`, `principal`, `principal set`, `user`, `group`, `domain` or `other`. */
  readonly memberKind: string;
  readonly role: string;
  /** Where: `project demo-proj`, `service account …`, `privateca ca pool …`, … */
  readonly on: string;
  /** The IAM condition's title and expression, when the grant has one. */
  readonly condition?: string;
}

/** The service account nodes of a cluster or node pool run as. */
export interface NodeIdentityView {
  readonly address: string;
  readonly serviceAccount: string;
}

/** One permission of a custom role and the resource types of the app that need it. */
export interface PermissionReasonView {
  readonly permission: string;
  readonly why: string[];
}

/** A custom role of the app. */
export interface CustomRoleView {
  readonly address: string;
  readonly roleId: string;
  readonly title: string;
  readonly permissions: PermissionReasonView[];
}

/** Who holds what. */
export interface IdentityView {
  readonly workloads: WorkloadLinkView[];
  readonly nodes: NodeIdentityView[];
  readonly grants: RoleGrantView[];
  readonly customRoles: CustomRoleView[];
}

/** The attribute that names the resource of each IAM member type, beyond the project. */
const RESOURCE_ATTRIBUTES = ['service_account_id', 'ca_pool', 'bucket', 'repository', 'secret_id', 'topic', 'subscription', 'name'];

function memberKind(member: string): string {
  const prefix = /^([a-zA-Z]+):/.exec(member)?.[1];
  switch (prefix) {
    case 'serviceAccount': return member.includes('.svc.id.goog[') ? 'KSA (Workload Identity)' : 'service account';
    case 'principal': return 'principal';
    case 'principalSet': return 'principal set';
    case 'user': case 'group': case 'domain': return prefix;
    default: return 'other';
  }
}

function memberShown(context: ReportContext, member: string, resource: TfResource): string {
  if (member.startsWith('serviceAccount:') && !member.includes('.svc.id.goog[')) {
    const identity = context.accounts.of(member, resource.element);
    if (identity) return `serviceAccount:${identity.display}`;
  }
  return shown(context, member, resource);
}

/** The resource an IAM member type grants on: a service account by e-mail, others by name and address. */
function resourceShown(context: ReportContext, attribute: string, value: unknown, resource: TfResource): string {
  if (attribute === 'service_account_id') {
    const identity = context.accounts.of(value, resource.element);
    if (identity) return identity.display;
  }
  const target = context.index.target(value, resource.element);
  if (!target) return shown(context, value, resource);
  const name = context.index.literalString(target.resource.config.name, target.resource.element);
  return `${name === undefined ? '' : `${name} `}(${where(target.resource)})`;
}

function roleShown(context: ReportContext, role: unknown, resource: TfResource): string {
  const target = context.index.target(role, resource.element);
  if (target?.resource.type === 'google_project_iam_custom_role') {
    const custom = target.resource;
    return `custom role ${shown(context, custom.config.role_id, custom)} (${where(custom)})`;
  }
  return shown(context, role, resource);
}

function grantsOf(context: ReportContext, resource: TfResource): RoleGrantView[] {
  const kind = resource.type.replace(/^google_/, '').replace(/_iam_(member|binding)$/, '').replace(/_/g, ' ');
  const attribute = RESOURCE_ATTRIBUTES.find((a) => resource.config[a] !== undefined);
  const on = attribute === undefined ? `project ${context.index.projectOf(resource) ?? '(provider default)'}`
    : `${kind} ${resourceShown(context, attribute, resource.config[attribute], resource)}`;
  const condition = block(resource.config, 'condition');
  const members = resource.type.endsWith('_binding') ? shownList(context, resource.config.members, resource) : [String(resource.config.member)];
  return members.map((member) => ({
    address: where(resource),
    member: memberShown(context, member, resource),
    memberKind: memberKind(member),
    role: roleShown(context, resource.config.role, resource),
    on,
    condition: condition === undefined ? undefined : `${shown(context, condition.title, resource)}: ${shown(context, condition.expression, resource)}`,
  }));
}

function workloads(context: ReportContext): WorkloadLinkView[] {
  const granted = new Set<string>();
  for (const grant of context.index.resources('google_service_account_iam_member')) {
    if (literalString(grant.config.role) !== 'roles/iam.workloadIdentityUser') continue;
    const ksa = parseWorkloadMember(String(grant.config.member));
    const account = context.accounts.of(grant.config.service_account_id, grant.element);
    if (ksa?.namespace !== undefined && ksa.serviceAccount !== undefined && account) granted.add(`${ksa.namespace}/${ksa.serviceAccount} ${account.key}`);
  }
  return sorted(context.kubernetes.serviceAccounts.map((ksa) => {
    const name = `${ksa.namespace ?? '(unknown)'}/${ksa.name ?? '(unknown)'}`;
    const account = ksa.gsaAnnotation === undefined ? undefined : context.accounts.of(ksa.gsaAnnotation, ksa.resource.element);
    const pool = context.clusters.ofKubernetesOrOnly(ksa.resource)?.workloadPool;
    return {
      ksa: name,
      address: where(ksa.resource),
      serviceAccount: ksa.gsaAnnotation === undefined ? undefined : account?.display ?? shown(context, ksa.gsaAnnotation, ksa.resource),
      impersonationGranted: account !== undefined && granted.has(`${name} ${account.key}`),
      spiffeId: pool === undefined || ksa.namespace === undefined || ksa.name === undefined ? undefined : `spiffe://${pool}/ns/${ksa.namespace}/sa/${ksa.name}`,
    };
  }), (w) => `${w.ksa} ${w.address}`);
}

function nodes(context: ReportContext): NodeIdentityView[] {
  const views: NodeIdentityView[] = [];
  for (const resource of context.index.resourcesOf(['google_container_cluster', 'google_container_node_pool'])) {
    for (const path of ['node_config.service_account', 'cluster_autoscaling.auto_provisioning_defaults.service_account']) {
      const value = read(resource.config, path);
      if (value === undefined) continue;
      const identity = context.accounts.of(value, resource.element);
      views.push({ address: `${where(resource)} (${path})`, serviceAccount: identity?.display ?? shown(context, value, resource) });
    }
  }
  return sorted(views, (v) => v.address);
}

/** Why an entry of the permission table holds a permission: `type`, `type (attribute)` or `type kind KIND`. */
function reasonsIn(entry: ResourcePermissions | undefined, type: string, permission: string): string[] {
  if (entry === undefined) return [];
  if (entry.permissions.includes(permission)) return [type];
  return [
    ...Object.entries(entry.permissionsWhenSet ?? {}).filter(([, list]) => list.includes(permission)).map(([attribute]) => `${type} (${attribute})`),
    ...Object.entries(entry.permissionsByKind ?? {}).filter(([, list]) => list.includes(permission)).map(([kind]) => `${type} kind ${kind}`),
  ];
}

/** Which types of the app, outside the role's own stack, need each permission of a custom role (per the permission table). */
function customRoles(context: ReportContext): CustomRoleView[] {
  const table = DeployerPermissionTable.DEFAULT;
  return sorted(context.index.resources('google_project_iam_custom_role').map((role) => {
    const typesElsewhere = new Set(context.index.all.filter((r) => r.stack !== role.stack).map((r) => (r.isData ? `data.${r.type}` : r.type)));
    const needing = (permission: string) => [...typesElsewhere].flatMap((type) => reasonsIn(table.lookup(type), type, permission)).sort();
    return {
      address: where(role),
      roleId: shown(context, role.config.role_id, role),
      title: shown(context, role.config.title, role),
      permissions: shownList(context, role.config.permissions, role).sort().map((permission) => {
        const why = needing(permission);
        return { permission, why: why.length > 0 ? why : ['not in the permission table: written into the role by hand'] };
      }),
    };
  }), (r) => r.address);
}

/** The identities of the app and the roles they hold. */
export function identityView(context: ReportContext): IdentityView {
  const grantTypes = [...new Set(context.index.all.filter((r) => !r.isData && /_iam_(member|binding)$/.test(r.type)).map((r) => r.type))].sort();
  return {
    workloads: workloads(context),
    nodes: nodes(context),
    grants: sorted(context.index.resourcesOf(grantTypes).flatMap((r) => grantsOf(context, r)), (g) => `${g.member} ${g.role} ${g.on} ${g.address}`),
    customRoles: customRoles(context),
  };
}
