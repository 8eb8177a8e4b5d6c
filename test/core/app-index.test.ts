import { Testing, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { AppIndex } from '../../lib/core/app-index';
import { prepare } from '../../lib/testing/synthesis';

/**
 * `origin` and `decoy` each hold a service account at the same address, so only the cross-stack output
 * tells which one `consumer` grants to.
 */
function threeStacks() {
  const app = Testing.app();
  const stacks = ['origin', 'decoy', 'consumer'].map((id) => {
    const stack = new TerraformStack(app, id);
    new GoogleProvider(stack, 'google', { project: 'demo-proj' });
    return stack;
  });
  const [origin, decoy, consumer] = stacks;
  const account = new ServiceAccount(origin, 'sa', { accountId: 'origin-sa' });
  new ServiceAccount(decoy, 'sa', { accountId: 'decoy-sa' });
  const grant = new ProjectIamMember(consumer, 'grant', { project: 'demo-proj', role: 'roles/logging.logWriter', member: `serviceAccount:${account.email}` });
  return { stacks, origin, consumer, grant };
}

describe('AppIndex', () => {
  it('follows a prepared cross-stack reference to the resource of the origin stack', () => {
    const { stacks, origin, consumer, grant } = threeStacks();
    prepare(consumer);
    const index = AppIndex.build(stacks);
    const member = index.resources('google_project_iam_member')[0].config.member;
    expect(member).toMatch(/^serviceAccount:\$\{data\.terraform_remote_state\./);
    const targets = index.targetsIn(member, grant);
    expect(targets.map((t) => [t.resource.address, t.resource.stack.node.id, t.attributePath])).toEqual([
      ['google_service_account.sa', 'origin', ['email']],
    ]);
    expect(index.literal(`\${${targets[0].resource.address}.account_id}`, origin)).toBe('origin-sa');
  });

  it('leaves an unprepared reference to an address two stacks hold unresolved', () => {
    const { stacks, grant } = threeStacks();
    const index = AppIndex.build(stacks);
    expect(index.targetsIn(index.resources('google_project_iam_member')[0].config.member, grant)).toEqual([]);
  });

  it('leaves out what the skip predicate names, and everything under it', () => {
    const { stacks, origin } = threeStacks();
    const index = AppIndex.build(stacks, (c) => c === origin.node.findChild('sa'));
    expect(index.resources('google_service_account').map((r) => r.stack.node.id)).toEqual(['decoy']);
  });
});
