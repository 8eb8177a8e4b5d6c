import { IamWorkloadIdentityPoolProvider, IamWorkloadIdentityPoolProviderConfig } from '@cdktf/provider-google/lib/iam-workload-identity-pool-provider';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { SecuritySeverity } from '../../lib';
import { FEDERATION_RULES } from '../../lib/checks/rules-federation';
import { coveredIds, describeRuleCases, POOL, RuleCase, TestApp } from './fixtures';

const PROVIDER = 'google_iam_workload_identity_pool_provider.github';
const GRANT = 'google_service_account_iam_member.grant';
const GITHUB = 'https://token.actions.githubusercontent.com';

function provider(t: TestApp, overrides: Partial<IamWorkloadIdentityPoolProviderConfig>): void {
  new IamWorkloadIdentityPoolProvider(t.platform, 'github', {
    workloadIdentityPoolId: 'ci', workloadIdentityPoolProviderId: 'github',
    attributeMapping: { 'google.subject': 'assertion.sub', 'attribute.repository': 'assertion.repository' },
    oidc: { issuerUri: GITHUB },
    ...overrides,
  });
}

function grant(t: TestApp, member: string): void {
  new ServiceAccountIamMember(t.platform, 'grant', {
    serviceAccountId: 'projects/demo-proj/serviceAccounts/deployer@demo-proj.iam.gserviceaccount.com', role: 'roles/iam.workloadIdentityUser', member,
  });
}

const POOLS = 'principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools';

const CASES: RuleCase[] = [
  {
    id: 'WIF-1', name: 'OIDC provider without attribute_condition', address: PROVIDER,
    fails: (t) => provider(t, {}),
    passes: (t) => provider(t, { attributeCondition: 'assertion.repository == "example-org/infra"' }),
  },
  {
    id: 'WIF-1', name: 'SAML provider without attribute_condition', address: PROVIDER,
    fails: (t) => provider(t, { oidc: undefined, saml: { idpMetadataXml: '<xml/>' } }),
    passes: (t) => provider(t, { oidc: undefined, saml: { idpMetadataXml: '<xml/>' }, attributeCondition: '"admins" in assertion.groups' }),
  },
  {
    id: 'WIF-1', name: 'GitHub provider whose condition names no repository', address: PROVIDER,
    fails: (t) => provider(t, { attributeCondition: 'assertion.ref == "refs/heads/main"' }),
    passes: (t) => provider(t, { attributeCondition: 'assertion.repository_owner == "example-org" && assertion.ref == "refs/heads/main"' }),
  },
  {
    id: 'WIF-2', name: 'grant to every identity of an external pool', address: GRANT,
    fails: (t) => grant(t, `${POOLS}/ci/*`),
    passes: (t) => grant(t, `${POOLS}/ci/attribute.repository/example-org/infra`),
  },
  {
    id: 'WIF-2', name: 'grant to every workload of the GKE pool', address: GRANT, severity: SecuritySeverity.WARNING,
    fails: (t) => grant(t, `${POOLS}/${POOL}/*`),
    passes: (t) => grant(t, `${POOLS}/${POOL}/namespace/shop`),
  },
];

describeRuleCases(CASES);

it('has cases for every federation rule', () => {
  expect(coveredIds(CASES)).toEqual(FEDERATION_RULES.map((r) => r.id).sort());
});
