import { TerraformVariable, Testing } from 'cdktf';
import { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Grant, WorkloadPrincipal, WorkloadPrincipalSet } from '../../lib';
import { newStack, onlyResource, resourcesOf, synth } from '../helpers';
import { platformAndWorkloads, principalOf, project } from './fixtures';

const reader = new WorkloadPrincipal({ project, namespace: 'apps', serviceAccountName: 'reader' });

describe('Grant', () => {
  it('grants a project role with one google_project_iam_member', () => {
    const { stack } = newStack();
    Grant.onProject(stack, 'viewer', { grantee: reader, project: 'demo-proj', role: 'roles/container.clusterViewer' });
    expect(onlyResource(synth(stack), 'google_project_iam_member'))
      .toEqual({ project: 'demo-proj', role: 'roles/container.clusterViewer', member: principalOf('apps', 'reader') });
  });
  it('grants on a bucket and an Artifact Registry repository', () => {
    const { stack } = newStack();
    Grant.onBucket(stack, 'bucket', { grantee: reader, bucket: 'demo-bucket', role: 'roles/storage.objectViewer' });
    Grant.onRepository(stack, 'repo', { grantee: reader, project: 'demo-proj', location: 'us-east1', repository: 'apps', role: 'roles/artifactregistry.reader' });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(StorageBucketIamMember, { bucket: 'demo-bucket', member: principalOf('apps', 'reader') });
    expect(out).toHaveResourceWithProperties(ArtifactRegistryRepositoryIamMember, {
      project: 'demo-proj', location: 'us-east1', repository: 'apps', role: 'roles/artifactregistry.reader', member: principalOf('apps', 'reader'),
    });
  });
  it('gives any *_iam_member a checked role and member to spread', () => {
    const { stack } = newStack();
    new SecretManagerSecretIamMember(stack, 'secret', { secretId: 'db-password', ...Grant.binding(stack, reader, 'roles/secretmanager.secretAccessor') });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(SecretManagerSecretIamMember, {
      secret_id: 'db-password', role: 'roles/secretmanager.secretAccessor', member: principalOf('apps', 'reader'),
    });
    expect(Grant.binding(stack, reader, 'roles/secretmanager.secretAccessor').dependsOn).toBeUndefined();
  });
  it('accepts custom roles', () => {
    const { stack } = newStack();
    expect(Grant.binding(stack, reader, 'projects/demo-proj/roles/projectDescriber').role).toBe('projects/demo-proj/roles/projectDescriber');
    expect(Grant.binding(stack, reader, 'organizations/123/roles/auditor').role).toBe('organizations/123/roles/auditor');
  });
  it('makes a grant in the cluster\'s stack wait for the cluster', () => {
    const { platform, cluster } = platformAndWorkloads();
    const binding = Grant.binding(platform, WorkloadPrincipalSet.cluster(cluster), 'roles/storage.objectViewer');
    expect(binding.dependsOn).toEqual([cluster.resource]);
  });
  it.each(['roles/owner', 'roles/editor', 'roles/viewer'])('refuses the primitive role %s', (role) => {
    const { stack } = newStack();
    expect(() => Grant.onProject(stack, 'g', { grantee: reader, project: 'demo-proj', role }))
      .toThrow(`stack: invalid role "${role}": must not be a primitive role (roles/owner, roles/editor, roles/viewer)`);
  });
  it.each([
    ['storage.objectViewer', 'invalid role "storage.objectViewer": must be an IAM role such as roles/storage.objectViewer'],
    ['roles/', 'invalid role "roles/": must be an IAM role'],
    ['projects/Demo/roles/x', 'invalid role "projects/Demo/roles/x": must be an IAM role'],
  ])('refuses the malformed role %s', (role, message) => {
    const { stack } = newStack();
    expect(() => Grant.binding(stack, reader, role)).toThrow(`stack: ${message}`);
  });
  it('accepts dotted and underscored bucket names and an unresolved bucket', () => {
    const { stack } = newStack();
    Grant.onBucket(stack, 'dotted', { grantee: reader, bucket: 'reports.example.com', role: 'roles/storage.objectViewer' });
    Grant.onBucket(stack, 'underscored', { grantee: reader, bucket: 'demo_proj_reports', role: 'roles/storage.objectViewer' });
    const bucket = new TerraformVariable(stack, 'bucket', { type: 'string' }).stringValue;
    Grant.onBucket(stack, 'token', { grantee: reader, bucket, role: 'roles/storage.objectViewer' });
    expect(resourcesOf(synth(stack), 'google_storage_bucket_iam_member').map((r) => r.bucket))
      .toEqual(['reports.example.com', '${var.bucket}', 'demo_proj_reports']); // sorted by construct id
  });
  it('refuses a role given as the bucket, as when a grant helper gets its arguments in the old order', () => {
    const { stack } = newStack();
    // grantBucketRole(bucket.name, role) written before the helpers took the role first: the bucket is a token.
    const bucket = new TerraformVariable(stack, 'bucket', { type: 'string' }).stringValue;
    expect(() => Grant.onBucket(stack, 'swapped', { grantee: reader, bucket: 'roles/storage.objectViewer', role: bucket }))
      .toThrow('stack: invalid bucket "roles/storage.objectViewer": is an IAM role, not a bucket name: give the role as role and the bucket name as bucket '
        + "(grantBucketRole takes the role first: grantBucketRole('roles/storage.objectViewer', bucketName))");
  });
  it.each(['gs://demo-bucket', 'Demo-Bucket', 'ab', `${'a'.repeat(64)}`, `${'a'.repeat(64)}.example.com`])('refuses the malformed bucket name %s', (bucket) => {
    const { stack } = newStack();
    expect(() => Grant.onBucket(stack, 'b', { grantee: reader, bucket, role: 'roles/storage.objectViewer' }))
      .toThrow(`stack: invalid bucket "${bucket}": must be a bucket name without gs://`);
  });
  it('refuses a malformed project id', () => {
    const { stack } = newStack();
    expect(() => Grant.onProject(stack, 'g', { grantee: reader, project: 'Demo_Proj', role: 'roles/browser' }))
      .toThrow('stack: invalid project "Demo_Proj": must be 6-30 characters');
  });
});
