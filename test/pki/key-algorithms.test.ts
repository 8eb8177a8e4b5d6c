import * as fc from 'fast-check';
import { CaKeyAlgorithm, CaLifetime, KeyFamily, WorkloadKeyAlgorithm } from '../../lib';

describe('WorkloadKeyAlgorithm', () => {
  it('writes the CRD keyAlgorithm objects of the supported sizes and curves', () => {
    expect([
      WorkloadKeyAlgorithm.RSA_2048, WorkloadKeyAlgorithm.RSA_3072, WorkloadKeyAlgorithm.RSA_4096,
      WorkloadKeyAlgorithm.ECDSA_P256, WorkloadKeyAlgorithm.ECDSA_P384,
    ].map((a) => [a.spec, a.family.name, a.description])).toEqual([
      [{ rsa: { modulusSize: 2048 } }, 'RSA', 'RSA 2048'],
      [{ rsa: { modulusSize: 3072 } }, 'RSA', 'RSA 3072'],
      [{ rsa: { modulusSize: 4096 } }, 'RSA', 'RSA 4096'],
      [{ ecdsa: { curve: 'P256' } }, 'ECDSA', 'ECDSA P256'],
      [{ ecdsa: { curve: 'P384' } }, 'ECDSA', 'ECDSA P384'],
    ]);
  });
  it('finds the same instances from configuration values', () => {
    expect(WorkloadKeyAlgorithm.rsa(3072)).toBe(WorkloadKeyAlgorithm.RSA_3072);
    expect(WorkloadKeyAlgorithm.ecdsa('P384')).toBe(WorkloadKeyAlgorithm.ECDSA_P384);
  });
  it('refuses every other RSA modulus size', () => {
    fc.assert(fc.property(fc.integer({ min: -10_000, max: 10_000 }).filter((n) => ![2048, 3072, 4096].includes(n)), (size) => {
      expect(() => WorkloadKeyAlgorithm.rsa(size)).toThrow(
        `WorkloadKeyAlgorithm: invalid rsa modulusSize ${size}: must be one of 2048, 3072, 4096 (the sizes GKE mesh certificates support)`);
    }));
  });
  it('refuses every other curve, including other spellings', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.constantFrom('p256', 'P-256', 'P521', 'secp256r1')).filter((c) => c !== 'P256' && c !== 'P384'),
      (curve) => {
        expect(() => WorkloadKeyAlgorithm.ecdsa(curve)).toThrow(
          `WorkloadKeyAlgorithm: invalid ecdsa curve ${JSON.stringify(curve)}: must be one of "P256", "P384" (the curves GKE mesh certificates support)`);
      }));
  });
});

describe('CaKeyAlgorithm', () => {
  const all: [CaKeyAlgorithm, string, WorkloadKeyAlgorithm][] = [
    [CaKeyAlgorithm.EC_P256_SHA256, 'EC_P256_SHA256', WorkloadKeyAlgorithm.ECDSA_P256],
    [CaKeyAlgorithm.EC_P384_SHA384, 'EC_P384_SHA384', WorkloadKeyAlgorithm.ECDSA_P384],
    [CaKeyAlgorithm.RSA_PKCS1_2048_SHA256, 'RSA_PKCS1_2048_SHA256', WorkloadKeyAlgorithm.RSA_2048],
    [CaKeyAlgorithm.RSA_PKCS1_3072_SHA256, 'RSA_PKCS1_3072_SHA256', WorkloadKeyAlgorithm.RSA_3072],
    [CaKeyAlgorithm.RSA_PKCS1_4096_SHA256, 'RSA_PKCS1_4096_SHA256', WorkloadKeyAlgorithm.RSA_4096],
    [CaKeyAlgorithm.RSA_PSS_2048_SHA256, 'RSA_PSS_2048_SHA256', WorkloadKeyAlgorithm.RSA_2048],
    [CaKeyAlgorithm.RSA_PSS_3072_SHA256, 'RSA_PSS_3072_SHA256', WorkloadKeyAlgorithm.RSA_3072],
    [CaKeyAlgorithm.RSA_PSS_4096_SHA256, 'RSA_PSS_4096_SHA256', WorkloadKeyAlgorithm.RSA_4096],
  ];
  it.each(all)('%s is key_spec %s and pairs with the workload key of the same family and strength', (algorithm, value, workload) => {
    expect(algorithm.value).toBe(value);
    expect(algorithm.workloadKeyAlgorithm).toBe(workload);
    expect(algorithm.family).toBe(value.startsWith('EC_') ? KeyFamily.ECDSA : KeyFamily.RSA);
  });
});

describe('CaLifetime', () => {
  it('renders years of 365 days, days and seconds as Terraform durations', () => {
    expect(CaLifetime.years(10).toTerraform()).toBe('315360000s');
    expect(CaLifetime.years(3).toTerraform()).toBe('94608000s');
    expect(CaLifetime.days(30).totalSeconds).toBe(2592000);
    expect(CaLifetime.seconds(3600).toTerraform()).toBe('3600s');
  });
  it('refuses anything but a whole number of at least 1', () => {
    fc.assert(fc.property(fc.oneof(fc.integer({ max: 0 }), fc.double({ noNaN: true }).filter((n) => !Number.isInteger(n))), (amount) => {
      expect(() => CaLifetime.days(amount)).toThrow(`CaLifetime: invalid days ${Number.isFinite(amount) ? JSON.stringify(amount) : `${amount} (a number)`}: must be a whole number`);
    }));
    expect(() => CaLifetime.years(0)).toThrow('CaLifetime: invalid years 0: must be a whole number from 1 to 7900');
    expect(() => CaLifetime.seconds(1.5)).toThrow('CaLifetime: invalid seconds 1.5: must be a whole number from 1 to');
  });
});
