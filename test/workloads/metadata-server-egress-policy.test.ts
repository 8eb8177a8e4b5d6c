import * as fc from 'fast-check';
import { TerraformVariable } from 'cdktf';
import { IWorkloadIdentityCluster, MetadataServerEgressPolicy, WorkloadIdentityCluster } from '../../lib';
import { runsAtLeast, runsOlderThan } from '../../lib/core/gke-version';
import { onlyResource, synth } from '../helpers';
import { autopilotPlatform, platformAndWorkloads, project } from '../identity/fixtures';

const cidrsAndPorts = (cluster: IWorkloadIdentityCluster) => MetadataServerEgressPolicy.endpointsFor(cluster).map((e) => `${e.cidr}:${e.port}`);

describe('MetadataServerEgressPolicy endpoints, chosen from the cluster', () => {
  it.each([
    ['a release-channel cluster with Dataplane V2', {}, ['169.254.169.252/32:988', '169.254.169.254/32:80']],
    ['a release-channel cluster on the legacy datapath', { dataplaneV2: false }, ['169.254.169.252/32:988']],
    ['a cluster pinned to 1.21.0-gke.1000', { controlPlaneVersion: '1.21.0-gke.1000', dataplaneV2: false }, ['169.254.169.252/32:988']],
    ['a cluster pinned to 1.30', { controlPlaneVersion: '1.30', dataplaneV2: false }, ['169.254.169.252/32:988']],
    ['a cluster pinned to latest', { controlPlaneVersion: 'latest', dataplaneV2: false }, ['169.254.169.252/32:988']],
    ['a cluster pinned to 1.20.15-gke.3400', { controlPlaneVersion: '1.20.15-gke.3400', dataplaneV2: false }, ['169.254.169.252/32:988', '127.0.0.1/32:988']],
    ['a cluster pinned to 1.21.0-gke.999', { controlPlaneVersion: '1.21.0-gke.999', dataplaneV2: false }, ['169.254.169.252/32:988', '127.0.0.1/32:988']],
    ['a cluster pinned to the prefix 1.21', { controlPlaneVersion: '1.21', dataplaneV2: false }, ['169.254.169.252/32:988', '127.0.0.1/32:988']],
  ])('%s', (_name, props, expected) => {
    expect(cidrsAndPorts(platformAndWorkloads(props).cluster)).toEqual(expected);
  });
  it('opens both 988 endpoints when the version is only known at apply time', () => {
    const { platform } = platformAndWorkloads();
    const version = new TerraformVariable(platform, 'version', { type: 'string' }).stringValue;
    const cluster = new WorkloadIdentityCluster(platform, 'pinned', {
      project, name: 'pinned', location: 'us-east1', controlPlaneVersion: version, dataplaneV2: false,
    });
    expect(cidrsAndPorts(cluster)).toEqual(['169.254.169.252/32:988', '127.0.0.1/32:988']);
  });
  it('always includes port 80 on Autopilot (Dataplane V2)', () => {
    expect(cidrsAndPorts(autopilotPlatform().cluster)).toEqual(['169.254.169.252/32:988', '169.254.169.254/32:80']);
  });
});

describe('MetadataServerEgressPolicy', () => {
  it('writes an egress-only NetworkPolicy for every pod of the namespace', () => {
    const { workloads, cluster } = platformAndWorkloads();
    new MetadataServerEgressPolicy(workloads, 'metadata', { cluster, namespace: 'apps' });
    expect(onlyResource(synth(workloads), 'kubernetes_network_policy_v1')).toEqual({
      metadata: { name: 'allow-gke-metadata-server', namespace: 'apps' },
      provider: 'kubernetes',
      spec: {
        pod_selector: {},
        policy_types: ['Egress'],
        egress: [
          { to: [{ ip_block: { cidr: '169.254.169.252/32' } }], ports: [{ port: '988', protocol: 'TCP' }] },
          { to: [{ ip_block: { cidr: '169.254.169.254/32' } }], ports: [{ port: '80', protocol: 'TCP' }] },
        ],
      },
    });
  });
  it('selects pods by label when asked', () => {
    const { workloads, cluster } = platformAndWorkloads();
    new MetadataServerEgressPolicy(workloads, 'metadata', { cluster, namespace: 'apps', name: 'payments-metadata', podLabels: { app: 'payments' } });
    const policy = onlyResource(synth(workloads), 'kubernetes_network_policy_v1') as { metadata: unknown; spec: { pod_selector: unknown } };
    expect(policy.metadata).toEqual({ name: 'payments-metadata', namespace: 'apps' });
    expect(policy.spec.pod_selector).toEqual({ match_labels: { app: 'payments' } });
  });
  it.each([
    [{ namespace: 'Apps' }, 'workloads/metadata: invalid namespace "Apps": must be a DNS-1123 label'],
    [{ name: 'Allow_Metadata' }, 'workloads/metadata: invalid name "Allow_Metadata": must be a DNS-1123 subdomain'],
  ])('refuses %o', (props, message) => {
    const { workloads, cluster } = platformAndWorkloads();
    expect(() => new MetadataServerEgressPolicy(workloads, 'metadata', { cluster, namespace: 'apps', ...props })).toThrow(message);
  });
});

describe('GKE version comparison (property)', () => {
  const part = fc.integer({ min: 0, max: 40 });
  const build = fc.integer({ min: 0, max: 3000 });
  const version = fc.tuple(fc.constant(1), part, part, build).map(([a, b, c, d]) => ({ text: `${a}.${b}.${c}-gke.${d}`, parts: [a, b, c, d] }));
  const lexicographic = (x: number[], y: number[]) => x.findIndex((v, i) => v !== y[i]);

  it('agrees with a component-wise comparison', () => {
    fc.assert(fc.property(version, version, (have, need) => {
      const i = lexicographic(have.parts, need.parts);
      const atLeast = i < 0 || have.parts[i] > need.parts[i];
      return runsAtLeast(have.text, need.text) === atLeast && runsOlderThan(have.text, need.text) === !atLeast;
    }), { numRuns: 1000 });
  });
  it('treats no pin and latest as current, and unreadable pins as unknown', () => {
    expect([runsAtLeast(undefined, '1.24'), runsAtLeast('latest', '1.24'), runsAtLeast('1.x', '1.24')]).toEqual([true, true, false]);
    expect([runsOlderThan(undefined, '1.24'), runsOlderThan('latest', '1.24'), runsOlderThan('1.x', '1.24')]).toEqual([false, false, false]);
  });
});
