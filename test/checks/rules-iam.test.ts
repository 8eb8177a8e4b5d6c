import { DataGoogleComputeDefaultServiceAccount } from '@cdktf/provider-google/lib/data-google-compute-default-service-account';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { ServiceAccountKey } from '@cdktf/provider-google/lib/service-account-key';
import { IAM_RULES } from '../../lib/checks/rules-iam';
import { SecuritySeverity } from '../../lib/checks/security-finding';
import { coveredIds, describeRuleCases, findingsAt, findingsFor, POOL, RuleCase, TestApp } from './fixtures';

const GRANT = 'google_project_iam_member.grant';
const APP_SA = 'serviceAccount:app@demo-proj.iam.gserviceaccount.com';
const DEFAULT_SA = '123456789012-compute@developer.gserviceaccount.com';

function grant(t: TestApp, role: string, member = APP_SA): void {
  new ProjectIamMember(t.platform, 'grant', { project: 'demo-proj', role, member });
}

function impersonate(t: TestApp, serviceAccountId: string): void {
  new ServiceAccountIamMember(t.platform, 'link', { serviceAccountId, role: 'roles/iam.workloadIdentityUser', member: `serviceAccount:${POOL}[default/app]` });
}

const CASES: RuleCase[] = [
  {
    id: 'IAM-1', name: 'Editor for a service account', address: GRANT,
    fails: (t) => grant(t, 'roles/editor'),
    passes: (t) => grant(t, 'roles/logging.logWriter'),
  },
  {
    id: 'IAM-2', name: 'admin role for a service account', address: GRANT,
    fails: (t) => grant(t, 'roles/storage.admin'),
    passes: (t) => grant(t, 'roles/storage.objectViewer'),
  },
  {
    id: 'IAM-2', name: 'container.admin for a service account (it can run anything as any account)', address: GRANT, severity: SecuritySeverity.ERROR,
    fails: (t) => grant(t, 'roles/container.admin'),
    passes: (t) => grant(t, 'roles/container.developer'),
  },
  {
    id: 'IAM-2', name: 'projectIamAdmin for a service account (it can grant itself owner)', address: GRANT, severity: SecuritySeverity.ERROR,
    fails: (t) => grant(t, 'roles/resourcemanager.projectIamAdmin'),
    passes: (t) => grant(t, 'roles/iam.roleViewer'),
  },
  {
    id: 'IAM-3', name: 'project-level serviceAccountUser', address: GRANT,
    fails: (t) => grant(t, 'roles/iam.serviceAccountUser', 'user:alice@example.com'),
    passes: (t) => grant(t, 'roles/iam.serviceAccountViewer', 'user:alice@example.com'),
  },
  {
    id: 'IAM-3', name: 'project-level workloadIdentityUser', address: GRANT,
    fails: (t) => grant(t, 'roles/iam.workloadIdentityUser', `serviceAccount:${POOL}[default/app]`),
    passes: (t) => grant(t, 'roles/storage.objectViewer', `serviceAccount:${POOL}[default/app]`),
  },
  {
    id: 'IAM-4', name: 'service account key', address: 'google_service_account_key.key',
    fails: (t) => new ServiceAccountKey(t.platform, 'key', { serviceAccountId: new ServiceAccount(t.platform, 'sa', { accountId: 'app-sa' }).name }),
    passes: (t) => new ServiceAccount(t.platform, 'sa', { accountId: 'app-sa' }),
  },
  {
    id: 'IAM-5', name: 'KSA bound to the default compute service account', address: 'google_service_account_iam_member.link',
    fails: (t) => impersonate(t, `projects/demo-proj/serviceAccounts/${DEFAULT_SA}`),
    passes: (t) => impersonate(t, 'projects/demo-proj/serviceAccounts/app@demo-proj.iam.gserviceaccount.com'),
  },
  {
    id: 'IAM-5', name: 'default compute service account from a data source', address: 'google_service_account_iam_member.link',
    fails: (t) => impersonate(t, new DataGoogleComputeDefaultServiceAccount(t.platform, 'default-sa', {}).name),
    passes: (t) => impersonate(t, new ServiceAccount(t.platform, 'sa', { accountId: 'app-sa' }).name),
  },
  {
    id: 'IAM-6', name: 'role for the default compute service account', address: GRANT,
    fails: (t) => grant(t, 'roles/trafficdirector.client', `serviceAccount:${DEFAULT_SA}`),
    passes: (t) => grant(t, 'roles/trafficdirector.client'),
  },
];

describeRuleCases(CASES);

it('covers every IAM rule', () => {
  expect(coveredIds(CASES)).toEqual(IAM_RULES.map((r) => r.id).sort());
});

it('does not apply the service-account rules to people', () => {
  const findings = findingsFor((t) => grant(t, 'roles/owner', 'group:admins@example.com'));
  expect(findingsAt(findings, 'IAM-1', GRANT)).toEqual([]);
});
