import { Testing } from 'cdktf';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { Grant, WorkloadPrincipalSet } from '../../lib';
import { newStack } from '../helpers';
import { platformAndWorkloads, project } from './fixtures';

const POOL = 'principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/demo-proj.svc.id.goog';

describe('WorkloadPrincipalSet', () => {
  it('names every pod of a namespace', () => {
    const { stack } = newStack();
    const set = WorkloadPrincipalSet.namespace(project, 'payments');
    expect(set.identifier(stack)).toBe(`${POOL}/namespace/payments`);
    expect(set.description).toBe('namespace payments');
  });
  it('names every pod of one cluster by its container API URL', () => {
    const { platform, cluster } = platformAndWorkloads();
    expect(WorkloadPrincipalSet.cluster(cluster).identifier(platform))
      .toBe(`${POOL}/kubernetes.cluster/https://container.googleapis.com/v1/projects/demo-proj/locations/us-east1/clusters/wi-cluster`);
  });
  it('names every identity of the pool', () => {
    const { stack } = newStack();
    expect(WorkloadPrincipalSet.pool(project).grantMember(stack)).toBe(`${POOL}/*`);
  });
  it('makes a grant to a cluster set wait for the cluster in the cluster\'s stack only', () => {
    const { platform, workloads, cluster } = platformAndWorkloads();
    const set = WorkloadPrincipalSet.cluster(cluster);
    expect(set.grantDependencies(platform)).toEqual([cluster.resource]);
    expect(set.grantDependencies(workloads)).toEqual([]);
    Grant.onProject(platform, 'viewers', { grantee: set, project: 'demo-proj', role: 'roles/container.clusterViewer' });
    expect(Testing.synth(platform)).toHaveResourceWithProperties(ProjectIamMember, {
      member: expect.stringContaining('/kubernetes.cluster/'),
      depends_on: [expect.stringMatching(/^google_container_cluster\.cluster_[0-9A-F]{8}$/)],
    });
  });
  it('waits for nothing for namespace and pool sets', () => {
    const { stack } = newStack();
    expect(WorkloadPrincipalSet.namespace(project, 'a').grantDependencies(stack)).toEqual([]);
    expect(WorkloadPrincipalSet.pool(project).grantDependencies(stack)).toEqual([]);
  });
  it('refuses a namespace that is not a DNS-1123 label', () => {
    expect(() => WorkloadPrincipalSet.namespace(project, 'my_ns'))
      .toThrow('WorkloadPrincipalSet.namespace: invalid namespace "my_ns": must be a DNS-1123 label');
  });
});
