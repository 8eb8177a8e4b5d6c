import { Testing } from 'cdktf';
import { MeshCertificateAuthority, MeshWorkload, PrivateNodesNat, ServiceMesh, StateBucket, WorkloadCronJob, WorkloadIdentityCluster, WorkloadServiceAccount } from '../../lib';
import { World } from './world';

/** The message of the error that building and synthesising the world throws, or '' when nothing fails. */
function errorOf(build: (w: World) => void, context: Record<string, unknown> = {}): string {
  const w = new World(context);
  try {
    build(w);
    for (const stack of [w.platform, w.workloads, w.traffic]) Testing.synth(stack, true);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('duplicate and derived names are errors naming both constructs', () => {
  const cluster = (w: World, id: string, name: string) =>
    new WorkloadIdentityCluster(w.platform, id, { project: w.project, name, location: 'us-east1' });

  it.each<[string, (w: World) => void, string]>([
    ['two clusters of one name', (w) => { cluster(w, 'a', 'same'); cluster(w, 'b', 'same'); },
      'platform/b: invalid name "same": must be unique: platform/a already uses the name as GKE cluster in project demo-proj, location us-east1'],
    ['node accounts derived from two cluster names', (w) => { cluster(w, 'a1', 'analytics-platform-prod-a1'); cluster(w, 'a2', 'analytics-platform-prod-a2'); },
      'platform/a2/NodeServiceAccount: invalid accountId "analytics-platform-prod-nodes": must be unique: platform/a1/NodeServiceAccount already uses'],
    ['two pools of one name', (w) => { w.cluster.addNodePool('p1', { name: 'pool' }); w.cluster.addNodePool('p2', { name: 'pool' }); },
      'platform/cluster/p2: invalid name "pool": must be unique: platform/cluster/p1 already uses the name as node pool of cluster platform/cluster'],
    ['two NATs of one name', (w) => {
      new PrivateNodesNat(w.platform, 'n1', { project: w.project, network: 'default', region: 'us-east1' });
      new PrivateNodesNat(w.platform, 'n2', { project: w.project, network: 'default', region: 'us-east1' });
    }, 'platform/n2: invalid name "private-nodes": must be unique: platform/n1 already uses the name'],
    ['two service accounts of one id', (w) => {
      new WorkloadServiceAccount(w.platform, 's1', { project: w.project, accountId: 'api-runner' });
      new WorkloadServiceAccount(w.platform, 's2', { project: w.project, accountId: 'api-runner' });
    }, 'platform/s2: invalid accountId "api-runner": must be unique: platform/s1 already uses the name as service account id in project demo-proj'],
    ['two meshes of one name', (w) => {
      new ServiceMesh(w.platform, 'm1', { project: w.project, name: 'mesh' });
      new ServiceMesh(w.platform, 'm2', { project: w.project, name: 'mesh' });
    }, 'platform/m2: invalid name "mesh": must be unique: platform/m1 already uses the name as mesh in project demo-proj'],
    ['two CronJobs of one namespace and name', (w) => {
      new WorkloadCronJob(w.workloads, 'j1', { identity: w.server, name: 'job', schedule: '@hourly', image: 'busybox' });
      new WorkloadCronJob(w.workloads, 'j2', { identity: w.server, name: 'job', schedule: '@daily', image: 'busybox' });
    }, 'workloads/j2: invalid name "job": must be unique: workloads/j1 already uses the name as Kubernetes CronJob in namespace default'],
    ['two Deployments of one namespace and name', (w) => {
      const props = { identity: w.server, name: 'app', image: 'busybox', port: 8000, proxyMetadata: { app: 'a' } };
      new MeshWorkload(w.workloads, 'd1', props);
      new MeshWorkload(w.workloads, 'd2', { ...props, service: { name: 'other', negName: 'other-neg' } });
    }, 'workloads/d2: invalid name "app": must be unique: workloads/d1 already uses the name as Kubernetes Deployment in namespace default'],
    ['a NAT name whose NAT name is too long', (w) => {
      new PrivateNodesNat(w.platform, 'n', { project: w.project, network: 'default', region: 'us-east1', name: `a${'b'.repeat(60)}` });
    }, 'must be at most 59 characters: the NAT is named NAME-nat, and Cloud NAT names take at most 63'],
  ])('%s', (_name, build, expected) => {
    expect(errorOf(build)).toContain(expected);
  });

  it('reports every problem of one run together', () => {
    const message = errorOf((w) => {
      cluster(w, 'a', 'same');
      cluster(w, 'b', 'same');
      new StateBucket(w.platform, 'state', { project: w.project, name: 'demo-state', location: 'us-east9', labels: { Team: 'x' } });
    });
    expect(message).toMatch(/^4 input errors:/);
    expect(message).toContain('platform/state: invalid location "us-east9": must be a region that exists');
    expect(message).toContain('platform/state: invalid labels key "Team"');
    expect(message).toContain('platform/b/NodeServiceAccount: invalid accountId "same-nodes": must be unique');
  });
});

describe('locations', () => {
  it('refuses a region that does not exist, and accepts it with a warning when the app context lists it', () => {
    const build = (w: World) => new WorkloadIdentityCluster(w.platform, 'c', { project: w.project, name: 'c', location: 'us-east9' });
    expect(errorOf(build)).toContain('platform/c: invalid location "us-east9": must be a region that exists, such as us-east1 ' +
      '(https://cloud.google.com/compute/docs/regions-zones). Fix: use a listed region, or, for a region opened after this release, ' +
      'add it to the app context "cdktf-gke-secure-mesh:additionalLocations"');
    expect(errorOf(build, { 'cdktf-gke-secure-mesh:additionalLocations': ['us-east9'] })).toBe('');
  });
  it('knows the regions and zones Google lists, such as asia-southeast3 (Bangkok)', () => {
    expect(errorOf((w) => new WorkloadIdentityCluster(w.platform, 'c', { project: w.project, name: 'c', location: 'asia-southeast3' }))).toBe('');
    expect(errorOf((w) => new WorkloadIdentityCluster(w.platform, 'c', { project: w.project, name: 'c', location: 'asia-southeast3-c', zonal: true }))).toBe('');
  });
  it('refuses a zone of an existing region that does not exist', () => {
    expect(errorOf((w) => new WorkloadIdentityCluster(w.platform, 'c', { project: w.project, name: 'c', location: 'us-east1-a', zonal: true })))
      .toContain('platform/c: invalid location "us-east1-a": must be a zone that exists');
  });
  it('accepts a CA region opened later when the app context lists it, with a warning', () => {
    const ca = (w: World) => new MeshCertificateAuthority(w.platform, 'ca2', {
      project: w.project, location: 'africa-south1', organization: 'Example', root: { poolId: 'r', caId: 'r' }, subordinate: { poolId: 's', caId: 's' },
    });
    expect(errorOf(ca)).toContain('platform/ca2: invalid location "africa-south1": must be a region CA Service supports');
    const w = new World({ 'cdktf-gke-secure-mesh:additionalLocations': ['africa-south1'] });
    const authority = ca(w);
    expect(authority.node.metadata.map((m) => String(m.data))).toContain('location "africa-south1" is not in this library\'s list of locations ' +
      '(https://cloud.google.com/certificate-authority-service/docs/locations); accepted because the app context cdktf-gke-secure-mesh:additionalLocations lists it');
  });
});
