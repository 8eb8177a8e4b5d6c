import { Testing } from 'cdktf';
import { IamWorkloadIdentityPoolProvider } from '@cdktf/provider-google/lib/iam-workload-identity-pool-provider';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { CiPlatform, DeployerIdentity, DeployerIdentityProps, GcpProject, ProjectServices } from '../../lib';
import { newStack, onlyResource, resourcesOf, synth } from '../helpers';

const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });
const repository = 'example-org/platform-infra';

function deployer(props: Partial<DeployerIdentityProps> = {}) {
  const { app, stack } = newStack('bootstrap');
  const identity = new DeployerIdentity(stack, 'deployer', { project, repository, ...props });
  return { app, stack, identity, json: synth(stack) };
}

describe('DeployerIdentity: pool, provider and condition', () => {
  it('creates a pool and a GitHub OIDC provider pinned to the repository', () => {
    const { json, identity } = deployer();
    expect(onlyResource(json, 'google_iam_workload_identity_pool')).toMatchObject({
      project: 'demo-proj', workload_identity_pool_id: 'ci-deployer', display_name: 'Keyless CI deploys',
    });
    const provider = onlyResource(json, 'google_iam_workload_identity_pool_provider');
    expect(provider).toMatchObject({
      project: 'demo-proj',
      workload_identity_pool_provider_id: 'github-actions',
      attribute_condition: "assertion.repository == 'example-org/platform-infra'",
      attribute_mapping: { 'google.subject': 'assertion.sub', 'attribute.repository': 'assertion.repository' },
      oidc: { issuer_uri: 'https://token.actions.githubusercontent.com' },
    });
    expect(provider.workload_identity_pool_id).toMatch(/^\$\{google_iam_workload_identity_pool\.deployer_Pool_[0-9A-F]{8}\.workload_identity_pool_id\}$/);
    expect(provider.oidc).not.toHaveProperty('allowed_audiences');
    expect(identity.attributeCondition).toBe(provider.attribute_condition);
  });
  it('pins branch, environment and repository id when given', () => {
    const { stack } = deployer({ branch: 'main', environment: 'production', repositoryId: '987654321' });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(IamWorkloadIdentityPoolProvider, {
      attribute_condition: "assertion.repository == 'example-org/platform-infra' && assertion.repository_id == '987654321' && " +
        "assertion.ref == 'refs/heads/main' && assertion.environment == 'production'",
    });
  });
  it('uses the CI platform, pool, provider and account ids given', () => {
    const { json, identity } = deployer({
      ci: CiPlatform.GITLAB, repository: 'infra/platform', poolId: 'deploys', providerId: 'gitlab-com', accountId: 'infra-deployer',
    });
    expect(onlyResource(json, 'google_iam_workload_identity_pool_provider')).toMatchObject({
      workload_identity_pool_provider_id: 'gitlab-com',
      attribute_condition: "assertion.project_path == 'infra/platform'",
      oidc: { issuer_uri: 'https://gitlab.com' },
    });
    expect(identity.email).toBe('infra-deployer@demo-proj.iam.gserviceaccount.com');
    expect(identity.principalSet).toBe(
      'principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/deploys/attribute.repository/infra/platform');
    expect(identity.workloadIdentityProviderName).toBe('projects/123456789012/locations/global/workloadIdentityPools/deploys/providers/gitlab-com');
  });
  it('passes a generic issuer\'s audiences', () => {
    const ci = CiPlatform.oidc({ name: 'forgejo', issuerUri: 'https://code.example.com', allowedAudiences: ['gcp-deploys'] });
    expect(onlyResource(deployer({ ci }).json, 'google_iam_workload_identity_pool_provider').oidc)
      .toEqual({ issuer_uri: 'https://code.example.com', allowed_audiences: ['gcp-deploys'] });
  });
});

describe('DeployerIdentity: the deployer service account', () => {
  it('is impersonable by the repository principal set only, after the provider exists, and has no key', () => {
    const { json, identity } = deployer();
    expect(onlyResource(json, 'google_service_account')).toMatchObject({ account_id: 'cdktf-deployer', project: 'demo-proj' });
    const binding = onlyResource(json, 'google_service_account_iam_member');
    expect(binding).toMatchObject({
      role: 'roles/iam.workloadIdentityUser',
      member: 'principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci-deployer/attribute.repository/example-org/platform-infra',
    });
    expect(binding.service_account_id).toMatch(/^\$\{google_service_account\.deployer_[0-9A-F]{8}\.name\}$/);
    expect(binding.depends_on).toEqual([expect.stringMatching(/^google_iam_workload_identity_pool_provider\.deployer_Provider_/)]);
    expect(resourcesOf(json, 'google_service_account_key')).toHaveLength(0);
    expect(resourcesOf(json, 'google_project_iam_member')).toHaveLength(0);
    expect(identity.iamMember).toBe('serviceAccount:cdktf-deployer@demo-proj.iam.gserviceaccount.com');
  });
  it('outputs what the CI authentication step needs', () => {
    const outputs = Object.values(deployer().json.output ?? {}) as { value: string }[];
    expect(outputs.map((o) => o.value).sort()).toEqual([
      'cdktf-deployer@demo-proj.iam.gserviceaccount.com',
      'projects/123456789012/locations/global/workloadIdentityPools/ci-deployer/providers/github-actions',
    ]);
  });
  it('looks the project number up when it is not given', () => {
    const { json } = deployer({ project: new GcpProject({ id: 'demo-proj' }) });
    expect(onlyResource(json, 'google_service_account_iam_member').member).toMatch(
      /^principalSet:\/\/iam\.googleapis\.com\/projects\/\$\{data\.google_project\.gcp-project-demo-proj\.number\}\/locations\/global\//);
    expect(Object.values(json.output ?? {}).map((o) => (o as { value: string }).value)).toContainEqual(
      expect.stringMatching(/^\$\{google_iam_workload_identity_pool_provider\.deployer_Provider_[0-9A-F]{8}\.name\}$/));
  });
  it('prints who can impersonate it', () => {
    const { identity } = deployer();
    expect(identity.node.metadata.filter((m) => m.type === '@cdktf/info').map((m) => m.data)).toEqual([
      expect.stringMatching(/^impersonable only by principalSet:\/\/.*\/attribute\.repository\/example-org\/platform-infra .*when assertion\.repository == 'example-org\/platform-infra'$/),
    ]);
  });
  it('waits for the APIs and is a grantee of library grants', () => {
    const { stack } = newStack('bootstrap');
    const apis = new ProjectServices(stack, 'apis', { project, services: DeployerIdentity.REQUIRED_SERVICES });
    const identity = new DeployerIdentity(stack, 'deployer', { project, repository, apis });
    expect(onlyResource(synth(stack), 'google_iam_workload_identity_pool').depends_on).toHaveLength(4);
    expect(identity.grantMember(stack)).toBe(identity.iamMember);
    expect(identity.grantDependencies(stack)).toEqual([identity.serviceAccount]);
    expect(identity.grantDependencies(newStack('other').stack)).toEqual([]);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ServiceAccountIamMember, { role: 'roles/iam.workloadIdentityUser' });
  });
});

describe('DeployerIdentity: bad input', () => {
  it.each([
    [{ repository: '' }, /bootstrap\/deployer: invalid repository "": is required: a provider without an attribute condition accepts every repository/],
    [{ repository: undefined }, /bootstrap\/deployer: invalid repository undefined: is required/],
    [{ repository: 'platform-infra' }, /bootstrap\/deployer: invalid repository "platform-infra": must be OWNER\/REPO/],
    [{ repository: 'https://github.com/example-org/platform-infra' }, /bootstrap\/deployer: invalid repository "https:\/\/github\.com\/example-org\/platform-infra": must be OWNER\/REPO/],
    [{ branch: 'refs heads' }, /bootstrap\/deployer: invalid branch "refs heads": must be a branch name/],
    [{ poolId: 'gcp-pool' }, /bootstrap\/deployer: invalid poolId "gcp-pool": must be 4-32 lowercase letters, digits and hyphens, not starting with "gcp-"/],
    [{ providerId: 'GitHub' }, /bootstrap\/deployer: invalid providerId "GitHub": must be 4-32 lowercase letters/],
    [{ accountId: 'deployer_sa' }, /bootstrap\/deployer: invalid accountId "deployer_sa": must be 6-30 characters/],
    [{ additionalRoles: ['roles/owner'] }, /bootstrap\/deployer: invalid additionalRoles\[0\] "roles\/owner": must not be a primitive role/],
    [{ additionalRoles: ['storage.admin'] }, /bootstrap\/deployer: invalid additionalRoles\[0\] "storage\.admin": must be an IAM role/],
    [{ excludedRoles: ['roles/editor'] }, /bootstrap\/deployer: invalid excludedRoles\[0\] "roles\/editor": must not be a primitive role/],
  ])('refuses %o', (props, message) => {
    expect(() => deployer(props as Partial<DeployerIdentityProps>)).toThrow(message);
  });
  it('refuses APIs that lack what token exchange needs', () => {
    const { stack } = newStack('bootstrap');
    const apis = new ProjectServices(stack, 'apis', { project, services: ['iam.googleapis.com'] });
    expect(() => new DeployerIdentity(stack, 'deployer', { project, repository, apis })).toThrow(
      'bootstrap/deployer: invalid apis ["iam.googleapis.com"]: must enable iamcredentials.googleapis.com, sts.googleapis.com, ' +
      'cloudresourcemanager.googleapis.com (token exchange and impersonation need them)');
  });
});
