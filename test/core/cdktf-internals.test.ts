import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { crossStackOrigin, onSynthesize, resolveForReading, stackOverrides } from '../../lib/core/cdktf-internals';
import { prepare } from '../../lib/testing/synthesis';

function googleStack(app: App, id: string): TerraformStack {
  const stack = new TerraformStack(app, id);
  new GoogleProvider(stack, 'google', { project: 'demo-proj' });
  return stack;
}

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Two stacks: `origin` with a service account, `consumer` granting a role to it, prepared as `cdktf synth` does. */
function crossStackApp() {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-internals-'));
  outdirs.push(outdir);
  const app = new App({ outdir });
  const origin = googleStack(app, 'origin');
  const consumer = googleStack(app, 'consumer');
  const account = new ServiceAccount(origin, 'sa', { accountId: 'workload-sa' });
  const grant = new ProjectIamMember(consumer, 'grant', { project: 'demo-proj', role: 'roles/logging.logWriter', member: `serviceAccount:${account.email}` });
  return { app, origin, consumer, account, grant };
}

describe('the cdktf internals the library relies on', () => {
  it('calls onSynthesize with the output directory when the app is synthesised', () => {
    const { app, origin } = crossStackApp();
    const seen: string[] = [];
    onSynthesize(new Construct(origin, 'hook'), (outdir) => seen.push(outdir));
    app.synth();
    expect(seen).toEqual([app.outdir]);
  });

  it('resolves a reference for reading without creating cross-stack outputs', () => {
    const { origin, consumer, account } = crossStackApp();
    expect(resolveForReading(account.email, origin)).toBe('${google_service_account.sa.email}');
    expect(resolveForReading({ member: account.email }, consumer)).toEqual({ member: '${google_service_account.sa.email}' });
    expect(origin.toTerraform().output).toBeUndefined();
  });

  it('names prepared cross-stack references after the origin stack and an output there', () => {
    const { origin, consumer, grant } = crossStackApp();
    prepare(consumer);
    const member = (consumer.toTerraform().resource.google_project_iam_member[grant.friendlyUniqueId] as { member: string }).member;
    const match = /^serviceAccount:\$\{data\.terraform_remote_state\.([^.]+)\.outputs\.([^.}]+)\}$/.exec(member);
    expect(match).not.toBeNull();
    const origins = crossStackOrigin('terraform_remote_state', match![1], ['outputs', match![2]]);
    expect(origins).toEqual({ stackPath: 'origin', outputId: match![2] });
    expect((origin.toTerraform().output as Record<string, { value: string }>)[origins!.outputId].value).toBe('${google_service_account.sa.email}');
  });

  it('reads the overrides added to a stack, nested by path, and none from a stack without', () => {
    const { origin, consumer } = crossStackApp();
    origin.addOverride('resource.google_storage_bucket.extra.location', 'US');
    origin.addOverride('locals.region', 'us-east1');
    expect(stackOverrides(origin)).toEqual({ resource: { google_storage_bucket: { extra: { location: 'US' } } }, locals: { region: 'us-east1' } });
    expect(stackOverrides(consumer)).toEqual({});
  });

  it('reads no origin from other data sources or paths', () => {
    expect(crossStackOrigin('terraform_remote_state', 'other-state', ['outputs', 'x'])).toBeUndefined();
    expect(crossStackOrigin('google_project', 'cross-stack-reference-input-origin', ['outputs', 'x'])).toBeUndefined();
    expect(crossStackOrigin('terraform_remote_state', 'cross-stack-reference-input-origin', ['outputs'])).toBeUndefined();
  });
});
