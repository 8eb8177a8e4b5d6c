import * as fc from 'fast-check';
import { App, TerraformHclModule, TerraformResource, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import {
  BlueprintTesting, DeployerIdentity, DeployerIdentityProps, DeployerRoleTable, GcpProject, NodeServiceAccount, ProjectServices,
  StateBucket, WorkloadIdentityCluster,
} from '../../lib';
import { resourcesOf, StackJson } from '../helpers';

const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });
const member = 'serviceAccount:cdktf-deployer@demo-proj.iam.gserviceaccount.com';

function googleStack(app: App, id: string): TerraformStack {
  const stack = new TerraformStack(app, id);
  new GoogleProvider(stack, 'google', { project: project.id, region: 'us-east1' });
  return stack;
}

interface Pipeline {
  app: App;
  platform: TerraformStack;
  workloads: TerraformStack;
  bootstrap: TerraformStack;
  cluster: WorkloadIdentityCluster;
  deployer: DeployerIdentity;
  state: StateBucket;
  json: Record<string, StackJson>;
}

/** A platform stack (cluster, pool, node SA), a workloads stack (namespace, RBAC) and the bootstrap stack. */
function pipeline(props: Partial<DeployerIdentityProps> = {}, extend: (p: Omit<Pipeline, 'deployer' | 'json'>) => void = () => undefined): Pipeline {
  const app = Testing.app();
  const platform = googleStack(app, 'platform');
  const apis = new ProjectServices(platform, 'apis', { project, services: ProjectServices.WORKLOAD_IDENTITY });
  const cluster = new WorkloadIdentityCluster(platform, 'cluster', {
    project, name: 'demo-cluster', location: 'us-east1', apis, authorizedNetworks: [{ cidr: '10.0.0.0/8' }],
  });
  cluster.addNodePool('pool', { machineType: 'e2-standard-2' });
  const workloads = googleStack(app, 'workloads');
  cluster.connect(workloads);
  new NamespaceV1(workloads, 'ns', { metadata: { name: 'apps' } });
  new ClusterRoleBindingV1(workloads, 'crb', {
    metadata: { name: 'viewers' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subject: [{ kind: 'Group', name: 'viewers@example.com', apiGroup: 'rbac.authorization.k8s.io' }],
  });
  const bootstrap = googleStack(app, 'bootstrap');
  const state = new StateBucket(bootstrap, 'state', { project, name: 'demo-proj-tfstate', location: 'us-east1' });
  state.backendFor(platform);
  state.backendFor(workloads);
  extend({ app, platform, workloads, bootstrap, cluster, state });
  const deployer = new DeployerIdentity(bootstrap, 'deployer', { project, repository: 'example-org/platform-infra', stateBucket: state, predefinedRoles: true, ...props });
  deployer.grantRolesFor(app);
  const json = BlueprintTesting.synthStacks(app) as Record<string, StackJson>;
  return { app, platform, workloads, bootstrap, cluster, deployer, state, json };
}

/** The default pipeline, shared by the tests that only read it. */
const base = pipeline();

const projectGrants = (json: StackJson) => resourcesOf(json, 'google_project_iam_member').filter((m) => m.member === member);
const grantedRoles = (json: StackJson) => projectGrants(json).map((m) => m.role).sort();
const infos = (p: Pipeline) => BlueprintTesting.infosOf(p.deployer);
const warnings = (p: Pipeline) => BlueprintTesting.warningsOf(p.deployer);

describe('DeployerIdentity.grantRolesFor: project roles', () => {
  const p = base;
  it('grants the smallest set of predefined roles that covers every type of the deployed stacks', () => {
    expect(grantedRoles(p.json.bootstrap)).toEqual([
      'roles/container.admin',
      'roles/iam.serviceAccountAdmin',
      'roles/resourcemanager.projectIamAdmin',
      'roles/serviceusage.serviceUsageAdmin',
    ]);
    expect(p.deployer.projectRoles).toEqual(grantedRoles(p.json.bootstrap));
  });
  it('grants nothing for the bootstrap stack itself (an administrator applies it)', () => {
    expect(grantedRoles(p.json.bootstrap)).not.toContain('roles/storage.admin');
    expect(grantedRoles(p.json.bootstrap)).not.toContain('roles/iam.workloadIdentityPoolAdmin');
  });
  it('limits project IAM admin to the roles the app grants', () => {
    const iamAdmin = projectGrants(p.json.bootstrap).find((m) => m.role === 'roles/resourcemanager.projectIamAdmin')!;
    expect(iamAdmin.condition).toEqual({
      title: 'only-roles-the-app-grants',
      description: 'The deployer may grant and revoke only the project roles its app grants.',
      expression: "api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly(" +
        "['roles/logging.logWriter', 'roles/monitoring.metricWriter', 'roles/monitoring.viewer'])",
    });
    const others = projectGrants(p.json.bootstrap).filter((m) => m.role !== 'roles/resourcemanager.projectIamAdmin');
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter((grant) => 'condition' in grant)).toEqual([]);
  });
  it('prints one line per grant, prefixed with the deployer path, including what a role covers', () => {
    expect(infos(p).filter((line) => line.includes(' grants '))).toEqual([
      '[bootstrap/deployer] grants roles/container.admin on project demo-proj for kubernetes_cluster_role_binding_v1; ' +
        'covers roles/container.clusterAdmin for google_container_cluster, google_container_node_pool; ' +
        'roles/container.clusterViewer for data.google_container_cluster; roles/container.developer for kubernetes_namespace_v1',
      '[bootstrap/deployer] grants roles/iam.serviceAccountAdmin on project demo-proj for google_service_account, ' +
        'its own iam.serviceAccountUser grants on service accounts the app creates',
      '[bootstrap/deployer] grants roles/resourcemanager.projectIamAdmin on project demo-proj, limited to granting ' +
        'roles/logging.logWriter, roles/monitoring.metricWriter, roles/monitoring.viewer for google_project_iam_member',
      '[bootstrap/deployer] grants roles/serviceusage.serviceUsageAdmin on project demo-proj for google_project_service',
      '[bootstrap/deployer] grants roles/iam.serviceAccountUser on service account platform/cluster/NodeServiceAccount/Resource ' +
        '(created by the app) for google_container_cluster platform/cluster/Resource, google_container_node_pool platform/cluster/pool/Resource',
      '[bootstrap/deployer] grants roles/storage.objectUser on bucket demo-proj-tfstate, objects under platform/, workloads/ only',
    ]);
    expect(p.deployer.grantDescriptions).toHaveLength(6);
  });
  it('is deterministic', () => {
    const again = pipeline();
    expect(again.deployer.grantDescriptions).toEqual(p.deployer.grantDescriptions);
    expect(again.json).toEqual(p.json);
  });
  it('has no warnings and no errors for a fully mapped app', () => {
    expect(warnings(p)).toEqual([]);
    expect(BlueprintTesting.errorsOf(p.app)).toEqual([]);
  });
});

describe('DeployerIdentity.grantRolesFor: iam.serviceAccountUser on the node service account', () => {
  const p = base;
  it('is granted on that service account, in its stack, and the cluster and pool wait for it', () => {
    const [grant] = resourcesOf(p.json.platform, 'google_service_account_iam_member');
    expect(resourcesOf(p.json.platform, 'google_service_account_iam_member')).toHaveLength(1);
    expect(grant).toEqual({
      member, role: 'roles/iam.serviceAccountUser',
      service_account_id: expect.stringMatching(/^\$\{google_service_account\.cluster_NodeServiceAccount_[0-9A-F]{8}\.name\}$/),
    });
    const address = expect.stringMatching(/^google_service_account_iam_member\.deployer_act-as-demo-cluster-nodes_[0-9A-F]{8}$/);
    for (const type of ['google_container_cluster', 'google_container_node_pool']) {
      expect(resourcesOf(p.json.platform, type)[0].depends_on).toContainEqual(address);
    }
    expect(grantedRoles(p.json.bootstrap)).not.toContain('roles/iam.serviceAccountUser');
  });
  it('is granted from the bootstrap stack on an adopted (existing) account, without a cross-stack dependency', () => {
    const adopted = pipeline({}, ({ platform }) => {
      const nodes = new NodeServiceAccount(platform, 'adopted-sa', { project, existingEmail: 'nodes@shared-proj.iam.gserviceaccount.com' });
      new ContainerNodePool(platform, 'extra-pool', {
        cluster: 'demo-cluster', location: 'us-east1', nodeConfig: { serviceAccount: nodes.email },
      });
    });
    expect(resourcesOf(adopted.json.bootstrap, 'google_service_account_iam_member')).toContainEqual({
      member, role: 'roles/iam.serviceAccountUser', service_account_id: 'projects/shared-proj/serviceAccounts/nodes@shared-proj.iam.gserviceaccount.com',
    });
    const extra = Object.entries(adopted.json.platform.resource!.google_container_node_pool).find(([id]) => id.startsWith('extra-pool'))![1];
    expect(extra).not.toHaveProperty('depends_on');
  });
  it('is refused, with a warning, for the Compute Engine default service account', () => {
    const loose = pipeline({}, ({ platform }) => {
      new ContainerNodePool(platform, 'default-sa-pool', { cluster: 'demo-cluster', location: 'us-east1' });
    });
    expect(warnings(loose)).toEqual([
      '[bootstrap/deployer] google_container_node_pool platform/default-sa-pool runs as the Compute Engine default service account ' +
        '(node_config.service_account is not set), which holds the Editor role: the deployer gets no iam.serviceAccountUser on it; ' +
        'give the resource a least-privilege service account',
    ]);
    expect(resourcesOf(loose.json.bootstrap, 'google_service_account_iam_member').map((m) => m.role)).toEqual(['roles/iam.workloadIdentityUser']);
  });
});

describe('DeployerIdentity.grantRolesFor: what is not silently dropped', () => {
  it('warns about every type without a mapping and every module, naming the resources', () => {
    const p = pipeline({}, ({ platform }) => {
      new PubsubTopic(platform, 'events', { name: 'events' });
      new TerraformHclModule(platform, 'vpc', { source: 'terraform-google-modules/network/google' });
    });
    expect(warnings(p)).toEqual([
      '[bootstrap/deployer] no role mapping for google_pubsub_topic (platform/events): the deployer gets no role for it; ' +
        'add it with DeployerRoleTable.withType or grant it with additionalRoles',
      '[bootstrap/deployer] module platform/vpc: its resources are not visible to the role derivation; grant what it needs with additionalRoles',
    ]);
  });
  it('maps a type added to the table', () => {
    const p = pipeline({ roleTable: DeployerRoleTable.DEFAULT.withType('google_pubsub_topic', { roles: ['roles/pubsub.editor'] }) },
      ({ platform }) => new PubsubTopic(platform, 'events', { name: 'events' }));
    expect(grantedRoles(p.json.bootstrap)).toContain('roles/pubsub.editor');
    expect(warnings(p)).toEqual([]);
  });
  it('warns about stacks whose state is not in the state bucket', () => {
    const p = pipeline({}, ({ app }) => googleStack(app, 'extra'));
    expect(warnings(p)).toEqual([
      '[bootstrap/deployer] stack extra keeps local state: every pipeline run would start from an empty state; call stateBucket.backendFor(stack)',
    ]);
  });
  it('grants state access per stack prefix only', () => {
    const [access] = resourcesOf(base.json.bootstrap, 'google_storage_bucket_iam_member');
    expect(access).toMatchObject({
      role: 'roles/storage.objectUser', member,
      condition: {
        title: 'state-of-deployed-stacks',
        expression: "resource.type == 'storage.googleapis.com/Bucket' || " +
          "resource.name.startsWith('projects/_/buckets/demo-proj-tfstate/objects/platform/') || " +
          "resource.name.startsWith('projects/_/buckets/demo-proj-tfstate/objects/workloads/')",
      },
    });
    expect(access.bucket).toMatch(/^\$\{google_storage_bucket\.state_[0-9A-F]{8}\.name\}$/);
  });
  it('does not limit project IAM admin when a granted role is only known at apply time, and says so', () => {
    const p = pipeline({}, ({ platform }) => {
      const role = new TerraformVariable(platform, 'role', { type: 'string' });
      new ProjectIamMember(platform, 'dynamic', { project: 'demo-proj', role: role.stringValue, member });
    });
    const iamAdmin = projectGrants(p.json.bootstrap).find((m) => m.role === 'roles/resourcemanager.projectIamAdmin')!;
    expect(iamAdmin).not.toHaveProperty('condition');
    expect(warnings(p)).toEqual([expect.stringContaining('the role of platform/dynamic is only known at apply time')]);
  });
  it('grants the fleet role for a cluster registered in a fleet', () => {
    const app = Testing.app();
    const platform = new TerraformStack(app, 'platform');
    new WorkloadIdentityCluster(platform, 'cluster', { project, name: 'fleet-cluster', location: 'us-east1', fleet: true, openControlPlane: true });
    const bootstrap = new TerraformStack(app, 'bootstrap');
    const deployer = new DeployerIdentity(bootstrap, 'deployer', { project, repository: 'example-org/platform-infra', predefinedRoles: true });
    deployer.grantRolesFor(platform);
    expect(deployer.projectRoles).toContain('roles/gkehub.editor');
    expect(deployer.grantDescriptions).toContain('grants roles/gkehub.editor on project demo-proj for google_container_cluster (fleet)');
  });
});

describe('DeployerIdentity.grantRolesFor: explicit additions and removals', () => {
  it('adds roles and says why', () => {
    const p = pipeline({ additionalRoles: ['roles/monitoring.dashboardEditor'] });
    expect(grantedRoles(p.json.bootstrap)).toContain('roles/monitoring.dashboardEditor');
    expect(p.deployer.grantDescriptions).toContain('grants roles/monitoring.dashboardEditor on project demo-proj for additionalRoles');
  });
  it('removes a derived role with a warning, and the roles it covered come back', () => {
    const p = pipeline({ excludedRoles: ['roles/container.admin'] });
    expect(grantedRoles(p.json.bootstrap)).not.toContain('roles/container.admin');
    expect(grantedRoles(p.json.bootstrap)).toEqual(expect.arrayContaining(['roles/container.clusterAdmin', 'roles/container.developer']));
    expect(warnings(p)).toEqual([
      '[bootstrap/deployer] roles/container.admin is needed by kubernetes_cluster_role_binding_v1 but not granted (excludedRoles): grant it another way',
    ]);
  });
  it('refuses to remove a role that is not derived', () => {
    expect(() => pipeline({ excludedRoles: ['roles/storage.admin'] })).toThrow(
      /bootstrap\/deployer: invalid excludedRoles\[0\] "roles\/storage\.admin": is not derived for this app, so there is nothing to remove \(derived: roles\/container\.admin, /);
  });
});

describe('DeployerIdentity.grantRolesFor: misuse', () => {
  function setup() {
    const app = Testing.app();
    const platform = googleStack(app, 'platform');
    const bootstrap = googleStack(app, 'bootstrap');
    const deployer = new DeployerIdentity(bootstrap, 'deployer', { project, repository: 'example-org/platform-infra', predefinedRoles: true });
    return { app, platform, bootstrap, deployer };
  }
  it('is called once', () => {
    const { app, deployer } = setup();
    deployer.grantRolesFor(app);
    expect(() => deployer.grantRolesFor(app)).toThrow(
      'bootstrap/deployer: invalid grantRolesFor(scope) "<app>": is called once, after every stack the pipeline deploys is built');
  });
  it('takes the app or a stack, not the deployer\'s own stack', () => {
    const { bootstrap, deployer } = setup();
    expect(() => deployer.grantRolesFor(deployer)).toThrow(/invalid grantRolesFor\(scope\) "bootstrap\/deployer": must be the app or a stack/);
    expect(() => deployer.grantRolesFor(bootstrap)).toThrow(/invalid grantRolesFor\(scope\) "bootstrap": is the deployer's own stack/);
  });
  it('fails the synth when constructs added afterwards need more', () => {
    const { app, platform, deployer } = setup();
    new ProjectServices(platform, 'apis', { project, services: ['compute.googleapis.com'] });
    deployer.grantRolesFor(app);
    new PubsubTopic(platform, 'late', { name: 'late' });
    new NodeServiceAccount(platform, 'late-sa', { project, accountId: 'late-nodes' });
    expect(BlueprintTesting.errorsOf(app)).toEqual([
      '[bootstrap/deployer] constructs added after grantRolesFor(<app>) need a mapping for google_pubsub_topic; ' +
        'permission to grant roles/logging.logWriter; permission to grant roles/monitoring.metricWriter; ' +
        'permission to grant roles/monitoring.viewer; role roles/iam.serviceAccountAdmin; role roles/resourcemanager.projectIamAdmin: ' +
        'call grantRolesFor after every stack is built',
    ]);
  });
  it('refuses a stack that already has a construct named like the deployer', () => {
    const { app, platform } = setup();
    const nodes = new NodeServiceAccount(platform, 'nodes', { project, accountId: 'demo-nodes' });
    new ContainerNodePool(platform, 'pool', { cluster: 'c', location: 'us-east1', nodeConfig: { serviceAccount: nodes.email } });
    new TerraformResource(platform, 'ci', { terraformResourceType: 'random_id', terraformGeneratorMetadata: { providerName: 'random' } });
    const other = new TerraformStack(app, 'other');
    const deployer = new DeployerIdentity(other, 'ci', { project, repository: 'example-org/platform-infra' });
    expect(() => deployer.grantRolesFor(platform)).toThrow(
      'other/ci: invalid grantRolesFor(scope) "platform": already has a construct named "ci"; the deployer keeps its grants there: give the deployer another id');
  });
});

describe('role derivation (properties)', () => {
  const table = DeployerRoleTable.DEFAULT;
  const plainTypes = table.types.filter((t) => !t.startsWith('data.') && !table.lookup(t)!.runsAsAttributes && !table.lookup(t)!.grantedRoleAttribute);

  it('grants, for any set of mapped types, exactly the non-covered roles they need, never a primitive role', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.constantFrom(...plainTypes), { minLength: 1, maxLength: 12 }), (types) => {
      const app = Testing.app();
      const stack = new TerraformStack(app, 'deployed');
      types.forEach((type, i) => new TerraformResource(stack, `r${i}`, { terraformResourceType: type, terraformGeneratorMetadata: { providerName: 'google' } }));
      const deployer = new DeployerIdentity(new TerraformStack(app, 'bootstrap'), 'deployer', { project, repository: 'a/b', predefinedRoles: true });
      deployer.grantRolesFor(stack);
      const needed = [...new Set(types.flatMap((t) => table.lookup(t)!.roles))];
      const granted = deployer.projectRoles;
      return granted.every((r) => needed.includes(r) && !['roles/owner', 'roles/editor', 'roles/viewer'].includes(r))
        && needed.every((r) => granted.includes(r) || table.coveringRole(r, granted) !== undefined)
        && granted.every((r) => table.coveringRole(r, granted) === undefined)
        && [...granted].sort().join() === granted.join();
    }), { numRuns: 40 });
  });
});
