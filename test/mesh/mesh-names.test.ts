import * as fc from 'fast-check';
import { checkPort, GATEWAY_SCOPE, MESH_HOSTNAME } from '../../lib/core/names';

const lower = 'abcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';
const alnum = lower + digits;

/** A DNS label built from its parts: one alphanumeric, or alphanumeric ends with hyphens allowed inside (2-63 characters). */
const label = fc.oneof(
  fc.constantFrom(...alnum),
  fc.tuple(fc.constantFrom(...alnum), fc.array(fc.constantFrom(...alnum, '-'), { maxLength: 61 }), fc.constantFrom(...alnum))
    .map(([first, middle, last]) => first + middle.join('') + last),
);

describe('mesh host names', () => {
  it('accept dotted DNS labels with an optional *. prefix and :port', () => {
    const host = fc.tuple(fc.boolean(), fc.array(label, { minLength: 1, maxLength: 3 }), fc.option(fc.integer({ min: 1, max: 65535 })))
      .map(([wildcard, labels, port]) => `${wildcard ? '*.' : ''}${labels.join('.')}${port === null ? '' : `:${port}`}`)
      .filter((h) => h.length <= 253);
    fc.assert(fc.property(host, (h) => MESH_HOSTNAME.test(h)));
  });
  it('refuse any upper-case letter, underscore, space or slash', () => {
    const bad = fc.tuple(label, fc.constantFrom('A', '_', ' ', '/', '@'), label).map(([a, c, b]) => a + c + b);
    fc.assert(fc.property(bad, (h) => !MESH_HOSTNAME.test(h)));
  });
  it('refuse empty labels and labels with hyphens at their ends', () => {
    expect(['', '.a', 'a.', 'a..b', '-a', 'a-', 'a.-b', '*', '*.'].map((h) => MESH_HOSTNAME.test(h))).toEqual(Array(9).fill(false));
    expect(['service-test', 'mesh-gateway', 'payments.example.com', '*.example.com', 'service-test:8000'].every((h) => MESH_HOSTNAME.test(h))).toBe(true);
  });
});

describe('gateway scopes', () => {
  /** Oracle without regular expressions: 1-64 letters, digits and hyphens, the first a letter. */
  const letters = lower + lower.toUpperCase();
  const oracle = (s: string) => s.length >= 1 && s.length <= 64 && letters.includes(s[0]) && [...s].every((c) => (letters + digits + '-').includes(c));
  it('agree with an independent oracle', () => {
    const candidate = fc.array(fc.constantFrom('a', 'Z', '0', '-', '_', '.'), { maxLength: 70 }).map((cs) => cs.join(''));
    fc.assert(fc.property(candidate, (s) => GATEWAY_SCOPE.test(s) === oracle(s)), { numRuns: 1000 });
  });
});

describe('checkPort', () => {
  it('accepts every whole number from 1 to 65535', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 65535 }), (port) => {
      checkPort('x', 'port', port);
    }));
  });
  it('refuses everything else, naming the field and value', () => {
    const bad = fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 65536 }), fc.double({ min: 1, max: 65535, noInteger: true }));
    fc.assert(fc.property(bad, (port) => {
      expect(() => checkPort('stack/svc', 'port', port)).toThrow(`stack/svc: invalid port ${Number.isNaN(port) ? 'NaN (a number)' : JSON.stringify(port)}: must be a port number`);
    }));
  });
});
