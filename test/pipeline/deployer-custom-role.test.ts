import { App, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import {
  BlueprintTesting, CiPlatform, DeployerIdentity, DeployerIdentityProps, DeployerPermissionTable, GcpProject, isReadPermission,
  PROJECT_IAM_PERMISSIONS, SecurityChecks, StateBucket, WorkloadIdentityCluster,
} from '../../lib';
import { buildApp } from '../../examples/pipeline/app';
import { resourcesOf, StackJson } from '../helpers';

const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });
const deployerMember = 'serviceAccount:cdktf-deployer@demo-proj.iam.gserviceaccount.com';
const plannerMember = 'serviceAccount:cdktf-planner@demo-proj.iam.gserviceaccount.com';

/** The pipeline example: the secure-mesh blueprint's stacks, deployed by a gated deployer with a planner. */
const example = (() => {
  const app = Testing.app();
  buildApp(app);
  const deployer = app.node.findAll().find((c): c is DeployerIdentity => c instanceof DeployerIdentity)!;
  const json = BlueprintTesting.synthStacks(app) as Record<string, StackJson>;
  return { app, deployer, bootstrap: json.bootstrap };
})();

const customRoles = (json: StackJson) => resourcesOf(json, 'google_project_iam_custom_role');
const roleWithId = (json: StackJson, id: string) => customRoles(json).find((r) => r.role_id === id)!;
const bindingsOf = (json: StackJson, member: string) => resourcesOf(json, 'google_project_iam_member').filter((m) => m.member === member);

describe('DeployerIdentity: a custom role with exactly the permissions of the deployed types', () => {
  const { deployer, bootstrap } = example;
  it('holds the permissions of the deployed types in one custom role, and no predefined role on the project', () => {
    const role = roleWithId(bootstrap, 'cdktfDeployer');
    const permissions = role.permissions as string[];
    expect(permissions).toEqual([...new Set(permissions)].sort());
    expect(permissions).toEqual(deployer.permissions.filter((p) => !PROJECT_IAM_PERMISSIONS.includes(p)));
    expect(permissions).toEqual(expect.arrayContaining(['container.clusters.create', 'networksecurity.authorizationPolicies.create',
      'privateca.certificateAuthorities.create', 'container.thirdPartyObjects.create', 'iam.serviceAccounts.setIamPolicy']));
    expect(role.stage).toBe('GA');
    expect(bindingsOf(bootstrap, deployerMember).map((b) => b.role)).toEqual([
      '${google_project_iam_custom_role.deployer_custom-role_9612843F.name}',
      '${google_project_iam_custom_role.deployer_iam-grants-role_1D1F2BDD.name}',
    ]);
    expect(deployer.projectRoles).toEqual([]);
  });
  it('holds no permission of a type the deployed stacks lack (the bootstrap stack is the administrator\'s)', () => {
    const permissions = roleWithId(bootstrap, 'cdktfDeployer').permissions as string[];
    expect(permissions.filter((p) => /^(storage\.buckets|iam\.googleapis\.com\/workloadIdentityPool|iam\.roles)\./.test(p))).toEqual([]);
  });
  it('keeps project IAM changes in a second role, bound only with the condition that limits them to the roles the app grants', () => {
    expect(roleWithId(bootstrap, 'cdktfDeployer').permissions).not.toContain('resourcemanager.projects.setIamPolicy');
    expect(roleWithId(bootstrap, 'cdktfDeployerIamGrants').permissions).toEqual(PROJECT_IAM_PERMISSIONS);
    const [, iamGrants] = bindingsOf(bootstrap, deployerMember);
    expect(iamGrants.condition).toEqual({
      title: 'only-roles-the-app-grants',
      description: 'The deployer may grant and revoke only the project roles its app grants.',
      expression: "api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly(" +
        "['roles/logging.logWriter', 'roles/monitoring.metricWriter', 'roles/monitoring.viewer', 'roles/trafficdirector.client'])",
    });
  });
  it('needs no suppression: the rule pack finds no administrator role anywhere in the example', () => {
    expect(SecurityChecks.findingsOf(example.app).filter((f) => f.ruleId === 'IAM-2')).toEqual([]);
    expect(BlueprintTesting.warningsOf(deployer)).toEqual([]);
  });
  it('respects the custom role rules: id pattern, title and description lengths, at most 3000 permissions', () => {
    for (const role of customRoles(bootstrap)) {
      expect(role.role_id).toMatch(/^[a-zA-Z0-9_.]{3,64}$/);
      expect((role.title as string).length).toBeLessThanOrEqual(100);
      expect((role.description as string).length).toBeLessThanOrEqual(256);
      expect((role.permissions as string[]).length).toBeLessThanOrEqual(3000);
    }
  });
});

describe('DeployerIdentity: pull requests plan with a read-only planner', () => {
  const { deployer, bootstrap } = example;
  const pool = 'principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci-deployer';
  const impersonation = (account: string) => resourcesOf(bootstrap, 'google_service_account_iam_member')
    .find((m) => m.role === 'roles/iam.workloadIdentityUser' && String(m.service_account_id).includes(account))!;
  it('lets every job of the repository impersonate the planner, and only the production environment\'s jobs the deployer', () => {
    expect(impersonation('deployer_772DB5B6').member).toBe(
      'principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci-deployer/subject/' +
      'repo:example-org/platform-infra:environment:production');
    expect(impersonation('deployer_planner_').member).toBe(`${pool}/attribute.repository/example-org/platform-infra`);
  });
  it('gives the planner only read permissions of the deployed types, in its own custom role', () => {
    const role = roleWithId(bootstrap, 'cdktfPlanner');
    expect(role.permissions).toEqual(deployer.plannerPermissions);
    expect(deployer.plannerPermissions.length).toBeGreaterThan(10);
    expect(deployer.plannerPermissions.filter((p) => !isReadPermission(p))).toEqual([]);
    expect(deployer.plannerPermissions).toEqual(deployer.permissions.filter(isReadPermission));
    expect(bindingsOf(bootstrap, plannerMember)).toEqual([expect.objectContaining({
      role: '${google_project_iam_custom_role.deployer_planner_custom-role_5A9F4860.name}',
    })]);
    expect(bindingsOf(bootstrap, plannerMember)[0]).not.toHaveProperty('condition');
  });
  it('lets the planner read, never write, the state objects of the deployed stacks', () => {
    const state = resourcesOf(bootstrap, 'google_storage_bucket_iam_member');
    const planner = state.filter((m) => m.member === plannerMember);
    expect(planner.map((m) => m.role)).toEqual(['roles/storage.objectViewer']);
    expect((planner[0].condition as { expression: string }).expression).toBe([
      "resource.type == 'storage.googleapis.com/Bucket'",
      ...['platform', 'workloads', 'traffic'].map((p) => `resource.name.startsWith('projects/_/buckets/demo-proj-tfstate/objects/${p}/')`),
    ].join(' || '));
  });
});

/** A small app: a cluster and a ClusterRoleBinding (a type without a permission entry) deployed by `props`. */
function smallApp(props: Partial<DeployerIdentityProps> = {}): { app: App; deployer: DeployerIdentity; json: Record<string, StackJson> } {
  const app = Testing.app();
  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id, region: 'us-east1' });
  const cluster = new WorkloadIdentityCluster(platform, 'cluster', { project, name: 'demo', location: 'us-east1', authorizedNetworks: [{ cidr: '10.0.0.0/8' }] });
  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: project.id, region: 'us-east1' });
  cluster.connect(workloads);
  new ClusterRoleBindingV1(workloads, 'crb', {
    metadata: { name: 'viewers' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subject: [{ kind: 'Group', name: 'viewers@example.com', apiGroup: 'rbac.authorization.k8s.io' }],
  });
  const bootstrap = new TerraformStack(app, 'bootstrap');
  new GoogleProvider(bootstrap, 'google', { project: project.id, region: 'us-east1' });
  const state = new StateBucket(bootstrap, 'state', { project, name: 'demo-proj-tfstate', location: 'us-east1' });
  state.backendFor(platform);
  state.backendFor(workloads);
  const deployer = new DeployerIdentity(bootstrap, 'deployer', { project, repository: 'example-org/platform-infra', stateBucket: state, ...props });
  deployer.grantRolesFor(app);
  return { app, deployer, json: BlueprintTesting.synthStacks(app) as Record<string, StackJson> };
}

describe('DeployerIdentity: types the permission table does not cover', () => {
  it('fall back to the narrowest predefined role of the role table, with a warning naming the resource', () => {
    const { deployer, json } = smallApp();
    expect(BlueprintTesting.warningsOf(deployer)).toEqual([
      '[bootstrap/deployer] no permission entry for kubernetes_cluster_role_binding_v1 (workloads/crb): the deployer gets the predefined ' +
        'roles/container.admin instead; add it with DeployerPermissionTable.withType',
    ]);
    expect(bindingsOf(json.bootstrap, deployerMember).map((b) => b.role)).toContain('roles/container.admin');
    expect(deployer.projectRoles).toEqual(['roles/container.admin']);
  });
  it('are covered once added to the table', () => {
    const table = DeployerPermissionTable.DEFAULT.withType('kubernetes_cluster_role_binding_v1', {
      permissions: ['container.clusters.get', 'container.clusterRoleBindings.create', 'container.clusterRoleBindings.get',
        'container.clusterRoleBindings.update', 'container.clusterRoleBindings.delete', 'container.clusterRoles.bind'],
      reference: 'https://cloud.google.com/kubernetes-engine/docs/reference/api-permissions',
    });
    const { deployer } = smallApp({ permissionTable: table });
    expect(BlueprintTesting.warningsOf(deployer)).toEqual([]);
    expect(deployer.projectRoles).toEqual([]);
    expect(deployer.permissions).toContain('container.clusterRoles.bind');
  });
  it('keep predefined roles when asked to, without any custom role', () => {
    const { deployer, json } = smallApp({ predefinedRoles: true });
    expect(customRoles(json.bootstrap)).toEqual([]);
    expect(deployer.permissions).toEqual([]);
    expect(deployer.projectRoles).toContain('roles/container.admin');
  });
});

describe('DeployerIdentity: refused gates, planners and role ids', () => {
  const stack = () => new TerraformStack(Testing.app(), 'bootstrap');
  const base = { project, repository: 'example-org/platform-infra' };
  it('refuses a planner without a deploy gate, since pull requests could then use the deployer', () => {
    expect(() => new DeployerIdentity(stack(), 'deployer', { ...base, planner: {} })).toThrow(
      /bootstrap\/deployer: invalid deployGate undefined: is required with a planner: .*set deployGate: \{ environment: 'production' \}/);
  });
  it('refuses a gate naming both or neither of environment and branch', () => {
    expect(() => new DeployerIdentity(stack(), 'deployer', { ...base, deployGate: { environment: 'production', branch: 'main' } }))
      .toThrow(/must name exactly one of environment or branch/);
    expect(() => new DeployerIdentity(stack(), 'deployer', { ...base, deployGate: {} })).toThrow(/must name exactly one of environment or branch/);
  });
  it('refuses an environment gate on GitLab, whose subjects do not name the environment, and accepts a branch gate', () => {
    expect(() => new DeployerIdentity(stack(), 'deployer', { ...base, ci: CiPlatform.GITLAB, deployGate: { environment: 'production' } }))
      .toThrow(/cannot be read from the subject of gitlab tokens \(project_path:GROUP\/PROJECT:ref_type:branch:ref:BRANCH/);
    const gitlab = new DeployerIdentity(stack(), 'deployer', { ...base, ci: CiPlatform.GITLAB, deployGate: { branch: 'main' } });
    expect(gitlab.trustedPrincipal).toMatch(/\/subject\/project_path:example-org\/platform-infra:ref_type:branch:ref:main$/);
  });
  it('trusts the branch subject on GitHub for a branch gate', () => {
    const github = new DeployerIdentity(stack(), 'deployer', { ...base, deployGate: { branch: 'main' } });
    expect(github.trustedPrincipal).toMatch(/\/subject\/repo:example-org\/platform-infra:ref:refs\/heads\/main$/);
  });
  it('refuses custom role ids Google would refuse, leaving room for the derived ids', () => {
    expect(() => new DeployerIdentity(stack(), 'deployer', { ...base, customRoleId: 'cdktf-deployer' })).toThrow(
      /invalid customRoleId "cdktf-deployer": must be 3-55 letters, digits, "_" and "."/);
    expect(() => new DeployerIdentity(stack(), 'deployer', { ...base, customRoleId: 'x'.repeat(56) })).toThrow(/must be 3-55/);
    expect(() => new DeployerIdentity(stack(), 'deployer', {
      ...base, deployGate: { environment: 'production' }, planner: { customRoleId: 'ab' },
    })).toThrow(/invalid planner.customRoleId "ab": must be 3-64/);
  });
});
