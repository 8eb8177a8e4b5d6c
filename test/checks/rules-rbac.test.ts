import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import { ClusterRoleV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { SecuritySeverity } from '../../lib';
import { RBAC_RULES } from '../../lib/checks/rules-rbac';
import { coveredIds, describeRuleCases, RuleCase, TestApp } from './fixtures';

const BINDING = 'kubernetes_cluster_role_binding_v1.binding';
const ROLE = 'kubernetes_cluster_role_v1.role';

function bind(t: TestApp, role: string, subject: { kind: string; name: string }): void {
  new ClusterRoleBindingV1(t.workloads, 'binding', {
    metadata: { name: 'binding' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subject: [{ ...subject, apiGroup: 'rbac.authorization.k8s.io' }],
  });
}

function role(t: TestApp, verbs: string[], resources: string[]): void {
  new ClusterRoleV1(t.workloads, 'role', { metadata: { name: 'ops' }, rule: [{ apiGroups: [''], resources, verbs }] });
}

/** The wildcard role `ops` and a ClusterRoleBinding manifest of it to `group`. */
function manifestBinding(t: TestApp, group: string): void {
  role(t, ['*'], ['pods']);
  new Manifest(t.workloads, 'binding', {
    manifest: {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'everyone' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'ops' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }],
    },
  });
}

const CASES: RuleCase[] = [
  {
    id: 'RBAC-1', name: 'cluster-admin bound to system:authenticated', address: BINDING,
    fails: (t) => bind(t, 'cluster-admin', { kind: 'Group', name: 'system:authenticated' }),
    passes: (t) => bind(t, 'cluster-admin', { kind: 'Group', name: 'platform-admins@example.com' }),
  },
  {
    id: 'RBAC-1', name: 'any role bound to system:unauthenticated', address: BINDING,
    fails: (t) => bind(t, 'view', { kind: 'Group', name: 'system:unauthenticated' }),
    passes: (t) => bind(t, 'view', { kind: 'Group', name: 'viewers@example.com' }),
  },
  {
    id: 'RBAC-1', name: 'a wildcard role of the app bound to all users, as a manifest', address: 'kubernetes_manifest.binding',
    fails: (t) => manifestBinding(t, 'system:authenticated'),
    passes: (t) => manifestBinding(t, 'ops@example.com'),
  },
  {
    id: 'RBAC-2', name: 'every verb on every resource', address: ROLE, severity: SecuritySeverity.ERROR,
    fails: (t) => role(t, ['*'], ['*']),
    passes: (t) => role(t, ['get', 'list'], ['pods']),
  },
  {
    id: 'RBAC-2', name: 'every verb on pods', address: ROLE,
    fails: (t) => role(t, ['*'], ['pods']),
    passes: (t) => role(t, ['get'], ['pods']),
  },
];

describeRuleCases(CASES);

it('has cases for every RBAC rule', () => {
  expect(coveredIds(CASES)).toEqual(RBAC_RULES.map((r) => r.id).sort());
});
