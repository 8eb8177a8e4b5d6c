import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { DataGoogleContainerCluster } from '@cdktf/provider-google/lib/data-google-container-cluster';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { GcpProject, ProjectServices, WorkloadIdentityAutopilotCluster, WorkloadIdentityCluster } from '../../lib';
import { newStack, onlyResource, resourcesOf, synth } from '../helpers';

const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });

describe('WorkloadIdentityAutopilotCluster', () => {
  it('enables Autopilot with the workload pool, hardening and a least-privilege node SA', () => {
    const { stack } = newStack();
    const cluster = new WorkloadIdentityAutopilotCluster(stack, 'cluster', { project, name: 'auto', location: 'us-east1' });
    const json = synth(stack);
    const resource = onlyResource(json, 'google_container_cluster');
    expect(cluster.autopilot).toBe(true);
    expect(resource).toMatchObject({
      enable_autopilot: true,
      workload_identity_config: { workload_pool: 'demo-proj.svc.id.goog' },
      private_cluster_config: { enable_private_nodes: true, master_ipv4_cidr_block: '172.16.0.0/28' },
      deletion_protection: true,
      release_channel: { channel: 'REGULAR' },
    });
    expect(resource.cluster_autoscaling).toEqual({
      auto_provisioning_defaults: {
        service_account: expect.stringMatching(/google_service_account\.cluster_NodeServiceAccount_/),
        oauth_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
      },
    });
    expect(resource.remove_default_node_pool).toBeUndefined();
    expect(resource.enable_shielded_nodes).toBeUndefined();
    expect(resourcesOf(json, 'google_project_iam_member')).toHaveLength(3);
  });
});

describe('GcpProject', () => {
  it('derives the workload pool and the GKE service agent', () => {
    const { stack } = newStack();
    expect(project.workloadPool).toBe('demo-proj.svc.id.goog');
    expect(project.gkeServiceAgentEmail(stack)).toBe('service-123456789012@container-engine-robot.iam.gserviceaccount.com');
  });
  it('looks the number up once per stack when it is not given', () => {
    const lookedUp = new GcpProject({ id: 'other-proj' });
    const { stack } = newStack();
    new TerraformOutput(stack, 'a', { value: lookedUp.numberIn(stack) });
    new TerraformOutput(stack, 'b', { value: lookedUp.gkeServiceAgentEmail(stack) });
    expect(lookedUp.hasLiteralNumber).toBe(false);
    const json = synth(stack);
    expect(json.output).toEqual({
      a: { value: '${data.google_project.gcp-project-other-proj.number}' },
      b: { value: 'service-${data.google_project.gcp-project-other-proj.number}@container-engine-robot.iam.gserviceaccount.com' },
    });
    expect(Object.values(json.data!.google_project)).toEqual([{ project_id: 'other-proj' }]);
  });
  it.each([
    [{ id: 'Demo_Proj' }, /GcpProject: invalid id "Demo_Proj": must be 6-30 characters/],
    [{ id: 'demo-proj', number: '12ab' }, /GcpProject: invalid number "12ab": must be the numeric project number/],
  ])('refuses %o', (props, message) => {
    expect(() => new GcpProject(props)).toThrow(message);
  });
});

describe('ProjectServices', () => {
  it('enables the Workload Identity set, never disabling on destroy', () => {
    const { stack } = newStack();
    new ProjectServices(stack, 'apis', { project, services: ProjectServices.WORKLOAD_IDENTITY });
    const services = resourcesOf(synth(stack), 'google_project_service');
    expect(services.map((s) => s.service).sort()).toEqual([
      'cloudresourcemanager.googleapis.com', 'compute.googleapis.com', 'container.googleapis.com', 'iamcredentials.googleapis.com',
    ]);
    expect(services.every((s) => s.disable_on_destroy === false && s.project === 'demo-proj')).toBe(true);
  });
  it('the service-mesh set adds the mesh, CA and fleet APIs', () => {
    expect(ProjectServices.SERVICE_MESH).toEqual(expect.arrayContaining([
      ...ProjectServices.WORKLOAD_IDENTITY, 'trafficdirector.googleapis.com', 'networkservices.googleapis.com',
      'networksecurity.googleapis.com', 'privateca.googleapis.com', 'gkehub.googleapis.com',
    ]));
    expect(ProjectServices.SERVICE_MESH).toHaveLength(9);
  });
  it.each([['container'], ['container.googleapis.com', 'container.googleapis.com']])('refuses %p', (...services) => {
    const { stack } = newStack();
    expect(() => new ProjectServices(stack, 'apis', { project, services })).toThrow(/stack\/apis: invalid services "container/);
  });
});

describe('cluster.connect', () => {
  function twoStacks(): { app: App; platform: TerraformStack; workloads: TerraformStack; cluster: WorkloadIdentityCluster } {
    const app = Testing.app();
    const platform = new TerraformStack(app, 'platform');
    const workloads = new TerraformStack(app, 'workloads');
    const cluster = new WorkloadIdentityCluster(platform, 'cluster', { project, name: 'secure-td-cluster', location: 'us-east1' });
    return { app, platform, workloads, cluster };
  }
  it('wires a kubernetes provider from data sources read in the other stack, once', () => {
    const { workloads, platform, cluster } = twoStacks();
    const provider = cluster.connect(workloads);
    expect(cluster.connect(workloads)).toBe(provider);
    const out = Testing.synth(workloads);
    expect(out).toHaveDataSourceWithProperties(DataGoogleContainerCluster, {
      name: 'secure-td-cluster', location: 'us-east1', project: 'demo-proj',
    });
    expect(out).toHaveProviderWithProperties(KubernetesProvider, {
      host: expect.stringMatching(/^https:\/\/\$\{data\.google_container_cluster\..*\.endpoint\}$/),
      token: expect.stringMatching(/^\$\{data\.google_client_config\..*\.access_token\}$/),
      cluster_ca_certificate: expect.stringMatching(/^\$\{base64decode\(data\.google_container_cluster\..*\.master_auth\[0\]\.cluster_ca_certificate\)\}$/),
    });
    expect(JSON.parse(out).output).toBeUndefined();
    expect(workloads.dependencies).toContain(platform);
  });
  it('ignores the annotations GKE\'s NEG controller writes on Services, and only those', () => {
    const { workloads, cluster } = twoStacks();
    cluster.connect(workloads);
    const provider = JSON.parse(Testing.synth(workloads)).provider.kubernetes[0];
    expect(provider.ignore_annotations).toEqual(['^cloud\\.google\\.com/neg-status$', '^cloud\\.google\\.com/neg$']);
    // the provider drops a key when an expression matches part of it (Go's regexp.MatchString, as RegExp.test)
    const ignored = (key: string) => (provider.ignore_annotations as string[]).some((e) => new RegExp(e).test(key));
    expect(ignored('cloud.google.com/neg-status')).toBe(true);
    expect(ignored('cloud.google.com/neg')).toBe(true);
    expect(['cloud.google.com/negative', 'cloud.google.com/backend-config', 'xcloud.google.com/neg', 'cloud.google.com/proxyMetadata'].filter(ignored)).toEqual([]);
  });
  it('refuses the stack that creates the cluster', () => {
    const { platform, cluster } = twoStacks();
    expect(() => cluster.connect(platform)).toThrow(/platform\/cluster: invalid connect\(scope\) "platform": the cluster cannot be connected to the stack that creates it/);
  });
});

describe('cluster.connect with an alias', () => {
  it('refuses a second connection with another alias', () => {
    const app = Testing.app();
    const platform = new TerraformStack(app, 'platform');
    const workloads = new TerraformStack(app, 'workloads');
    const cluster = new WorkloadIdentityCluster(platform, 'cluster', { project, name: 'c1', location: 'us-east1' });
    expect(cluster.connect(workloads, { alias: 'c1' }).alias).toBe('c1');
    expect(cluster.connect(workloads)).toBe(cluster.connect(workloads, { alias: 'c1' }));
    expect(() => cluster.connect(workloads, { alias: 'other' })).toThrow(
      /platform\/cluster: invalid connect\(scope\).alias "other": the cluster is already connected to stack "workloads" with alias "c1"/);
  });
});
