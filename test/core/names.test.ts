import * as fc from 'fast-check';
import { Token } from 'cdktf';
import {
  checkName, DNS_1123_LABEL, GKE_NAME, IPV4_CIDR, parseIpv4Cidr, PROJECT_NUMBER, REGION, SERVICE_ACCOUNT_ID, ZONE,
} from '../../lib/core/names';

const lower = 'abcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';
const isLower = (c: string) => lower.includes(c);
const isAlnum = (c: string) => lower.includes(c) || digits.includes(c);

/** Oracle written without regular expressions: letters/digits/hyphens, first a letter, last alnum, length bounds. */
function oracleIdentifier(value: string, min: number, max: number, firstMustBeLetter: boolean): boolean {
  if (value.length < min || value.length > max) return false;
  const chars = [...value];
  if (!chars.every((c) => isAlnum(c) || c === '-')) return false;
  if (firstMustBeLetter ? !isLower(chars[0]) : !isAlnum(chars[0])) return false;
  return isAlnum(chars[chars.length - 1]);
}

const alphabet = fc.constantFrom(...[...lower, ...digits, '-', '_', 'A', '.', ' ']);
const candidate = fc.array(alphabet, { minLength: 0, maxLength: 70 }).map((cs) => cs.join(''));

function validIdentifier(min: number, max: number, firstLetter: boolean) {
  const first = fc.constantFrom(...(firstLetter ? lower : lower + digits));
  const middle = fc.constantFrom(...lower, ...digits, '-');
  const last = fc.constantFrom(...lower, ...digits);
  return fc.tuple(first, fc.array(middle, { minLength: Math.max(0, min - 2), maxLength: max - 2 }), last)
    .map(([f, m, l]) => f + m.join('') + l);
}

describe('service account ids (6-30, [a-z][-a-z0-9]*[a-z0-9])', () => {
  it('accepts every valid id', () => {
    fc.assert(fc.property(validIdentifier(6, 30, true), (id) => SERVICE_ACCOUNT_ID.test(id)));
  });
  it('agrees with an independent oracle on arbitrary strings', () => {
    fc.assert(fc.property(candidate, (id) => SERVICE_ACCOUNT_ID.test(id) === oracleIdentifier(id, 6, 30, true)), { numRuns: 2000 });
  });
  it('rejects the boundary lengths 5 and 31', () => {
    expect(SERVICE_ACCOUNT_ID.test('abcde')).toBe(false);
    expect(SERVICE_ACCOUNT_ID.test('a'.repeat(31))).toBe(false);
    expect(SERVICE_ACCOUNT_ID.test('a'.repeat(30))).toBe(true);
  });
});

describe('GKE cluster and pool names (1-40)', () => {
  it('agrees with an independent oracle', () => {
    fc.assert(fc.property(candidate, (name) => GKE_NAME.test(name) === oracleIdentifier(name, 1, 40, true)), { numRuns: 2000 });
  });
  it('accepts every valid name', () => {
    fc.assert(fc.property(validIdentifier(2, 40, true), (name) => GKE_NAME.test(name)));
  });
});

describe('DNS-1123 labels', () => {
  it('agrees with an independent oracle', () => {
    fc.assert(fc.property(candidate, (name) => DNS_1123_LABEL.test(name) === oracleIdentifier(name, 1, 63, false)), { numRuns: 2000 });
  });
});

describe('locations', () => {
  it.each(['us-east1', 'europe-west4', 'northamerica-northeast2', 'me-central1'])('%s is a region, not a zone', (r) => {
    expect(REGION.test(r)).toBe(true);
    expect(ZONE.test(r)).toBe(false);
  });
  it.each(['us-east1-b', 'asia-northeast1-a'])('%s is a zone, not a region', (z) => {
    expect(ZONE.test(z)).toBe(true);
    expect(REGION.test(z)).toBe(false);
  });
});

describe('IPv4 CIDR blocks', () => {
  it('accepts every well-formed block', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    fc.assert(fc.property(octet, octet, octet, octet, fc.integer({ min: 0, max: 32 }), (a, b, c, d, p) =>
      IPV4_CIDR.test(`${a}.${b}.${c}.${d}/${p}`) && parseIpv4Cidr(`${a}.${b}.${c}.${d}/${p}`)?.prefix === p));
  });
  it.each(['256.0.0.0/8', '10.0.0.0/33', '10.0.0/8', '10.0.0.0', 'ten/8'])('rejects %s', (cidr) => {
    expect(IPV4_CIDR.test(cidr)).toBe(false);
  });
});

describe('checkName', () => {
  it('names the path, field, value and rule', () => {
    expect(() => checkName('app/cluster', 'name', 'Bad_Name', GKE_NAME))
      .toThrow(/^app\/cluster: invalid name "Bad_Name": must be 1-40 characters, lowercase letters/);
  });
  it('lets unresolved tokens pass', () => {
    expect(() => checkName('x', 'number', Token.asString({ Ref: 'n' }), PROJECT_NUMBER)).not.toThrow();
  });
});
