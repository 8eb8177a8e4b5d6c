import { TfResource } from '../core/app-index';
import { Rule, RuleContext } from './rule';
import { SecuritySeverity } from './security-finding';
import { block, blocks, isObject, literalString, map, TfConfig } from '../core/terraform-values';

const ROLE_TYPES = ['kubernetes_cluster_role_v1', 'kubernetes_cluster_role', 'kubernetes_role_v1', 'kubernetes_role'];
const BINDING_TYPES = ['kubernetes_cluster_role_binding_v1', 'kubernetes_cluster_role_binding', 'kubernetes_role_binding_v1', 'kubernetes_role_binding'];
/** Subjects that stand for everyone who can reach the API server. */
const EVERYONE = new Set(['system:authenticated', 'system:unauthenticated', 'system:anonymous', 'system:serviceaccounts', 'system:masters']);
/** Built-in roles that hold every permission, or nearly. */
const ADMIN_ROLES = new Set(['cluster-admin', 'admin', 'edit']);

/** One RBAC rule of a Role or ClusterRole. */
interface PolicyRule {
  readonly verbs: string[];
  readonly resources: string[];
}

/** A Role or ClusterRole of the app, from the provider resources or manifests. */
interface RoleView {
  readonly resource: TfResource;
  readonly name?: string;
  readonly rules: PolicyRule[];
}

/** A RoleBinding or ClusterRoleBinding of the app. */
interface BindingView {
  readonly resource: TfResource;
  readonly roleName?: string;
  readonly subjects: { kind?: string; name?: string }[];
}

function strings(value: unknown): string[] {
  return (Array.isArray(value) ? value : []).filter((v): v is string => typeof v === 'string');
}

function manifestsOf(context: RuleContext, kinds: string[]): TfConfig[] {
  return context.kubernetes.manifests.filter((m) => m.kind !== undefined && kinds.includes(m.kind))
    .map((m) => ({ resource: m.resource, root: map(m.resource.config.manifest) ?? {} }))
    .map(({ resource, root }) => ({ ...root, '//resource': resource }));
}

function roles(context: RuleContext): RoleView[] {
  return context.shared('rbac-roles', () => [
    ...context.index.resourcesOf(ROLE_TYPES).map((resource) => ({
      resource,
      name: literalString(block(resource.config, 'metadata')?.name),
      rules: blocks(resource.config, 'rule').map((r) => ({ verbs: strings(r.verbs), resources: strings(r.resources) })),
    })),
    ...manifestsOf(context, ['ClusterRole', 'Role']).map((root) => ({
      resource: root['//resource'] as TfResource,
      name: literalString(map(root.metadata)?.name),
      rules: (Array.isArray(root.rules) ? root.rules : []).filter(isObject).map((r) => ({ verbs: strings(r.verbs), resources: strings(r.resources) })),
    })),
  ]);
}

function bindings(context: RuleContext): BindingView[] {
  return context.shared('rbac-bindings', () => [
    ...context.index.resourcesOf(BINDING_TYPES).map((resource) => ({
      resource,
      roleName: literalString(block(resource.config, 'role_ref')?.name),
      subjects: blocks(resource.config, 'subject').map((s) => ({ kind: literalString(s.kind), name: literalString(s.name) })),
    })),
    ...manifestsOf(context, ['ClusterRoleBinding', 'RoleBinding']).map((root) => ({
      resource: root['//resource'] as TfResource,
      roleName: literalString(map(root.roleRef)?.name),
      subjects: (Array.isArray(root.subjects) ? root.subjects : []).filter(isObject).map((s) => ({ kind: literalString(s.kind), name: literalString(s.name) })),
    })),
  ]);
}

function isWildcard(role: RoleView): boolean {
  return role.rules.some((r) => r.verbs.includes('*') || r.resources.includes('*'));
}

/** RBAC-1: nobody binds powerful roles to every user. */
export const RBAC_1: Rule = {
  id: 'RBAC-1',
  severity: SecuritySeverity.ERROR,
  title: 'Role binding grants cluster-admin, admin, edit or a wildcard role to everyone (system:authenticated, system:unauthenticated, system:anonymous)',
  fix: 'bind the role to the named users, groups or service accounts that need it, never to a system group of all users',
  source: 'CIS GKE 1.9 4.1.1, 4.1.9, 4.1.10 (cluster-admin only where required; no bindings to system:unauthenticated or system:authenticated); AVD-KSV-0111, AVD-KSV-0122, AVD-KSV-01011, AVD-KSV-0123 (system:masters)',
  check(context) {
    const wildcardRoles = new Set(roles(context).filter(isWildcard).map((r) => r.name).filter((n): n is string => n !== undefined));
    for (const binding of bindings(context)) {
      const everyone = binding.subjects.filter((s) => s.name !== undefined && EVERYONE.has(s.name)).map((s) => s.name!);
      if (everyone.length === 0 || binding.roleName === undefined) continue;
      const powerful = ADMIN_ROLES.has(binding.roleName) || wildcardRoles.has(binding.roleName);
      const anonymous = everyone.some((n) => n === 'system:unauthenticated' || n === 'system:anonymous');
      if (everyone.includes('system:masters')) {
        context.report(this, binding.resource, 'binds a role to system:masters, the group that bypasses RBAC entirely: a member of it can never be limited by a binding');
        continue;
      }
      if (!powerful && !anonymous) continue;
      context.report(this, binding.resource, `binds role ${binding.roleName} to ${everyone.join(', ')}: ${anonymous
        ? 'anyone who reaches the API server, signed in or not,' : 'any Google account (system:authenticated is every signed-in Google user)'} gets it`);
    }
  },
};

/** RBAC-2: roles name their verbs and resources. */
export const RBAC_2: Rule = {
  id: 'RBAC-2',
  severity: SecuritySeverity.WARNING,
  title: 'Role or ClusterRole with "*" verbs or resources',
  fix: 'list the verbs and resources the subject needs; "*" also grants whatever future API versions add',
  source: 'CIS GKE 1.9 4.1.3 ("Minimize wildcard use in Roles and ClusterRoles"); CKV_K8S_49; AVD-KSV-0044, AVD-KSV-0045, AVD-KSV-0046',
  check(context) {
    for (const role of roles(context)) {
      const wild = role.rules.filter((r) => r.verbs.includes('*') || r.resources.includes('*'));
      if (wild.length === 0) continue;
      const full = wild.some((r) => r.verbs.includes('*') && r.resources.includes('*'));
      context.report(this, role.resource, `${role.name ?? 'the role'} grants ${full ? 'every verb on every resource (cluster-admin in all but name)' : '"*" verbs or resources'}`,
        full ? { severity: SecuritySeverity.ERROR } : undefined);
    }
  },
};

/** The RBAC rules. */
export const RBAC_RULES: Rule[] = [RBAC_1, RBAC_2];
