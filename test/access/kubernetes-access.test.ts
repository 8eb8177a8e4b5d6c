import { App, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GcpProject, GoogleIdentity, Grant, KubernetesAccess, KubernetesAccessProps, WorkloadIdentityCluster } from '../../lib';
import { onlyResource, resourcesOf, synth } from '../helpers';

const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });

function setup(props: Partial<KubernetesAccessProps>) {
  const app: App = Testing.app();
  const platform = new TerraformStack(app, 'platform');
  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', {});
  const cluster = new WorkloadIdentityCluster(platform, 'cluster', { project, name: 'secure-td-cluster', location: 'us-east1' });
  const access = new KubernetesAccess(workloads, 'access', {
    cluster, identity: GoogleIdentity.user('alice@example.com'), name: 'role-reader', ...props,
  });
  return { workloads, access };
}

// The guide's failing command: listing roles in kube-system.
const listRoles = [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['list'] }];

describe('GoogleIdentity as a grantee', () => {
  it('is a grantee: IAM grants name it by its member', () => {
    const { workloads } = setup({ namespace: 'kube-system', rules: listRoles });
    Grant.onProject(workloads, 'viewer', { grantee: GoogleIdentity.group('platform-team@example.com'), project: 'demo-proj', role: 'roles/logging.viewer' });
    expect(resourcesOf(synth(workloads), 'google_project_iam_member').filter((m) => m.role === 'roles/logging.viewer'))
      .toEqual([expect.objectContaining({ project: 'demo-proj', member: 'group:platform-team@example.com' })]);
  });
});

describe('KubernetesAccess', () => {
  it('grants a namespaced Role, its RoleBinding and roles/container.clusterViewer by default', () => {
    const { workloads } = setup({ namespace: 'kube-system', rules: listRoles });
    const json = synth(workloads, true);
    expect(onlyResource(json, 'kubernetes_role_v1')).toMatchObject({
      metadata: { name: 'role-reader', namespace: 'kube-system' },
      rule: [{ api_groups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['list'] }],
    });
    expect(onlyResource(json, 'kubernetes_role_binding_v1')).toMatchObject({
      metadata: { name: 'role-reader', namespace: 'kube-system' },
      role_ref: { api_group: 'rbac.authorization.k8s.io', kind: 'Role', name: 'role-reader' },
      subject: [{ kind: 'User', name: 'alice@example.com', api_group: 'rbac.authorization.k8s.io' }],
    });
    expect(onlyResource(json, 'google_project_iam_member')).toMatchObject({
      project: 'demo-proj', role: 'roles/container.clusterViewer', member: 'user:alice@example.com',
    });
    expect(resourcesOf(json, 'kubernetes_cluster_role_binding_v1')).toHaveLength(0);
  });

  it('binds an existing ClusterRole inside one namespace for a group', () => {
    const { workloads } = setup({
      identity: GoogleIdentity.group('platform-team@example.com'), namespace: 'payments', existingClusterRole: 'view',
    });
    const json = synth(workloads);
    expect(resourcesOf(json, 'kubernetes_role_v1')).toHaveLength(0);
    expect(onlyResource(json, 'kubernetes_role_binding_v1')).toMatchObject({
      role_ref: { kind: 'ClusterRole', name: 'view' },
      subject: [{ kind: 'Group', name: 'platform-team@example.com' }],
    });
  });

  it('creates a ClusterRole and ClusterRoleBinding only with clusterWide, for a service account', () => {
    const { workloads } = setup({
      identity: GoogleIdentity.serviceAccount('deployer@demo-proj.iam.gserviceaccount.com'), clusterWide: true,
      rules: [{ resources: ['namespaces'], verbs: ['get', 'list'] }], iamRole: 'roles/container.developer',
    });
    const json = synth(workloads);
    expect(onlyResource(json, 'kubernetes_cluster_role_v1')).toMatchObject({ rule: [{ api_groups: [''], resources: ['namespaces'], verbs: ['get', 'list'] }] });
    expect(onlyResource(json, 'kubernetes_cluster_role_binding_v1')).toMatchObject({
      role_ref: { kind: 'ClusterRole', name: 'role-reader' },
      subject: [{ kind: 'User', name: 'deployer@demo-proj.iam.gserviceaccount.com' }],
    });
    expect(onlyResource(json, 'google_project_iam_member').member).toBe('serviceAccount:deployer@demo-proj.iam.gserviceaccount.com');
  });

  it.each([
    [{ rules: listRoles }, /workloads\/access: invalid namespace undefined: is required for namespaced access; set clusterWide: true/],
    [{ namespace: 'default', clusterWide: true, rules: listRoles }, /invalid namespace "default": cannot be combined with clusterWide/],
    [{ namespace: 'default' }, /invalid rules undefined: give either rules .* or existingClusterRole/],
    [{ namespace: 'default', rules: [{ resources: ['pods'], verbs: ['*'] }] }, /invalid rules\[0\].verbs \["\*"\]: must list the verbs one by one/],
    [{ namespace: 'default', rules: [{ resources: ['*'], verbs: ['get'] }] }, /invalid rules\[0\].resources \["\*"\]/],
    [{ namespace: 'default', rules: listRoles, iamRole: 'roles/editor' }, /invalid iamRole "roles\/editor": must be a GKE role/],
    [{ namespace: 'Kube_System', rules: listRoles }, /invalid namespace "Kube_System": must be a DNS-1123 label/],
  ])('refuses %o', (props, message) => {
    expect(() => setup(props)).toThrow(message);
  });
});

describe('GoogleIdentity', () => {
  it('names identities for IAM and RBAC', () => {
    expect(GoogleIdentity.user('alice@example.com')).toMatchObject({ iamMember: 'user:alice@example.com', subjectKind: 'User' });
    expect(GoogleIdentity.group('ops@example.com')).toMatchObject({ iamMember: 'group:ops@example.com', subjectKind: 'Group' });
    expect(GoogleIdentity.serviceAccount('d@p.iam.gserviceaccount.com').iamMember).toBe('serviceAccount:d@p.iam.gserviceaccount.com');
  });
  it.each([
    [() => GoogleIdentity.user('alice'), /GoogleIdentity.user: invalid email "alice": must be an e-mail address/],
    [() => GoogleIdentity.serviceAccount('alice@example.com'), /GoogleIdentity.serviceAccount: invalid email "alice@example.com": must be a service account e-mail/],
  ])('refuses bad e-mails (%#)', (make, message) => {
    expect(make).toThrow(message);
  });
});
