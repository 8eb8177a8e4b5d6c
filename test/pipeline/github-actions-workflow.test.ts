import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { TerraformStack, Testing } from 'cdktf';
import { DeployerIdentity } from '../../lib';
import { buildApp, PIPELINE } from '../../examples/pipeline/app';

interface Step { uses?: string; run?: string; name?: string; with?: Record<string, unknown> }
interface Job {
  if?: string; needs?: string | string[]; 'runs-on': string; environment?: string; permissions?: Record<string, string>;
  strategy?: { matrix: { stack: string[] }; 'fail-fast'?: boolean }; concurrency?: { group: string; 'cancel-in-progress': boolean };
  steps: Step[];
}
interface Workflow { on: Record<string, { branches: string[] }>; permissions: Record<string, string>; env: Record<string, string>; jobs: Record<string, Job> }

const file = path.join(__dirname, '..', '..', 'examples', 'pipeline', 'github-actions-deploy.yml');
const text = fs.readFileSync(file, 'utf8');
const workflow = parse(text) as Workflow;
const { jobs } = workflow;

const app = Testing.app();
buildApp(app);
const deployer = app.node.findAll().find((c): c is DeployerIdentity => c instanceof DeployerIdentity)!;
const deployedStacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c) && c.node.id !== 'bootstrap').map((s) => s.node.id);

const runs = (job: Job) => job.steps.filter((s) => s.run).map((s) => s.run!.trim());
const uses = (job: Job, action: string) => job.steps.filter((s) => s.uses?.startsWith(`${action}@`));

describe('examples/pipeline/github-actions-deploy.yml', () => {
  it('is a workflow with the synth, diff and deploy jobs', () => {
    expect(Object.keys(jobs)).toEqual(['synth', 'diff', 'deploy']);
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.on.pull_request.branches).toEqual(['main']);
  });
  it('reads the repository only, and asks for an OIDC token only in the jobs that deploy or diff', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(jobs.synth.permissions).toBeUndefined();
    for (const job of [jobs.diff, jobs.deploy]) expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });
  it('authenticates keylessly with the provider and deployer the bootstrap stack creates', () => {
    expect(workflow.env.WORKLOAD_IDENTITY_PROVIDER).toBe(deployer.workloadIdentityProviderName);
    expect(workflow.env.DEPLOYER_SERVICE_ACCOUNT).toBe(deployer.email);
    for (const job of [jobs.diff, jobs.deploy]) {
      expect(uses(job, 'google-github-actions/auth')).toEqual([expect.objectContaining({
        with: { workload_identity_provider: '${{ env.WORKLOAD_IDENTITY_PROVIDER }}', service_account: '${{ env.DEPLOYER_SERVICE_ACCOUNT }}' },
      })]);
    }
    expect(text).not.toMatch(/credentials_json|GOOGLE_CREDENTIALS|private_key|secrets\./);
  });
  it('matches the repository the deployer trusts', () => {
    expect(deployer.attributeCondition).toBe(`assertion.repository == '${PIPELINE.repository}'`);
  });
  it('runs npm ci in every job, then the tests and the synth with the rule pack', () => {
    for (const job of Object.values(jobs)) {
      expect(runs(job)).toContain('npm ci');
      expect(uses(job, 'actions/checkout')).toHaveLength(1);
      expect(uses(job, 'actions/setup-node')).toEqual([expect.objectContaining({ with: { 'node-version': '${{ env.NODE_VERSION }}', cache: 'npm' } })]);
    }
    expect(runs(jobs.synth)).toEqual(['npm ci', 'npm test --if-present', 'npx cdktf synth']);
  });
  it('diffs every stack on pull requests, after the synth', () => {
    expect(jobs.diff.if).toBe("github.event_name == 'pull_request'");
    expect(jobs.diff.needs).toBe('synth');
    expect(jobs.diff.strategy).toEqual({ 'fail-fast': false, matrix: { stack: ['platform', 'workloads', 'traffic'] } });
    expect(runs(jobs.diff)).toEqual(['npm ci', 'npx cdktf diff ${{ matrix.stack }}']);
  });
  it('deploys platform, workloads and traffic in order, on main only, one run at a time', () => {
    expect(jobs.deploy.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(jobs.deploy.needs).toBe('synth');
    expect(jobs.deploy.environment).toBe('production');
    expect(jobs.deploy.concurrency).toEqual({ group: 'deploy-production', 'cancel-in-progress': false });
    expect(runs(jobs.deploy)).toEqual(['npm ci', 'npx cdktf deploy platform workloads traffic --auto-approve --parallelism 1']);
  });
  it('deploys every stack of the app except bootstrap, which an administrator applies', () => {
    const deployList = runs(jobs.deploy)[1].split(' ').slice(3, 6);
    expect(deployList).toEqual(jobs.diff.strategy!.matrix.stack);
    for (const stack of deployedStacks) expect(deployList).toContain(stack);
    expect(deployList).not.toContain('bootstrap');
  });
  it('installs Terraform without the wrapper cdktf cannot read', () => {
    for (const job of [jobs.diff, jobs.deploy]) {
      expect(uses(job, 'hashicorp/setup-terraform')).toEqual([expect.objectContaining({
        with: { terraform_version: '${{ env.TERRAFORM_VERSION }}', terraform_wrapper: false },
      })]);
      const order = job.steps.map((s) => s.uses?.split('@')[0] ?? s.run);
      expect(order.indexOf('google-github-actions/auth')).toBeLessThan(order.findIndex((s) => s?.startsWith('npx cdktf')));
    }
  });
});
