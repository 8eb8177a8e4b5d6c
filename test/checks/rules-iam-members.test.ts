import { DataGoogleIamPolicy } from '@cdktf/provider-google/lib/data-google-iam-policy';
import { FolderIamMember } from '@cdktf/provider-google/lib/folder-iam-member';
import { OrganizationIamMember } from '@cdktf/provider-google/lib/organization-iam-member';
import { ProjectIamBinding } from '@cdktf/provider-google/lib/project-iam-binding';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ProjectIamPolicy } from '@cdktf/provider-google/lib/project-iam-policy';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { SecuritySeverity } from '../../lib';
import { IAM_MEMBER_RULES } from '../../lib/checks/rules-iam-members';
import { coveredIds, describeRuleCases, RuleCase, TestApp } from './fixtures';

const GRANT = 'google_project_iam_member.grant';
const APP_SA = 'serviceAccount:app@demo-proj.iam.gserviceaccount.com';

function grant(t: TestApp, role: string, member: string): void {
  new ProjectIamMember(t.platform, 'grant', { project: 'demo-proj', role, member });
}

function policy(t: TestApp, role: string, members: string[]): void {
  const data = new DataGoogleIamPolicy(t.platform, 'policy-data', { binding: [{ role, members }] });
  new ProjectIamPolicy(t.platform, 'policy', { project: 'demo-proj', policyData: data.policyData });
}

const CASES: RuleCase[] = [
  {
    id: 'IAM-7', name: 'owner for a group', address: GRANT,
    fails: (t) => grant(t, 'roles/owner', 'group:devs@example.com'),
    passes: (t) => grant(t, 'roles/container.developer', 'group:devs@example.com'),
  },
  {
    id: 'IAM-7', name: 'editor for one user', address: GRANT, severity: SecuritySeverity.WARNING,
    fails: (t) => grant(t, 'roles/editor', 'user:alice@example.com'),
    passes: (t) => grant(t, 'roles/viewer', 'user:alice@example.com'),
  },
  {
    id: 'IAM-7', name: 'editor in an authoritative project policy (data.google_iam_policy)', address: 'google_project_iam_policy.policy',
    fails: (t) => policy(t, 'roles/editor', ['group:devs@example.com']),
    passes: (t) => policy(t, 'roles/container.developer', ['group:devs@example.com']),
  },
  {
    id: 'IAM-8', name: 'grant on the organization', address: 'google_organization_iam_member.org',
    fails: (t) => new OrganizationIamMember(t.platform, 'org', { orgId: '123456789', role: 'roles/browser', member: 'group:devs@example.com' }),
    passes: (t) => grant(t, 'roles/browser', 'group:devs@example.com'),
  },
  {
    id: 'IAM-8', name: 'grant on a folder', address: 'google_folder_iam_member.folder',
    fails: (t) => new FolderIamMember(t.platform, 'folder', { folder: 'folders/42', role: 'roles/browser', member: 'group:devs@example.com' }),
    passes: (t) => grant(t, 'roles/browser', 'group:devs@example.com'),
  },
  {
    id: 'IAM-9', name: 'allUsers on a bucket', address: 'google_storage_bucket_iam_member.public',
    fails: (t) => new StorageBucketIamMember(t.platform, 'public', { bucket: 'b', role: 'roles/storage.objectViewer', member: 'allUsers' }),
    passes: (t) => new StorageBucketIamMember(t.platform, 'public', { bucket: 'b', role: 'roles/storage.objectViewer', member: APP_SA }),
  },
  {
    id: 'IAM-9', name: 'allAuthenticatedUsers in a project binding', address: 'google_project_iam_binding.binding',
    fails: (t) => new ProjectIamBinding(t.platform, 'binding', { project: 'demo-proj', role: 'roles/viewer', members: ['allAuthenticatedUsers'] }),
    passes: (t) => new ProjectIamBinding(t.platform, 'binding', { project: 'demo-proj', role: 'roles/viewer', members: ['group:auditors@example.com'] }),
  },
  {
    id: 'IAM-10', name: 'admin role for a person on the project', address: GRANT,
    fails: (t) => grant(t, 'roles/container.admin', 'user:alice@example.com'),
    passes: (t) => grant(t, 'roles/container.developer', 'user:alice@example.com'),
  },
  {
    id: 'IAM-10', name: 'admin role for a whole domain', address: GRANT, severity: SecuritySeverity.ERROR,
    fails: (t) => grant(t, 'roles/iam.securityAdmin', 'domain:example.com'),
    passes: (t) => grant(t, 'roles/iam.securityReviewer', 'domain:example.com'),
  },
];

describeRuleCases(CASES);

describeRuleCases([
  {
    id: 'IAM-3', name: 'serviceAccountTokenCreator on the organization', address: 'google_organization_iam_member.org',
    fails: (t) => new OrganizationIamMember(t.platform, 'org', { orgId: '123456789', role: 'roles/iam.serviceAccountTokenCreator', member: 'user:alice@example.com' }),
    passes: (t) => new OrganizationIamMember(t.platform, 'org', { orgId: '123456789', role: 'roles/iam.serviceAccountViewer', member: 'user:alice@example.com' }),
  },
  {
    id: 'IAM-1', name: 'owner for a service account in an authoritative policy', address: 'google_project_iam_policy.policy',
    fails: (t) => policy(t, 'roles/owner', [APP_SA]),
    passes: (t) => policy(t, 'roles/logging.logWriter', [APP_SA]),
  },
  {
    id: 'IAM-2', name: 'projectIamAdmin for a service account on a folder', address: 'google_folder_iam_member.folder', severity: SecuritySeverity.ERROR,
    fails: (t) => new FolderIamMember(t.platform, 'folder', { folder: 'folders/42', role: 'roles/resourcemanager.projectIamAdmin', member: APP_SA }),
    passes: (t) => new FolderIamMember(t.platform, 'folder', { folder: 'folders/42', role: 'roles/resourcemanager.folderViewer', member: APP_SA }),
  },
]);

it('has cases for every IAM member rule', () => {
  expect(coveredIds(CASES)).toEqual(IAM_MEMBER_RULES.map((r) => r.id).sort());
});
