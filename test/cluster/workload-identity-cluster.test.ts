import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { GcpProject, ProjectServices, ReleaseChannel, WorkloadIdentityCluster, WorkloadIdentityClusterProps } from '../../lib';
import { newStack, onlyResource, synth } from '../helpers';

const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });

function clusterIn(stack: TerraformStack, props: Partial<WorkloadIdentityClusterProps> = {}) {
  return new WorkloadIdentityCluster(stack, 'cluster', { project, name: 'secure-td-cluster', location: 'us-east1', ...props });
}

describe('WorkloadIdentityCluster defaults', () => {
  const { stack } = newStack();
  clusterIn(stack);
  const json = synth(stack);
  const cluster = onlyResource(json, 'google_container_cluster');

  it('always sets the workload pool', () => {
    expect(cluster.workload_identity_config).toEqual({ workload_pool: 'demo-proj.svc.id.goog' });
  });
  it('is regional, on a release channel, VPC-native, with Dataplane V2', () => {
    expect(cluster.location).toBe('us-east1');
    expect(cluster.release_channel).toEqual({ channel: 'REGULAR' });
    expect(cluster.networking_mode).toBe('VPC_NATIVE');
    expect(cluster.ip_allocation_policy).toEqual({});
    expect(cluster.datapath_provider).toBe('ADVANCED_DATAPATH');
    expect(cluster.network_policy).toBeUndefined();
  });
  it('has private nodes with a /28 control plane and no external authorized network', () => {
    expect(cluster.private_cluster_config).toEqual({
      enable_private_nodes: true, enable_private_endpoint: false, master_ipv4_cidr_block: '172.16.0.0/28',
    });
    expect(cluster.master_authorized_networks_config).toEqual({ cidr_blocks: [] });
  });
  it('is hardened: shielded nodes, no client certificate, no legacy ABAC, deletion protection', () => {
    expect(cluster.enable_shielded_nodes).toBe(true);
    expect(cluster.master_auth).toEqual({ client_certificate_config: { issue_client_certificate: false } });
    expect(cluster.enable_legacy_abac).toBe(false);
    expect(cluster.deletion_protection).toBe(true);
  });
  it('removes the default pool, which briefly runs on the least-privilege SA with the GKE metadata server', () => {
    expect(cluster.remove_default_node_pool).toBe(true);
    expect(cluster.initial_node_count).toBe(1);
    expect(cluster.lifecycle).toEqual({ ignore_changes: ['node_config'] });
    expect(cluster.node_config).toEqual({
      service_account: expect.stringMatching(/^\$\{google_service_account\.cluster_NodeServiceAccount_[0-9A-F]{8}\.email\}$/),
      oauth_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
      workload_metadata_config: { mode: 'GKE_METADATA' },
      shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
      metadata: { 'disable-legacy-endpoints': 'true' },
      image_type: 'COS_CONTAINERD',
    });
  });
  it('creates the node service account with exactly the three least-privilege roles', () => {
    expect(onlyResource(json, 'google_service_account').account_id).toBe('secure-td-cluster-nodes');
    const roles = Object.values(json.resource!.google_project_iam_member).map((m) => m.role).sort();
    expect(roles).toEqual(['roles/logging.logWriter', 'roles/monitoring.metricWriter', 'roles/monitoring.viewer']);
  });
  it('leaves mesh certificates off and does not register a fleet', () => {
    expect(cluster.mesh_certificates).toEqual({ enable_certificates: false });
    expect(cluster.fleet).toBeUndefined();
  });
});

describe('WorkloadIdentityCluster options', () => {
  it('enables mesh certificates, fleet, labels, and authorized networks', () => {
    const { stack } = newStack();
    clusterIn(stack, {
      meshCertificates: true, fleet: true, labels: { team: 'platform' }, releaseChannel: ReleaseChannel.STABLE,
      authorizedNetworks: [{ cidr: '10.0.0.0/8', name: 'corp' }], podsRangeName: 'pods', servicesRangeName: 'services',
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ContainerCluster, {
      mesh_certificates: { enable_certificates: true },
      fleet: { project: 'demo-proj' },
      resource_labels: { team: 'platform' },
      release_channel: { channel: 'STABLE' },
      master_authorized_networks_config: { cidr_blocks: [{ cidr_block: '10.0.0.0/8', display_name: 'corp' }] },
      ip_allocation_policy: { cluster_secondary_range_name: 'pods', services_secondary_range_name: 'services' },
    });
  });
  it('enforces network policy with Calico when Dataplane V2 is off', () => {
    const { stack } = newStack();
    clusterIn(stack, { dataplaneV2: false });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ContainerCluster, {
      datapath_provider: 'LEGACY_DATAPATH',
      network_policy: { enabled: true, provider: 'CALICO' },
      addons_config: { network_policy_config: { disabled: false } },
    });
  });
  it('grants roles/container.serviceAgent to the GKE service agent and waits for it and the APIs', () => {
    const { stack } = newStack();
    const apis = new ProjectServices(stack, 'apis', { project, services: ProjectServices.WORKLOAD_IDENTITY });
    clusterIn(stack, { grantServiceAgentRole: true, apis });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ProjectIamMember, {
      role: 'roles/container.serviceAgent',
      member: 'serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com',
    });
    const dependsOn = onlyResource(synth(stack), 'google_container_cluster').depends_on as string[];
    expect(dependsOn.filter((d) => d.startsWith('google_project_iam_member.cluster_ServiceAgentRole_'))).toHaveLength(1);
    expect(dependsOn.filter((d) => d.startsWith('google_project_service.'))).toHaveLength(4);
  });
  it('allows a zone only with zonal: true', () => {
    const { stack } = newStack();
    clusterIn(stack, { location: 'us-east1-b', zonal: true });
    expect(onlyResource(synth(stack), 'google_container_cluster').location).toBe('us-east1-b');
  });
  it('omits private nodes and authorized networks only when asked by name', () => {
    const { stack } = newStack();
    clusterIn(stack, { publicNodes: true, openControlPlane: true });
    const cluster = onlyResource(synth(stack), 'google_container_cluster');
    expect(cluster.private_cluster_config).toBeUndefined();
    expect(cluster.master_authorized_networks_config).toBeUndefined();
  });
  it('keeps deletion protection unless turned off', () => {
    const { stack } = newStack();
    clusterIn(stack, { deletionProtection: false });
    expect(onlyResource(synth(stack), 'google_container_cluster').deletion_protection).toBe(false);
  });
});

describe('WorkloadIdentityCluster bad input', () => {
  const cases: [string, Partial<WorkloadIdentityClusterProps>, RegExp][] = [
    ['a zonal location without zonal: true', { location: 'us-east1-b' },
      /stack\/cluster: invalid location "us-east1-b": is a zone: a zonal control plane .* set zonal: true/],
    ['an invalid cluster name', { name: 'Secure_Cluster' }, /stack\/cluster: invalid name "Secure_Cluster": must be 1-40 characters/],
    ['a non-/28 control plane range', { controlPlaneCidr: '172.16.0.0/24' },
      /stack\/cluster: invalid controlPlaneCidr "172.16.0.0\/24": must be a \/28 block/],
    ['a malformed control plane range', { controlPlaneCidr: '172.16.0/28' }, /invalid controlPlaneCidr "172.16.0\/28": must be an IPv4 CIDR/],
    ['0.0.0.0/0 as authorized network', { authorizedNetworks: [{ cidr: '0.0.0.0/0' }] },
      /invalid authorizedNetworks\[0\].cidr "0.0.0.0\/0": must not open the control plane .* openControlPlane: true/],
    ['openControlPlane with authorized networks', { openControlPlane: true, authorizedNetworks: [{ cidr: '10.0.0.0/8' }] },
      /invalid openControlPlane true: cannot be combined with authorizedNetworks/],
    ['only one secondary range', { podsRangeName: 'pods' }, /invalid podsRangeName "pods": give both podsRangeName and servicesRangeName/],
    ['a region with zonal: true', { zonal: true }, /invalid location "us-east1": must be a zone/],
  ];
  it.each(cases)('refuses %s', (_name, props, message) => {
    const { stack } = newStack();
    expect(() => clusterIn(stack, props)).toThrow(message);
  });
  it('lets an unresolved location token pass', () => {
    const { stack } = newStack();
    const region = new TerraformVariable(stack, 'region', { type: 'string' });
    expect(() => clusterIn(stack, { location: region.stringValue })).not.toThrow();
  });
});

