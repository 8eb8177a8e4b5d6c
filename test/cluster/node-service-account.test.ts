import { Testing } from 'cdktf';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { ArtifactRegistryAccess, GcpProject, Grant, NodeServiceAccount, NodeServiceAccountProps } from '../../lib';
import { newStack, resourcesOf, synth } from '../helpers';

const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });

function sa(props: Partial<NodeServiceAccountProps>) {
  const { stack } = newStack();
  const account = new NodeServiceAccount(stack, 'node-sa', { project, ...props });
  return { stack, account, json: synth(stack) };
}

const projectRoles = (json: ReturnType<typeof synth>) => resourcesOf(json, 'google_project_iam_member').map((m) => m.role).sort();

describe('NodeServiceAccount', () => {
  it('is a grantee like any other identity', () => {
    const { stack } = newStack();
    const account = new NodeServiceAccount(stack, 'node-sa', { project, existingEmail: 'nodes@demo-proj.iam.gserviceaccount.com' });
    const grant = Grant.onBucket(stack, 'images', { grantee: account, bucket: 'demo-images', role: 'roles/storage.objectViewer' });
    expect(resourcesOf(synth(stack), 'google_storage_bucket_iam_member')).toEqual([expect.objectContaining({
      bucket: 'demo-images', role: 'roles/storage.objectViewer', member: 'serviceAccount:nodes@demo-proj.iam.gserviceaccount.com',
    })]);
    expect(grant.dependsOn).toBeUndefined();
  });
  it('grants exactly the least-privilege roles to a new account', () => {
    const { json } = sa({ accountId: 'gke-nodes' });
    expect(resourcesOf(json, 'google_service_account')).toEqual([expect.objectContaining({ account_id: 'gke-nodes', project: 'demo-proj' })]);
    expect(projectRoles(json)).toEqual(['roles/logging.logWriter', 'roles/monitoring.metricWriter', 'roles/monitoring.viewer']);
    for (const member of resourcesOf(json, 'google_project_iam_member')) {
      expect(member.member).toMatch(/^serviceAccount:\$\{google_service_account\.node-sa_[0-9A-F]{8}\.email\}$/);
    }
  });
  it('adds artifactregistry.reader project-wide only when asked', () => {
    expect(projectRoles(sa({ accountId: 'gke-nodes', artifactRegistryAccess: ArtifactRegistryAccess.PROJECT }).json))
      .toContain('roles/artifactregistry.reader');
  });
  it('grants artifactregistry.reader on named repositories only', () => {
    const { stack, json } = sa({
      accountId: 'gke-nodes',
      artifactRegistryAccess: ArtifactRegistryAccess.repositories([{ location: 'us-east1', repository: 'apps' }]),
    });
    expect(projectRoles(json)).not.toContain('roles/artifactregistry.reader');
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ArtifactRegistryRepositoryIamMember, {
      project: 'demo-proj', location: 'us-east1', repository: 'apps', role: 'roles/artifactregistry.reader',
    });
  });
  it('adopts an existing account without creating one', () => {
    const { json, account } = sa({ existingEmail: 'nodes@demo-proj.iam.gserviceaccount.com' });
    expect(resourcesOf(json, 'google_service_account')).toHaveLength(0);
    expect(account.iamMember).toBe('serviceAccount:nodes@demo-proj.iam.gserviceaccount.com');
    expect(projectRoles(json)).toHaveLength(3);
  });
  it.each([
    [{ accountId: 'short' }, /stack\/node-sa: invalid accountId "short": must be 6-30 characters/],
    [{ accountId: 'gke_nodes' }, /invalid accountId "gke_nodes"/],
    [{}, /invalid accountId undefined: is required when existingEmail is not given/],
    [{ existingEmail: 'not-an-email' }, /invalid existingEmail "not-an-email": must be an e-mail address/],
    [{ accountId: 'gke-nodes', existingEmail: 'a@b.iam.gserviceaccount.com' }, /give either accountId \(create\) or existingEmail \(adopt\)/],
    [{ existingEmail: '123456789012-compute@developer.gserviceaccount.com' },
      /stack\/node-sa: invalid existingEmail "123456789012-compute@developer.gserviceaccount.com": must not be the default Compute Engine/],
  ])('refuses %o', (props, message) => {
    expect(() => sa(props)).toThrow(message);
  });
});
