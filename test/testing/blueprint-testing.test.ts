import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { Annotations, App, Aspects, IAspect, LocalBackend, TerraformOutput, TerraformResource, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { BlueprintTesting } from '../../lib';

/** The parts of a synthesised stack these tests read. */
interface SynthStack {
  resource: Record<string, Record<string, unknown>>;
  data: Record<string, Record<string, unknown>>;
  output: Record<string, unknown>;
  terraform: { backend?: unknown };
}
const synthStacks = (scope: IConstruct) => BlueprintTesting.synthStacks(scope) as Record<string, SynthStack>;

/** Two stacks, the second reading an attribute of the first (a cross-stack reference). */
function twoStacks(app: App = Testing.app()) {
  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: 'demo-proj' });
  const account = new ServiceAccount(platform, 'sa', { accountId: 'demo-account' });
  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: 'demo-proj' });
  new TerraformOutput(workloads, 'account', { value: account.uniqueId });
  return { app, platform, workloads, account };
}

/** A stand-in for the rule pack: an error on every service account, a warning on every provider. */
class FakeRulePack implements IAspect {
  public visits = 0;
  public visit(node: IConstruct): void {
    this.visits++;
    if (TerraformResource.isTerraformResource(node) && node.terraformResourceType === 'google_service_account') {
      Annotations.of(node).addError('RULE-1: service accounts need a description');
    }
    if (node instanceof GoogleProvider) Annotations.of(node).addWarning('RULE-2: pin the provider region');
  }
}

function keysEverywhere(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysEverywhere);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...keysEverywhere(v)]);
}

/** What the docs promise to change: no `//` metadata, paths under the working directory relative. */
function documentedNormalisation(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(documentedNormalisation);
  if (typeof value === 'string') return value.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), value) : value;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '//').map(([k, v]) => [k, documentedNormalisation(v)]));
}

describe('BlueprintTesting.synthStacks', () => {
  it('returns every stack\'s JSON without cdktf metadata, keys sorted', () => {
    const { app } = twoStacks();
    const stacks = synthStacks(app);
    expect(Object.keys(stacks)).toEqual(['platform', 'workloads']);
    expect(keysEverywhere(stacks)).not.toContain('//');
    expect(Object.keys(stacks.platform)).toEqual([...Object.keys(stacks.platform)].sort());
    expect(stacks.platform.resource.google_service_account).toEqual({ sa: { account_id: 'demo-account' } });
  });
  it('equals what cdktf synth writes, apart from the metadata and the default local state path', () => {
    const real = twoStacks(Testing.app());
    real.app.synth();
    const read = (id: string) => JSON.parse(fs.readFileSync(path.join(real.app.outdir, 'stacks', id, 'cdk.tf.json'), 'utf8'));
    const written = (id: string) => documentedNormalisation(read(id)) as { terraform: { backend?: unknown } };
    expect(read('platform').terraform.backend).toEqual({ local: { path: path.join(process.cwd(), 'terraform.platform.tfstate') } });
    const stacks = synthStacks(twoStacks().app);
    for (const id of ['platform', 'workloads']) {
      const expected = written(id);
      expect(expected.terraform.backend).toEqual({ local: { path: `terraform.${id}.tfstate` } });
      delete expected.terraform.backend;
      expect(stacks[id]).toEqual(expected);
    }
    expect(Object.values(stacks.workloads.data.terraform_remote_state)).toEqual([
      expect.objectContaining({ backend: 'local', config: { path: 'terraform.platform.tfstate' } }),
    ]);
    expect(Object.values(stacks.platform.output)).toEqual([expect.objectContaining({ sensitive: true })]);
  });
  it('keeps configured backends, with paths under the working directory made relative', () => {
    const { app, platform, workloads } = twoStacks();
    new LocalBackend(platform, { path: path.join(process.cwd(), 'state', 'platform.tfstate') });
    new LocalBackend(workloads, { path: '/var/lib/terraform/workloads.tfstate' });
    const stacks = synthStacks(app);
    expect(stacks.platform.terraform.backend).toEqual({ local: { path: path.join('state', 'platform.tfstate') } });
    expect(stacks.workloads.terraform.backend).toEqual({ local: { path: '/var/lib/terraform/workloads.tfstate' } });
  });
  it('synthesises one stack when given one', () => {
    const { platform } = twoStacks();
    expect(Object.keys(BlueprintTesting.synthStacks(platform))).toEqual(['platform']);
  });
  it('is stable across calls and renders as sorted JSON', () => {
    const { app } = twoStacks();
    const first = BlueprintTesting.stableJson(app);
    expect(BlueprintTesting.stableJson(app)).toBe(first);
    expect(first).toBe(`${JSON.stringify(BlueprintTesting.synthStacks(app), undefined, 2)}\n`);
    expect(first).toBe(BlueprintTesting.stableJson(twoStacks().app));
  });
  it('runs the validations first, as cdktf synth does, unless told not to', () => {
    const { app, platform } = twoStacks();
    platform.node.addValidation({ validate: () => ['the cluster is not connected'] });
    expect(() => BlueprintTesting.synthStacks(app)).toThrow('Validation failed with the following errors:\n  [platform] the cluster is not connected');
    expect(Object.keys(BlueprintTesting.synthStacks(app, { runValidations: false }))).toEqual(['platform', 'workloads']);
  });
});

describe('BlueprintTesting.errorsOf, warningsOf, infosOf, assertNoErrors', () => {
  it('reads the error annotations an aspect adds, with construct paths', () => {
    const { app, platform } = twoStacks();
    Aspects.of(platform).add(new FakeRulePack());
    expect(BlueprintTesting.errorsOf(app)).toEqual(['[platform/sa] RULE-1: service accounts need a description']);
    expect(BlueprintTesting.warningsOf(app)).toEqual(['[platform/google] RULE-2: pin the provider region']);
    expect(() => BlueprintTesting.assertNoErrors(app)).toThrow('1 synth error(s):\n  [platform/sa] RULE-1: service accounts need a description');
  });
  it('includes failed validations, and is empty for a clean app', () => {
    const { app, workloads } = twoStacks();
    expect(BlueprintTesting.errorsOf(app)).toEqual([]);
    expect(() => BlueprintTesting.assertNoErrors(app)).not.toThrow();
    workloads.node.addValidation({ validate: () => ['needs the platform stack'] });
    expect(BlueprintTesting.errorsOf(app)).toEqual(['[workloads] needs the platform stack']);
  });
  it('runs each aspect once however often it is asked', () => {
    const { app, platform } = twoStacks();
    const pack = new FakeRulePack();
    Aspects.of(platform).add(pack);
    BlueprintTesting.synthStacks(app, { runValidations: false });
    const visits = pack.visits;
    BlueprintTesting.errorsOf(app);
    BlueprintTesting.warningsOf(app);
    expect(pack.visits).toBe(visits);
    expect(BlueprintTesting.errorsOf(app)).toHaveLength(1);
  });
  it('finds exactly what fails cdktf synth: aspects of the stacks, not of the app itself', () => {
    const onStack = twoStacks();
    Aspects.of(onStack.platform).add(new FakeRulePack());
    expect(() => onStack.app.synth()).toThrow(/RULE-1: service accounts need a description/);
    expect(BlueprintTesting.errorsOf(twoStacksWith((a) => Aspects.of(a.platform).add(new FakeRulePack())))).toHaveLength(1);

    const onApp = twoStacks();
    Aspects.of(onApp.app).add(new FakeRulePack());
    expect(() => onApp.app.synth()).not.toThrow();
    expect(BlueprintTesting.errorsOf(twoStacksWith((a) => Aspects.of(a.app).add(new FakeRulePack())))).toEqual([]);
  });
  it('reads info annotations', () => {
    const { app, platform } = twoStacks();
    Annotations.of(platform).addInfo('derived roles: none');
    expect(BlueprintTesting.infosOf(app)).toEqual(['[platform] derived roles: none']);
  });
});

function twoStacksWith(configure: (stacks: ReturnType<typeof twoStacks>) => void): App {
  const stacks = twoStacks();
  configure(stacks);
  return stacks.app;
}
