import { TerraformStack, Testing, TerraformVariable } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { WorkloadServiceAccount, WorkloadServiceAccountProps } from '../../lib';
import { newStack, onlyResource, resourcesOf, synth } from '../helpers';
import { project } from './fixtures';

function account(props: Partial<WorkloadServiceAccountProps>) {
  const { stack } = newStack();
  const gsa = new WorkloadServiceAccount(stack, 'gsa', { project, ...props });
  return { stack, gsa };
}

describe('WorkloadServiceAccount', () => {
  it('creates a keyless account with its project roles', () => {
    const { stack, gsa } = account({ accountId: 'envoy-proxy', projectRoles: ['roles/trafficdirector.client'] });
    const json = synth(stack);
    expect(onlyResource(json, 'google_service_account')).toEqual({
      project: 'demo-proj', account_id: 'envoy-proxy', display_name: 'Workload identity envoy-proxy',
      description: expect.stringContaining('no keys'),
    });
    expect(resourcesOf(json, 'google_service_account_key')).toHaveLength(0);
    expect(resourcesOf(json, 'google_project_iam_member')).toEqual([{
      project: 'demo-proj', role: 'roles/trafficdirector.client',
      member: expect.stringMatching(/^serviceAccount:\$\{google_service_account\.gsa_[0-9A-F]{8}\.email\}$/),
    }]);
    expect(gsa.iamMember).toBe(`serviceAccount:${gsa.email}`);
    expect(gsa.projectGrants).toHaveLength(1);
  });
  it('grants a role on another project once, however often it is asked', () => {
    const { stack, gsa } = account({ accountId: 'envoy-proxy' });
    const first = gsa.grantProjectRole('roles/logging.logWriter', 'logs-proj');
    expect(gsa.grantProjectRole('roles/logging.logWriter', 'logs-proj')).toBe(first);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ProjectIamMember, { project: 'logs-proj', role: 'roles/logging.logWriter' });
    expect(resourcesOf(synth(stack), 'google_project_iam_member')).toHaveLength(1);
  });
  it('adopts an existing account by e-mail', () => {
    const { stack, gsa } = account({ existingEmail: 'job@demo-proj.iam.gserviceaccount.com', projectRoles: ['roles/browser'] });
    expect(resourcesOf(synth(stack), 'google_service_account')).toHaveLength(0);
    expect(gsa.resourceName).toBe('projects/demo-proj/serviceAccounts/job@demo-proj.iam.gserviceaccount.com');
    expect(gsa.grantMember(stack)).toBe('serviceAccount:job@demo-proj.iam.gserviceaccount.com');
  });
  it('writes the literal e-mail in another stack and orders that stack after its own', () => {
    const app = Testing.app();
    const platform = new TerraformStack(app, 'platform');
    new GoogleProvider(platform, 'google', {});
    const workloads = new TerraformStack(app, 'workloads');
    const gsa = new WorkloadServiceAccount(platform, 'gsa', { project, accountId: 'envoy-proxy' });
    expect(gsa.emailIn(platform)).toBe(gsa.email);
    expect(workloads.dependencies).toEqual([]);
    expect(gsa.emailIn(workloads)).toBe('envoy-proxy@demo-proj.iam.gserviceaccount.com');
    expect(gsa.iamMemberIn(workloads)).toBe('serviceAccount:envoy-proxy@demo-proj.iam.gserviceaccount.com');
    expect(gsa.resourceNameIn(workloads)).toBe('projects/demo-proj/serviceAccounts/envoy-proxy@demo-proj.iam.gserviceaccount.com');
    expect(gsa.resourceNameIn(platform)).toBe(gsa.resourceName);
    expect(workloads.dependencies).toEqual([platform]);
  });
  it('keeps the attribute across stacks when the e-mail is only known at apply time', () => {
    const app = Testing.app();
    const platform = new TerraformStack(app, 'platform');
    const workloads = new TerraformStack(app, 'workloads');
    const accountId = new TerraformVariable(platform, 'account-id', { type: 'string' }).stringValue;
    const gsa = new WorkloadServiceAccount(platform, 'gsa', { project, accountId });
    expect(gsa.emailIn(workloads)).toBe(gsa.email);
  });
  it.each([
    [{ accountId: 'short' }, 'accountId "short": must be 6-30 characters'],
    [{ accountId: 'a'.repeat(31) }, `accountId "${'a'.repeat(31)}": must be 6-30 characters`],
    [{ accountId: 'Envoy-proxy' }, 'accountId "Envoy-proxy": must be 6-30 characters'],
    [{}, 'accountId undefined: is required when existingEmail is not given'],
    [{ accountId: 'envoy-proxy', existingEmail: 'a@demo-proj.iam.gserviceaccount.com' }, 'give either accountId (create) or existingEmail (adopt), not both'],
    [{ existingEmail: 'not-an-email' }, 'existingEmail "not-an-email": must be an e-mail address'],
    [{ existingEmail: '123456789012-compute@developer.gserviceaccount.com' }, 'must not be the default Compute Engine or App Engine service account'],
    [{ existingEmail: 'demo-proj@appspot.gserviceaccount.com' }, 'must not be the default Compute Engine or App Engine service account'],
    [{ existingEmail: 'job@other-proj.iam.gserviceaccount.com' }, 'belongs to project other-proj, not to the given project demo-proj'],
    [{ accountId: 'envoy-proxy', projectRoles: ['roles/editor'] }, 'invalid projectRoles[0] "roles/editor": must not be a primitive role'],
    [{ accountId: 'envoy-proxy', projectRoles: ['storage.admin'] }, 'invalid projectRoles[0] "storage.admin": must be an IAM role'],
  ])('refuses %o', (props, message) => {
    expect(() => account(props)).toThrow(message);
    expect(() => account(props)).toThrow(/^stack\/gsa(\/[^:]+)?: invalid /);
  });
});
