import * as fc from 'fast-check';
import { TerraformStack, Testing } from 'cdktf';
import { GcpProject, StateBucket, StateBucketProps } from '../../lib';
import { GCS_BUCKET_NAME } from '../../lib/core/names';
import { newStack, onlyResource, synth } from '../helpers';

const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });

function bucket(props: Partial<StateBucketProps> = {}) {
  const { app, stack } = newStack('bootstrap');
  const state = new StateBucket(stack, 'state', { project, name: 'demo-proj-tfstate', location: 'us-east1', ...props });
  return { app, stack, state };
}

describe('StateBucket', () => {
  it('is versioned, IAM-only, never public and protected from destroy', () => {
    const { stack, state } = bucket();
    expect(onlyResource(synth(stack), 'google_storage_bucket')).toEqual({
      project: 'demo-proj',
      name: 'demo-proj-tfstate',
      location: 'us-east1',
      versioning: { enabled: true },
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(state.bucketName).toBe('demo-proj-tfstate');
  });
  it.each(['US', 'eu', 'ASIA', 'NAM4', 'us-east1'])('accepts the Cloud Storage location %s', (location) => {
    expect(() => bucket({ location })).not.toThrow();
  });
  it.each([['MARS', 'MARS'], ['10,000 letters', 'a'.repeat(10000)], ['a zone', 'us-east1-b']])('refuses the Cloud Storage location %s', (_label, location) => {
    expect(() => bucket({ location })).toThrow(/bootstrap\/state: invalid location .*: must be a Cloud Storage location: a region such as us-east1, a multi-region \(US, EU or ASIA\)/);
  });
  it('keeps a number of older versions and allows destroy only when asked', () => {
    const { stack } = bucket({ noncurrentVersionsKept: 20, allowDestroy: true, labels: { team: 'platform' } });
    expect(onlyResource(synth(stack), 'google_storage_bucket')).toMatchObject({
      lifecycle: { prevent_destroy: false },
      labels: { team: 'platform' },
      lifecycle_rule: [{ action: { type: 'Delete' }, condition: { num_newer_versions: 20, with_state: 'ARCHIVED' } }],
    });
  });
  it('gives each stack its own prefix, with a literal bucket name', () => {
    const { app, state } = bucket();
    const platform = new TerraformStack(app, 'platform');
    const workloads = new TerraformStack(app, 'workloads');
    state.backendFor(platform);
    state.backendFor(workloads);
    expect(JSON.parse(Testing.synth(platform)).terraform.backend).toEqual({ gcs: { bucket: 'demo-proj-tfstate', prefix: 'platform' } });
    expect(state.prefixOf(workloads)).toBe('workloads');
    expect(state.prefixOf(new TerraformStack(app, 'other'))).toBeUndefined();
    expect(platform.dependencies).toEqual([]);
    expect(() => state.backendFor(platform)).toThrow(
      'bootstrap/state: invalid backendFor(stack) "platform": already keeps its state in this bucket');
  });
  it.each([
    [{ name: 'ab' }, /bootstrap\/state: invalid name "ab": must be 3-63 lowercase letters, digits, hyphens and underscores/],
    [{ name: 'Demo-State' }, /invalid name "Demo-State"/],
    [{ name: 'state.example.com' }, /invalid name "state\.example\.com": .*dotted names need domain verification/],
    [{ name: 'goog-state' }, /invalid name "goog-state": .*not starting with "goog"/],
    [{ name: 'my-google-state' }, /invalid name "my-google-state": .*not containing "google"/],
    [{ location: 'us east' }, /bootstrap\/state: invalid location "us east": must be a Cloud Storage location/],
    [{ noncurrentVersionsKept: 0 }, /bootstrap\/state: invalid noncurrentVersionsKept 0: must be a whole number of at least 1/],
    [{ noncurrentVersionsKept: 2.5 }, /invalid noncurrentVersionsKept 2.5/],
  ])('refuses %o', (props, message) => {
    expect(() => bucket(props)).toThrow(message);
  });
  it.each(['US', 'EU', 'NAM4', 'us-east1', 'US-EAST1', 'europe-west4'])('accepts the location %s', (location) => {
    expect(() => bucket({ location })).not.toThrow();
  });
});

describe('Cloud Storage bucket names (property)', () => {
  const chars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_.G '.split(''));
  const candidate = fc.array(chars, { maxLength: 70 }).map((cs) => cs.join(''));
  /** Written without regular expressions. */
  function oracle(name: string): boolean {
    const alnum = (c: string) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    return name.length >= 3 && name.length <= 63 && alnum(name[0]) && alnum(name[name.length - 1])
      && [...name].every((c) => alnum(c) || c === '-' || c === '_') && !name.startsWith('goog') && !name.includes('google');
  }
  it('agrees with an independent oracle', () => {
    fc.assert(fc.property(candidate, (name) => GCS_BUCKET_NAME.test(name) === oracle(name)), { numRuns: 2000 });
  });
});
