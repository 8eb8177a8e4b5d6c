import * as fc from 'fast-check';
import { Construct } from 'constructs';
import { CA_SERVICE_ID, IAM_MEMBER } from '../../lib/core/names';
import { CA_SERVICE_REGIONS, checkCaServiceLocation, regionOf } from '../../lib/pki/ca-service-locations';
import { caPoolName, caPoolUri, checkCaServiceId, isCaPoolUri } from '../../lib/pki/ca-service-names';
import { newStack } from '../helpers';

const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const digits = '0123456789';
const allowed = new Set([...letters, ...digits, '-']);

/** Oracle without regular expressions: 1-63 characters, each a letter, digit or hyphen. */
function oracleCaId(value: string): boolean {
  return value.length >= 1 && value.length <= 63 && [...value].every((c) => allowed.has(c));
}

const alphabet = fc.constantFrom(...[...letters.slice(0, 6), ...letters.slice(26, 29), ...digits.slice(0, 3), '-', '_', '.', ' ', '/']);
const candidate = fc.array(alphabet, { minLength: 0, maxLength: 70 }).map((cs) => cs.join(''));

function scope(): Construct {
  return new Construct(newStack('platform').stack, 'ca');
}

describe('CA pool and CA ids', () => {
  it('agree with an independent oracle', () => {
    fc.assert(fc.property(candidate, (id) => CA_SERVICE_ID.test(id) === oracleCaId(id)), { numRuns: 2000 });
  });
  it('accept the guide\'s hyphenated names and refuse its underscored root pool', () => {
    expect(['td-sec-pool', 'pkcs2-ca', 'td-ca-pool', 'td-ca'].map((id) => CA_SERVICE_ID.test(id))).toEqual([true, true, true, true]);
    expect(CA_SERVICE_ID.test('td_sec_pool')).toBe(false);
  });
  it('suggest the hyphenated id whenever underscores are the only fault', () => {
    const valid = fc.array(fc.constantFrom(...letters, ...digits, '-'), { minLength: 1, maxLength: 63 }).map((cs) => cs.join(''));
    const withUnderscores = valid.chain((id) => fc.array(fc.integer({ min: 0, max: id.length - 1 }), { minLength: 1 })
      .map((positions) => [...id].map((c, i) => (positions.includes(i) ? '_' : c)).join('')));
    const at = scope();
    fc.assert(fc.property(withUnderscores, (id) => {
      expect(() => checkCaServiceId(at, 'root.poolId', id)).toThrow(`use "${id.replace(/_/g, '-')}" instead`);
    }));
  });
  it('make no suggestion when the id is wrong for another reason too', () => {
    expect(() => checkCaServiceId(scope(), 'root.poolId', 'td_sec.pool')).toThrow(
      /^platform\/ca: invalid root\.poolId "td_sec\.pool": must be 1-63 letters, digits and hyphens, without underscores \(the provider parses CA Service names with \[a-zA-Z0-9-\]\+\)$/);
  });
});

describe('CA Service regions', () => {
  it('hold the 39 regions of the guide\'s table', () => {
    expect(CA_SERVICE_REGIONS).toHaveLength(39);
    expect(new Set(CA_SERVICE_REGIONS).size).toBe(39);
    expect(CA_SERVICE_REGIONS).toEqual(expect.arrayContaining(['us-east1', 'asia-northeast1', 'europe-west12', 'me-central2', 'us-west4']));
  });
  it('refuse any other location', () => {
    const at = scope();
    fc.assert(fc.property(fc.string().filter((l) => !CA_SERVICE_REGIONS.includes(l)), (location) => {
      expect(() => checkCaServiceLocation(at, 'location', location))
        .toThrow(`platform/ca: invalid location ${JSON.stringify(location)}: must be a region CA Service supports: asia-east1,`);
    }));
  });
  it('take a zone\'s region and leave a region alone', () => {
    expect(regionOf('us-east1-b')).toBe('us-east1');
    expect(regionOf('europe-west12')).toBe('europe-west12');
  });
});

describe('CA pool names and URIs', () => {
  it('build the resource name and the URI the CRDs use, and recognise the URI', () => {
    expect(caPoolName('demo-proj', 'us-east1', 'td-ca-pool')).toBe('projects/demo-proj/locations/us-east1/caPools/td-ca-pool');
    expect(caPoolUri('demo-proj', 'us-east1', 'td-ca-pool')).toBe('//privateca.googleapis.com/projects/demo-proj/locations/us-east1/caPools/td-ca-pool');
    expect(isCaPoolUri(caPoolUri('demo-proj', 'us-east1', 'td-ca-pool'))).toBe(true);
    expect(isCaPoolUri('https://privateca.googleapis.com/projects/demo-proj/locations/us-east1/caPools/p')).toBe(false);
    expect(isCaPoolUri('//privateca.googleapis.com/projects/demo-proj/locations/us-east1/caPools/td_pool')).toBe(false);
  });
});

describe('IAM members', () => {
  it('accept the member kinds IAM grants take', () => {
    for (const member of ['user:alice@example.com', 'group:pki@example.com', 'serviceAccount:ci@demo-proj.iam.gserviceaccount.com',
      'domain:example.com', 'principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/subject/s',
      'principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/*']) {
      expect(IAM_MEMBER.test(member)).toBe(true);
    }
  });
  it('refuse public members, bare addresses and unknown kinds', () => {
    for (const member of ['allUsers', 'allAuthenticatedUsers', 'alice@example.com', 'user:alice', 'owner:alice@example.com', 'user: a@b.c']) {
      expect(IAM_MEMBER.test(member)).toBe(false);
    }
  });
});
