import { DataGoogleIamPolicy } from '@cdktf/provider-google/lib/data-google-iam-policy';
import { FolderIamBinding } from '@cdktf/provider-google/lib/folder-iam-binding';
import { FolderIamMember } from '@cdktf/provider-google/lib/folder-iam-member';
import { IamWorkloadIdentityPoolProvider } from '@cdktf/provider-google/lib/iam-workload-identity-pool-provider';
import { OrganizationIamMember } from '@cdktf/provider-google/lib/organization-iam-member';
import { ProjectIamBinding } from '@cdktf/provider-google/lib/project-iam-binding';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ProjectIamPolicy } from '@cdktf/provider-google/lib/project-iam-policy';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { ServiceAccountIamPolicy } from '@cdktf/provider-google/lib/service-account-iam-policy';
import { ServiceAccountKey } from '@cdktf/provider-google/lib/service-account-key';
import { StorageBucketIamBinding } from '@cdktf/provider-google/lib/storage-bucket-iam-binding';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { POOL, TestApp } from '../fixtures';
import { CorpusCase } from './corpus-case';

export const SA = 'serviceAccount:ci@demo-proj.iam.gserviceaccount.com';
const SA_ID = 'projects/demo-proj/serviceAccounts/deployer@demo-proj.iam.gserviceaccount.com';
const POOLS = 'principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools';

export const member = (t: TestApp, role: string, who: string) => new ProjectIamMember(t.platform, 'grant', { project: 'demo-proj', role, member: who });

function policy(t: TestApp, role: string, members: string[]): void {
  const data = new DataGoogleIamPolicy(t.platform, 'policy-data', { binding: [{ role, members }] });
  new ProjectIamPolicy(t.platform, 'policy', { project: 'demo-proj', policyData: data.policyData });
}

export function provider(t: TestApp, fields: Record<string, unknown>): void {
  new IamWorkloadIdentityPoolProvider(t.platform, 'provider', {
    workloadIdentityPoolId: 'ci', workloadIdentityPoolProviderId: 'github',
    attributeMapping: { 'google.subject': 'assertion.sub', 'attribute.repository': 'assertion.repository' },
    oidc: { issuerUri: 'https://token.actions.githubusercontent.com' },
    ...fields,
  });
}

export const saGrant = (t: TestApp, role: string, who: string) => new ServiceAccountIamMember(t.platform, 'sa-grant', { serviceAccountId: SA_ID, role, member: who });

/** IAM grants at every level, authoritative policies and bindings read like members. */
export const IAM_CASES: CorpusCase[] = [
  { name: 'owner for a service account', category: 'IAM', caughtBy: ['IAM-1'], critical: true, build: (t) => member(t, 'roles/owner', SA) },
  { name: 'editor for a user', category: 'IAM', caughtBy: ['IAM-7'], build: (t) => member(t, 'roles/editor', 'user:alice@example.com') },
  { name: 'owner for a group', category: 'IAM', caughtBy: ['IAM-7'], critical: true, build: (t) => member(t, 'roles/owner', 'group:devs@example.com') },
  { name: 'organization-level grant', category: 'IAM', caughtBy: ['IAM-8'], build: (t) => new OrganizationIamMember(t.platform, 'org', { orgId: '1234', role: 'roles/viewer', member: 'group:all@example.com' }) },
  { name: 'folder-level grant', category: 'IAM', caughtBy: ['IAM-8'], build: (t) => new FolderIamMember(t.platform, 'folder', { folder: 'folders/1', role: 'roles/compute.viewer', member: 'group:all@example.com' }) },
  { name: 'serviceAccountUser on the project for a user', category: 'IAM', caughtBy: ['IAM-3'], critical: true, build: (t) => member(t, 'roles/iam.serviceAccountUser', 'user:bob@example.com') },
  { name: 'serviceAccountTokenCreator on a folder (binding)', category: 'IAM', caughtBy: ['IAM-3'], critical: true, build: (t) => new FolderIamBinding(t.platform, 'fb', { folder: 'folders/1', role: 'roles/iam.serviceAccountTokenCreator', members: ['group:ops@example.com'] }) },
  { name: 'container.admin for a service account', category: 'IAM', caughtBy: ['IAM-2'], critical: true, build: (t) => member(t, 'roles/container.admin', SA) },
  { name: 'projectIamAdmin for a service account', category: 'IAM', caughtBy: ['IAM-2'], critical: true, build: (t) => member(t, 'roles/resourcemanager.projectIamAdmin', SA) },
  { name: 'allUsers on a bucket', category: 'IAM', caughtBy: ['IAM-9'], critical: true, build: (t) => new StorageBucketIamMember(t.platform, 'b', { bucket: 'b', role: 'roles/storage.objectViewer', member: 'allUsers' }) },
  { name: 'allAuthenticatedUsers on the project', category: 'IAM', caughtBy: ['IAM-9'], critical: true, build: (t) => member(t, 'roles/viewer', 'allAuthenticatedUsers') },
  { name: 'editor in an authoritative project policy', category: 'IAM', caughtBy: ['IAM-7'], critical: true, build: (t) => policy(t, 'roles/editor', ['group:devs@example.com']) },
  { name: 'owner for a service account in a project binding', category: 'IAM', caughtBy: ['IAM-1'], critical: true, build: (t) => new ProjectIamBinding(t.platform, 'pb', { project: 'demo-proj', role: 'roles/owner', members: [SA] }) },
  { name: 'service account key', category: 'IAM', caughtBy: ['IAM-4'], critical: true, build: (t) => new ServiceAccountKey(t.platform, 'key', { serviceAccountId: SA_ID }) },
  { name: 'security admin for a whole domain', category: 'IAM', caughtBy: ['IAM-10'], critical: true, build: (t) => member(t, 'roles/iam.securityAdmin', 'domain:example.com') },
  { name: 'role for the default compute account', category: 'IAM', caughtBy: ['IAM-6'], build: (t) => member(t, 'roles/storage.objectViewer', 'serviceAccount:123456789012-compute@developer.gserviceaccount.com') },
  { name: 'workloadIdentityUser on the whole project', category: 'IAM', caughtBy: ['IAM-3'], critical: true, build: (t) => member(t, 'roles/iam.workloadIdentityUser', `serviceAccount:${POOL}[shop/app]`) },
  { name: 'storage.admin for a service account', category: 'IAM', caughtBy: ['IAM-2'], build: (t) => member(t, 'roles/storage.admin', SA) },
  { name: 'allUsers in a bucket binding', category: 'IAM', caughtBy: ['IAM-9'], critical: true, build: (t) => new StorageBucketIamBinding(t.platform, 'bb', { bucket: 'b', role: 'roles/storage.objectAdmin', members: ['allUsers'] }) },
  {
    name: 'serviceAccountTokenCreator to allAuthenticatedUsers in a service account policy', category: 'IAM', caughtBy: ['IAM-9'], critical: true,
    build: (t) => {
      const data = new DataGoogleIamPolicy(t.platform, 'sa-policy-data', { binding: [{ role: 'roles/iam.serviceAccountTokenCreator', members: ['allAuthenticatedUsers'] }] });
      new ServiceAccountIamPolicy(t.platform, 'sa-policy', { serviceAccountId: SA_ID, policyData: data.policyData });
    },
  },
];

/** External identities: providers without conditions, grants over whole pools. */
export const FEDERATION_CASES: CorpusCase[] = [
  { name: 'OIDC provider without attribute_condition', category: 'federation', caughtBy: ['WIF-1'], critical: true, build: (t) => provider(t, {}) },
  { name: 'SAML provider without attribute_condition', category: 'federation', caughtBy: ['WIF-1'], critical: true, build: (t) => provider(t, { oidc: undefined, saml: { idpMetadataXml: '<x/>' } }) },
  { name: 'GitHub provider whose condition names no repository', category: 'federation', caughtBy: ['WIF-1'], critical: true, build: (t) => provider(t, { attributeCondition: 'assertion.ref == "refs/heads/main"' }) },
  { name: 'grant to every identity of an external pool', category: 'federation', caughtBy: ['WIF-2'], critical: true, build: (t) => saGrant(t, 'roles/iam.workloadIdentityUser', `${POOLS}/ci/*`) },
  { name: 'grant to every workload of the GKE pool', category: 'federation', caughtBy: ['WIF-2'], build: (t) => member(t, 'roles/storage.objectViewer', `${POOLS}/${POOL}/*`) },
  { name: 'AWS provider with attribute_condition "true"', category: 'federation', caughtBy: ['WIF-1'], critical: true, build: (t) => provider(t, { oidc: undefined, aws: { accountId: '999999999999' }, attributeCondition: 'true' }) },
];
