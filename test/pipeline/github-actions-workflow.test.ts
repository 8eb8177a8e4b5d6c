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
const authAs = (job: Job) => uses(job, 'google-github-actions/auth').map((s) => s.with?.service_account);

/** The commit of each action's current major release tag (verified against each action's repository). */
const PINNED: Record<string, { sha: string; tag: string }> = {
  'actions/checkout': { sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', tag: 'v7.0.1' },
  'actions/setup-node': { sha: '820762786026740c76f36085b0efc47a31fe5020', tag: 'v7.0.0' },
  'hashicorp/setup-terraform': { sha: 'dfe3c3f87815947d99a8997f908cb6525fc44e9e', tag: 'v4.0.1' },
  'google-github-actions/auth': { sha: '7c6bc770dae815cd3e89ee6cdf493a5fab2cc093', tag: 'v3.0.0' },
};

describe('examples/pipeline/github-actions-deploy.yml', () => {
  it('is a workflow with the synth, plan and deploy jobs', () => {
    expect(Object.keys(jobs)).toEqual(['synth', 'plan', 'deploy']);
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.on.pull_request.branches).toEqual(['main']);
  });
  it('reads the repository only, and asks for an OIDC token only in the jobs that deploy or plan', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(jobs.synth.permissions).toBeUndefined();
    for (const job of [jobs.plan, jobs.deploy]) expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });
  it('authenticates keylessly with the provider, planner and deployer the bootstrap stack creates', () => {
    expect(workflow.env.WORKLOAD_IDENTITY_PROVIDER).toBe(deployer.workloadIdentityProviderName);
    expect(workflow.env.DEPLOYER_SERVICE_ACCOUNT).toBe(deployer.email);
    expect(workflow.env.PLANNER_SERVICE_ACCOUNT).toBe(deployer.plannerEmail);
    for (const [job, account] of [[jobs.plan, 'PLANNER_SERVICE_ACCOUNT'], [jobs.deploy, 'DEPLOYER_SERVICE_ACCOUNT']] as const) {
      expect(uses(job, 'google-github-actions/auth')).toEqual([expect.objectContaining({
        with: { workload_identity_provider: '${{ env.WORKLOAD_IDENTITY_PROVIDER }}', service_account: `\${{ env.${account} }}` },
      })]);
    }
    expect(text).not.toMatch(/credentials_json|GOOGLE_CREDENTIALS|private_key|secrets\./);
  });
  it('pins the repository by name and numeric ids, as the provider condition the deployer and planner share', () => {
    expect(deployer.attributeCondition).toBe(`assertion.repository == '${PIPELINE.repository}' && ` +
      `assertion.repository_id == '${PIPELINE.repositoryId}' && assertion.repository_owner_id == '${PIPELINE.repositoryOwnerId}'`);
  });
  it('gives pull requests only the planner: the deployer trusts the subject of the production environment, which only the deploy job uses', () => {
    expect(deployer.trustedPrincipal).toBe('principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci-deployer/' +
      `subject/repo:${PIPELINE.repository}:environment:${PIPELINE.environment}`);
    expect(jobs.deploy.environment).toBe(PIPELINE.environment);
    const inEnvironment = Object.entries(jobs).filter(([, job]) => job.environment !== undefined).map(([id]) => id);
    expect(inEnvironment).toEqual(['deploy']);
    expect(jobs.deploy.if).not.toMatch(/pull_request/);
    expect(authAs(jobs.plan)).toEqual(['${{ env.PLANNER_SERVICE_ACCOUNT }}']);
    expect(text.match(/DEPLOYER_SERVICE_ACCOUNT \}\}/g)).toHaveLength(1);
  });
  it('pins every action by the full commit SHA of its current major release, the tag in a comment', () => {
    const used = Object.values(jobs).flatMap((job) => job.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
    expect(used.length).toBeGreaterThan(0);
    for (const reference of used) {
      const [action, sha] = reference.split('@');
      expect(PINNED[action]).toBeDefined();
      expect(sha).toBe(PINNED[action].sha);
    }
    for (const [action, { sha, tag }] of Object.entries(PINNED)) expect(text).toContain(`${action}@${sha} # ${tag}`);
  });
  it('runs npm ci in every job, then the tests and the synth with the rule pack; no dependency cache where deploy credentials are', () => {
    for (const job of Object.values(jobs)) {
      expect(runs(job)).toContain('npm ci');
      expect(uses(job, 'actions/checkout')).toHaveLength(1);
    }
    for (const job of [jobs.synth, jobs.plan]) {
      expect(uses(job, 'actions/setup-node')).toEqual([expect.objectContaining({ with: { 'node-version': '${{ env.NODE_VERSION }}', cache: 'npm' } })]);
    }
    expect(uses(jobs.deploy, 'actions/setup-node')).toEqual([expect.objectContaining({
      with: { 'node-version': '${{ env.NODE_VERSION }}', 'package-manager-cache': false },
    })]);
    expect(runs(jobs.synth)).toEqual(['npm ci', 'npm test --if-present', 'npx cdktf synth']);
  });
  it('plans every stack on pull requests, after the synth, without the state lock the planner may not write', () => {
    expect(jobs.plan.if).toBe("github.event_name == 'pull_request'");
    expect(jobs.plan.needs).toBe('synth');
    expect(jobs.plan.strategy).toEqual({ 'fail-fast': false, matrix: { stack: ['platform', 'workloads', 'traffic'] } });
    const dir = 'cdktf.out/stacks/${{ matrix.stack }}';
    expect(runs(jobs.plan)).toEqual(['npm ci', 'npx cdktf synth',
      `terraform -chdir=${dir} init -input=false\nterraform -chdir=${dir} plan -input=false -lock=false`]);
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
    expect(deployList).toEqual(jobs.plan.strategy!.matrix.stack);
    for (const stack of deployedStacks) expect(deployList).toContain(stack);
    expect(deployList).not.toContain('bootstrap');
  });
  it('installs Terraform without the wrapper cdktf cannot read', () => {
    for (const job of [jobs.plan, jobs.deploy]) {
      expect(uses(job, 'hashicorp/setup-terraform')).toEqual([expect.objectContaining({
        with: { terraform_version: '${{ env.TERRAFORM_VERSION }}', terraform_wrapper: false },
      })]);
      const order = job.steps.map((s) => s.uses?.split('@')[0] ?? s.run);
      expect(order.indexOf('google-github-actions/auth')).toBeLessThan(order.findIndex((s) => s?.startsWith('npx cdktf') || s?.startsWith('terraform')));
    }
  });
});
