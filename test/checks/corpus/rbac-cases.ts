import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import { ClusterRoleV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { RoleBindingV1 } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import { TestApp } from '../fixtures';
import { CorpusCase } from './corpus-case';

const RBAC = 'rbac.authorization.k8s.io';

export function clusterBinding(t: TestApp, role: string, kind: string, name: string): void {
  new ClusterRoleBindingV1(t.workloads, 'binding', {
    metadata: { name: 'binding' }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role }, subject: [{ kind, name, apiGroup: RBAC }],
  });
}

export function clusterRole(t: TestApp, verbs: string[], resources: string[]): void {
  new ClusterRoleV1(t.workloads, 'role', { metadata: { name: 'ops' }, rule: [{ apiGroups: ['*'], resources, verbs }] });
}

/** Cluster-wide roles for everyone, wildcard roles. */
export const RBAC_CASES: CorpusCase[] = [
  { name: 'cluster-admin to system:authenticated', category: 'RBAC', caughtBy: ['RBAC-1'], critical: true, build: (t) => clusterBinding(t, 'cluster-admin', 'Group', 'system:authenticated') },
  { name: 'admin to system:unauthenticated', category: 'RBAC', caughtBy: ['RBAC-1'], critical: true, build: (t) => clusterBinding(t, 'admin', 'Group', 'system:unauthenticated') },
  { name: 'view to system:anonymous', category: 'RBAC', caughtBy: ['RBAC-1'], critical: true, build: (t) => clusterBinding(t, 'view', 'User', 'system:anonymous') },
  { name: 'ClusterRole with * verbs', category: 'RBAC', caughtBy: ['RBAC-2'], build: (t) => clusterRole(t, ['*'], ['pods']) },
  { name: 'ClusterRole with * resources', category: 'RBAC', caughtBy: ['RBAC-2'], build: (t) => clusterRole(t, ['get'], ['*']) },
  { name: 'ClusterRole with * on *', category: 'RBAC', caughtBy: ['RBAC-2'], critical: true, build: (t) => clusterRole(t, ['*'], ['*']) },
  {
    name: 'RoleBinding of edit to system:authenticated', category: 'RBAC', caughtBy: ['RBAC-1'], critical: true,
    build: (t) => new RoleBindingV1(t.workloads, 'binding', {
      metadata: { name: 'b', namespace: 'shop' }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'edit' }, subject: [{ kind: 'Group', name: 'system:authenticated', apiGroup: RBAC }],
    }),
  },
  {
    name: 'manifest ClusterRoleBinding of cluster-admin to system:unauthenticated', category: 'RBAC', caughtBy: ['RBAC-1'], critical: true,
    build: (t) => new Manifest(t.workloads, 'binding', {
      manifest: {
        apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: { name: 'b' },
        roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ apiGroup: RBAC, kind: 'Group', name: 'system:unauthenticated' }],
      },
    }),
  },
  { name: 'binding to system:masters', category: 'RBAC', caughtBy: ['RBAC-1'], critical: true, build: (t) => clusterBinding(t, 'view', 'Group', 'system:masters') },
  {
    name: 'manifest ClusterRole with * verbs', category: 'RBAC', caughtBy: ['RBAC-2'],
    build: (t) => new Manifest(t.workloads, 'role', { manifest: { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['*'] }] } }),
  },
];
