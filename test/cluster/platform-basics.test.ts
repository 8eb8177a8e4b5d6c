import { Construct } from 'constructs';
import { TerraformStack, TerraformVariable } from 'cdktf';
import {
  GcpProject, MaintenanceExclusionScope, MaintenanceWindow, NodeServiceAccount, WorkloadIdentityAutopilotCluster, WorkloadIdentityCluster,
  WorkloadIdentityClusterProps,
} from '../../lib';
import { newStack, onlyResource, synth } from '../helpers';

const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });

function clusterIn(stack: TerraformStack, props: Partial<WorkloadIdentityClusterProps> = {}, id = 'cluster') {
  return new WorkloadIdentityCluster(stack, id, { project, name: 'secure-td-cluster', location: 'us-east1', ...props });
}

describe('cluster outputs', () => {
  it('writes name, location, sensitive endpoint, workload pool and node account, named after the construct path', () => {
    const { stack } = newStack();
    clusterIn(stack, {}, 'secure-td-cluster');
    const outputs = synth(stack).output as Record<string, { value: string; sensitive?: boolean }>;
    expect(Object.keys(outputs).sort()).toEqual([
      'secure_td_cluster_endpoint', 'secure_td_cluster_location', 'secure_td_cluster_name',
      'secure_td_cluster_node_service_account', 'secure_td_cluster_workload_pool',
    ]);
    expect(outputs.secure_td_cluster_endpoint.sensitive).toBe(true);
    expect(outputs.secure_td_cluster_endpoint.value).toMatch(/^\$\{google_container_cluster\.secure-td-cluster_[0-9A-F]{8}\.endpoint\}$/);
    expect(outputs.secure_td_cluster_name.sensitive).toBeUndefined();
    expect(outputs.secure_td_cluster_workload_pool.value).toMatch(/workload_identity_config\[0\]\.workload_pool\}$/);
    expect(outputs.secure_td_cluster_node_service_account.value).toMatch(/^\$\{google_service_account\.secure-td-cluster_NodeServiceAccount_[0-9A-F]{8}\.email\}$/);
  });
  it('adds the fleet membership and the Secrets key when present', () => {
    const { stack } = newStack();
    new WorkloadIdentityAutopilotCluster(stack, 'ap', {
      project, name: 'ap-cluster', location: 'us-east1', fleet: true, secretsEncryption: {},
    });
    const outputs = synth(stack).output as Record<string, { value: string }>;
    expect(outputs.ap_fleet_membership.value).toMatch(/\.fleet\[0\]\.membership\}$/);
    expect(outputs.ap_secrets_kms_key.value).toMatch(/^\$\{google_kms_crypto_key\.ap_SecretsEncryption_CryptoKey_[0-9A-F]{8}\.id\}$/);
  });
  it('keeps two clusters of one name in one stack apart, and refuses colliding prefixes with the fix', () => {
    const { stack } = newStack();
    clusterIn(stack, { location: 'us-east1' }, 'east');
    // One project holds one node account per id: the second cluster of the name brings its own.
    const westNodes = new NodeServiceAccount(stack, 'west-nodes', { project, accountId: 'secure-td-cluster-west' });
    clusterIn(stack, { location: 'us-west1', outputPrefix: 'payments_west', nodeServiceAccount: westNodes }, 'west');
    expect(Object.keys(synth(stack).output!)).toEqual(expect.arrayContaining(['east_name', 'payments_west_name']));
    expect(() => clusterIn(stack, { location: 'europe-west4', outputPrefix: 'east' }, 'europe'))
      .toThrow(/stack\/europe: invalid outputPrefix "east": gives the output east_name, which stack\/east already writes.*own outputPrefix/);
  });
  it('writes no outputs on request and refuses a bad prefix', () => {
    const { stack } = newStack();
    clusterIn(stack, { outputs: false });
    expect(synth(stack).output).toBeUndefined();
    expect(() => clusterIn(newStack().stack, { outputPrefix: '1bad-prefix' })).toThrow(/invalid outputPrefix "1bad-prefix": must be 1-63 letters/);
    expect(() => clusterIn(newStack().stack, { outputs: false, outputPrefix: 'x' })).toThrow(/outputs is false/);
  });
  it('names outputs after the path below the stack for a nested cluster', () => {
    const { stack } = newStack();
    const name = new TerraformVariable(stack, 'cluster_name', { type: 'string' });
    const group = new Construct(stack, 'team-a');
    new WorkloadIdentityCluster(group, 'main-cluster', { project, name: name.stringValue, location: 'us-east1' });
    expect(Object.keys(synth(stack).output!)).toContain('team_a_main_cluster_endpoint');
  });
});

describe('maintenance policy', () => {
  it('is left out by default', () => {
    const { stack } = newStack();
    clusterIn(stack);
    expect(onlyResource(synth(stack), 'google_container_cluster').maintenance_policy).toBeUndefined();
  });
  it('writes a daily window', () => {
    const { stack } = newStack();
    clusterIn(stack, { maintenanceWindow: MaintenanceWindow.daily('03:30') });
    expect(onlyResource(synth(stack), 'google_container_cluster').maintenance_policy).toEqual({ daily_maintenance_window: { start_time: '03:30' } });
  });
  it('writes a recurring window with exclusions, NO_UPGRADES by default', () => {
    const { stack } = newStack();
    clusterIn(stack, {
      maintenanceWindow: MaintenanceWindow.recurring('2025-01-04T01:00:00Z', '2025-01-04T07:00:00Z', 'FREQ=WEEKLY;BYDAY=SA,SU'),
      maintenanceExclusions: [
        { name: 'launch', startTime: '2025-03-01T00:00:00Z', endTime: '2025-03-15T00:00:00Z' },
        { name: 'year-end', startTime: '2025-11-01T00:00:00Z', endTime: '2026-01-31T00:00:00Z', scope: MaintenanceExclusionScope.NO_MINOR_UPGRADES },
      ],
    });
    expect(onlyResource(synth(stack), 'google_container_cluster').maintenance_policy).toEqual({
      recurring_window: { start_time: '2025-01-04T01:00:00Z', end_time: '2025-01-04T07:00:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=SA,SU' },
      maintenance_exclusion: [
        { exclusion_name: 'launch', start_time: '2025-03-01T00:00:00Z', end_time: '2025-03-15T00:00:00Z', exclusion_options: { scope: 'NO_UPGRADES' } },
        { exclusion_name: 'year-end', start_time: '2025-11-01T00:00:00Z', end_time: '2026-01-31T00:00:00Z', exclusion_options: { scope: 'NO_MINOR_UPGRADES' } },
      ],
    });
  });
  it.each([
    [{ maintenanceWindow: MaintenanceWindow.daily('3:00') }, /invalid maintenanceWindow.startTime "3:00": must be HH:MM in UTC/],
    [{ maintenanceWindow: MaintenanceWindow.recurring('2025-01-04 01:00', '2025-01-04T07:00:00Z', 'FREQ=DAILY') }, /maintenanceWindow.startTime "2025-01-04 01:00": must be an RFC 3339 time/],
    [{ maintenanceWindow: MaintenanceWindow.recurring('2025-01-04T07:00:00Z', '2025-01-04T01:00:00Z', 'FREQ=DAILY') }, /maintenanceWindow.endTime "2025-01-04T01:00:00Z": must be after the start time/],
    [{ maintenanceWindow: MaintenanceWindow.recurring('2025-01-04T01:00:00Z', '2025-01-04T07:00:00Z', 'WEEKLY') }, /maintenanceWindow.recurrence "WEEKLY": must be an RFC 5545 rule/],
    [{ maintenanceExclusions: [{ name: 'x', startTime: '2025-03-01T00:00:00Z', endTime: '2025-03-02T00:00:00Z' }] }, /invalid maintenanceExclusions \["x"\]: need a maintenanceWindow/],
    [{
      maintenanceWindow: MaintenanceWindow.daily('03:00'),
      maintenanceExclusions: [{ name: 'long', startTime: '2025-03-01T00:00:00Z', endTime: '2025-04-15T00:00:00Z' }],
    }, /maintenanceExclusions\[0\].endTime "2025-04-15T00:00:00Z": is 45 days after the start, but a NO_UPGRADES exclusion lasts at most 30 days/],
    [{
      maintenanceWindow: MaintenanceWindow.daily('03:00'),
      maintenanceExclusions: [
        { name: 'a', startTime: '2025-03-01T00:00:00Z', endTime: '2025-03-02T00:00:00Z' },
        { name: 'a', startTime: '2025-04-01T00:00:00Z', endTime: '2025-04-02T00:00:00Z' },
      ],
    }, /maintenanceExclusions\[1\].name "a": is used twice/],
  ])('refuses %#', (props, message) => {
    expect(() => clusterIn(newStack().stack, props)).toThrow(message);
  });
});

describe('node locations, labels, intranode visibility, Gateway API, Binary Authorization', () => {
  it('leaves every opt-in out by default, so existing clusters plan no change', () => {
    const { stack } = newStack();
    clusterIn(stack);
    const cluster = onlyResource(synth(stack), 'google_container_cluster');
    for (const field of ['node_locations', 'enable_intranode_visibility', 'gateway_api_config', 'binary_authorization', 'database_encryption']) {
      expect(cluster[field]).toBeUndefined();
    }
  });
  it('writes each when asked', () => {
    const { stack } = newStack();
    const cluster = clusterIn(stack, {
      nodeLocations: ['us-east1-b', 'us-east1-c'], intranodeVisibility: true, gatewayApi: true, binaryAuthorization: true,
      labels: { env: 'prod', team: 'payments' },
    });
    cluster.addNodePool('pool', { resourceLabels: { cost_center: 'cc-42' } });
    const json = synth(stack);
    const resource = onlyResource(json, 'google_container_cluster');
    expect(resource.node_locations).toEqual(['us-east1-b', 'us-east1-c']);
    expect(resource.enable_intranode_visibility).toBe(true);
    expect(resource.gateway_api_config).toEqual({ channel: 'CHANNEL_STANDARD' });
    expect(resource.binary_authorization).toEqual({ evaluation_mode: 'PROJECT_SINGLETON_POLICY_ENFORCE' });
    expect(resource.resource_labels).toEqual({ env: 'prod', team: 'payments' });
    expect((onlyResource(json, 'google_container_node_pool').node_config as Record<string, unknown>).resource_labels).toEqual({ cost_center: 'cc-42' });
  });
  it('writes the explicit off values', () => {
    const { stack } = newStack();
    clusterIn(stack, { intranodeVisibility: false, gatewayApi: false, binaryAuthorization: false });
    const resource = onlyResource(synth(stack), 'google_container_cluster');
    expect(resource.enable_intranode_visibility).toBe(false);
    expect(resource.gateway_api_config).toEqual({ channel: 'CHANNEL_DISABLED' });
    expect(resource.binary_authorization).toEqual({ evaluation_mode: 'DISABLED' });
  });
  it('applies Binary Authorization, Gateway API and labels to Autopilot too', () => {
    const { stack } = newStack();
    new WorkloadIdentityAutopilotCluster(stack, 'ap', {
      project, name: 'ap-cluster', location: 'us-east1', binaryAuthorization: true, gatewayApi: true, labels: { env: 'dev' },
    });
    const resource = onlyResource(synth(stack), 'google_container_cluster');
    expect(resource.binary_authorization).toEqual({ evaluation_mode: 'PROJECT_SINGLETON_POLICY_ENFORCE' });
    expect(resource.gateway_api_config).toEqual({ channel: 'CHANNEL_STANDARD' });
    expect(resource.resource_labels).toEqual({ env: 'dev' });
    expect(resource.enable_intranode_visibility).toBeUndefined();
  });
  it.each([
    [{ nodeLocations: [] }, /invalid nodeLocations \[\]: must list at least one zone/],
    [{ nodeLocations: ['us-west1-a'] }, /nodeLocations\[0\] "us-west1-a": is not in the cluster's region us-east1/],
    [{ nodeLocations: ['us-east1-b', 'us-east1-b'] }, /nodeLocations\[1\] "us-east1-b": is listed twice/],
    [{ nodeLocations: ['us-east1'] }, /nodeLocations\[0\] "us-east1": must be a zone/],
    [{ location: 'us-east1-b', zonal: true, nodeLocations: ['us-east1-b'] }, /is the zonal cluster's own zone/],
    [{ labels: { Env: 'prod' } }, /invalid labels key "Env": must be a Google Cloud label key.*such as "env"/],
    [{ labels: { env: 'Prod Env' } }, /invalid labels.env "Prod Env": must be a Google Cloud label value.*such as "prod-env"/],
    [{ labels: { '1st': 'x' } }, /such as "l-1st"/],
    [{ labels: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v'])) }, /invalid labels "65 labels": may hold at most 64 labels/],
  ])('refuses %#', (props, message) => {
    expect(() => clusterIn(newStack().stack, props as Partial<WorkloadIdentityClusterProps>)).toThrow(message);
  });
  it('refuses bad node VM labels on a pool', () => {
    const cluster = clusterIn(newStack().stack);
    expect(() => cluster.addNodePool('pool', { resourceLabels: { 'Cost-Center': 'x' } }))
      .toThrow(/stack\/cluster\/pool: invalid resourceLabels key "Cost-Center"/);
  });
  it('lets tokens through', () => {
    const { stack } = newStack();
    const zone = new TerraformVariable(stack, 'zone', { type: 'string' });
    const value = new TerraformVariable(stack, 'label', { type: 'string' });
    clusterIn(stack, { nodeLocations: [zone.stringValue], labels: { env: value.stringValue } });
    expect(onlyResource(synth(stack), 'google_container_cluster').node_locations).toEqual(['${var.zone}']);
  });
});

describe('Secrets encryption', () => {
  it('creates a key ring and rotating key in the region, grants the GKE service agent and waits for the grant', () => {
    const { stack } = newStack();
    clusterIn(stack, { secretsEncryption: {} });
    const json = synth(stack);
    expect(onlyResource(json, 'google_kms_key_ring')).toEqual({ project: 'demo-proj', name: 'secure-td-cluster-secrets', location: 'us-east1' });
    const key = onlyResource(json, 'google_kms_crypto_key');
    expect(key).toMatchObject({ name: 'etcd-secrets', purpose: 'ENCRYPT_DECRYPT', rotation_period: '7776000s', lifecycle: { prevent_destroy: true } });
    const grant = onlyResource(json, 'google_kms_crypto_key_iam_member');
    expect(grant).toMatchObject({
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: 'serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com',
    });
    const cluster = onlyResource(json, 'google_container_cluster');
    expect(cluster.database_encryption).toEqual({ state: 'ENCRYPTED', key_name: expect.stringMatching(/^\$\{google_kms_crypto_key\..*\.id\}$/) });
    expect(cluster.depends_on).toEqual([expect.stringMatching(/^google_kms_crypto_key_iam_member\.cluster_SecretsEncryption_ServiceAgentGrant_/)]);
  });
  it('uses a given key in the region of a zonal cluster and still grants on it', () => {
    const { stack } = newStack();
    const kmsKey = 'projects/sec-proj/locations/us-east1/keyRings/gke/cryptoKeys/etcd';
    clusterIn(stack, { location: 'us-east1-b', zonal: true, secretsEncryption: { kmsKey } });
    const json = synth(stack);
    expect(json.resource!.google_kms_key_ring).toBeUndefined();
    expect(onlyResource(json, 'google_kms_crypto_key_iam_member').crypto_key_id).toBe(kmsKey);
    expect(onlyResource(json, 'google_container_cluster').database_encryption).toEqual({ state: 'ENCRYPTED', key_name: kmsKey });
  });
  it.each([
    [{ kmsKey: 'projects/p/locations/us-west1/keyRings/r/cryptoKeys/k' }, /kmsKey ".*": lies in us-west1, but GKE needs the key in the cluster's region us-east1/],
    [{ kmsKey: 'etcd-key' }, /kmsKey "etcd-key": must be a key id: projects\/PROJECT/],
    [{ kmsKey: 'projects/p/locations/us-east1/keyRings/r/cryptoKeys/k', keyName: 'x' }, /secretsEncryption.keyName "x": only applies to a key the cluster creates/],
    [{ rotationPeriod: '3600s' }, /rotationPeriod "3600s": must be whole seconds .* at least 86400s/],
    [{ keyRingName: 'bad ring' }, /keyRingName "bad ring": must be 1-63 letters/],
  ])('refuses %#', (secretsEncryption, message) => {
    expect(() => clusterIn(newStack().stack, { secretsEncryption })).toThrow(message);
  });
});
