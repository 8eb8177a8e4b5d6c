import * as fc from 'fast-check';
import { TerraformStack } from 'cdktf';
import { GcpProject, WorkloadPrincipal } from '../../lib';
import { newStack, synth } from '../helpers';
import { principalOf, project } from './fixtures';

const lower = 'abcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';
const char = (chars: string) => fc.constantFrom(...chars);

/** A DNS-1123 label of 1-63 characters. */
const label = fc.tuple(char(lower + digits), fc.array(char(lower + digits + '-'), { maxLength: 61 }), char(lower + digits))
  .map(([a, middle, z]) => (middle.length === 0 && a === z ? a : a + middle.join('') + z));
/** A DNS-1123 subdomain of up to three labels (at most 191 characters, within the 253 limit). */
const subdomain = fc.array(label, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
/** A project id: 6-30 characters, a letter first, no trailing hyphen. */
const projectId = fc.tuple(char(lower), fc.array(char(lower + digits + '-'), { minLength: 4, maxLength: 28 }), char(lower + digits))
  .map(([a, middle, z]) => a + middle.join('') + z);
const projectNumber = fc.tuple(char('123456789'), fc.array(char(digits), { minLength: 5, maxLength: 19 })).map(([a, rest]) => a + rest.join(''));

describe('WorkloadPrincipal', () => {
  const principal = new WorkloadPrincipal({ project, namespace: 'payments', serviceAccountName: 'demo-server' });

  it('names the KSA the three ways Google Cloud needs', () => {
    const { stack } = newStack();
    expect(principal.legacyMember).toBe('serviceAccount:demo-proj.svc.id.goog[payments/demo-server]');
    expect(principal.spiffeId).toBe('spiffe://demo-proj.svc.id.goog/ns/payments/sa/demo-server');
    expect(principal.iamPrincipal(stack)).toBe(principalOf('payments', 'demo-server'));
  });
  it('is a grantee whose member is the principal identifier and that waits for nothing', () => {
    const { stack } = newStack();
    expect(principal.grantMember(stack)).toBe(principal.iamPrincipal(stack));
    expect(principal.grantDependencies(stack)).toEqual([]);
  });
  it('looks the project number up once per stack when it was not given', () => {
    const { stack } = newStack();
    const unnumbered = new WorkloadPrincipal({ project: new GcpProject({ id: 'demo-proj' }), namespace: 'ns', serviceAccountName: 'ksa' });
    unnumbered.iamPrincipal(stack);
    const member = unnumbered.iamPrincipal(stack);
    const json = synth(stack as TerraformStack);
    expect(Object.values(json.data?.google_project ?? {})).toEqual([{ project_id: 'demo-proj' }]);
    expect(member).toMatch(/^principal:\/\/iam\.googleapis\.com\/projects\/\$\{TfToken\[TOKEN\.\d+\]\}\/locations\/global\//);
  });
  it.each([
    [{ namespace: 'Payments', serviceAccountName: 'ksa' }, 'WorkloadPrincipal Payments/ksa: invalid namespace "Payments": must be a DNS-1123 label'],
    [{ namespace: 'ns', serviceAccountName: 'ksa_1' }, 'WorkloadPrincipal ns/ksa_1: invalid serviceAccountName "ksa_1": must be a DNS-1123 subdomain'],
  ])('refuses %o', (names, message) => {
    expect(() => new WorkloadPrincipal({ project, ...names })).toThrow(message);
  });
});

describe('WorkloadPrincipal parsing', () => {
  it('reads each form back into the same KSA', () => {
    const parsed = WorkloadPrincipal.fromIamPrincipal(principalOf('payments', 'demo-server'));
    expect([parsed.project.id, parsed.project.hasLiteralNumber, parsed.namespace, parsed.serviceAccountName])
      .toEqual(['demo-proj', true, 'payments', 'demo-server']);
    const legacy = WorkloadPrincipal.fromLegacyMember('serviceAccount:demo-proj.svc.id.goog[payments/demo-server]');
    expect([legacy.project.id, legacy.project.hasLiteralNumber, legacy.spiffeId])
      .toEqual(['demo-proj', false, 'spiffe://demo-proj.svc.id.goog/ns/payments/sa/demo-server']);
    expect(WorkloadPrincipal.fromSpiffeId('spiffe://demo-proj.svc.id.goog/ns/payments/sa/demo-server').legacyMember)
      .toBe('serviceAccount:demo-proj.svc.id.goog[payments/demo-server]');
  });
  it.each([
    ['fromIamPrincipal', 'principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p.svc.id.goog/namespace/ns',
      'WorkloadPrincipal.fromIamPrincipal: invalid identifier "principalSet://', 'must be principal://iam.googleapis.com/projects/PROJECT_NUMBER/'],
    ['fromLegacyMember', 'serviceAccount:demo-proj.svc.id.goog[payments]', 'WorkloadPrincipal.fromLegacyMember: invalid member',
      'must be serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/KSA]'],
    ['fromSpiffeId', 'spiffe://demo-proj.example.com/ns/a/sa/b', 'WorkloadPrincipal.fromSpiffeId: invalid spiffeId',
      'must be spiffe://PROJECT_ID.svc.id.goog/ns/NAMESPACE/sa/KSA'],
  ] as const)('%s refuses %s', (method, value, where, rule) => {
    const read = WorkloadPrincipal[method] as (v: string) => WorkloadPrincipal;
    expect(() => read(value)).toThrow(where);
    expect(() => read(value)).toThrow(rule);
  });
  it('refuses a parsed KSA whose names break the Kubernetes rules', () => {
    expect(() => WorkloadPrincipal.fromSpiffeId('spiffe://demo-proj.svc.id.goog/ns/Bad_NS/sa/ksa'))
      .toThrow('invalid namespace "Bad_NS": must be a DNS-1123 label');
  });
});

describe('WorkloadPrincipal formatting round-trips (property)', () => {
  const { stack } = newStack();
  const input = fc.record({ id: projectId, number: projectNumber, namespace: label, ksa: subdomain });

  it('principal:// → fromIamPrincipal gives back project id, number, namespace and KSA', () => {
    fc.assert(fc.property(input, ({ id, number, namespace, ksa }) => {
      const original = new WorkloadPrincipal({ project: new GcpProject({ id, number }), namespace, serviceAccountName: ksa });
      const identifier = original.iamPrincipal(stack);
      const parsed = WorkloadPrincipal.fromIamPrincipal(identifier);
      return parsed.project.id === id && parsed.namespace === namespace && parsed.serviceAccountName === ksa &&
        parsed.iamPrincipal(stack) === identifier && parsed.legacyMember === original.legacyMember && parsed.spiffeId === original.spiffeId;
    }), { numRuns: 500 });
  });
  it('legacy member and SPIFFE id → parse → the same three names', () => {
    fc.assert(fc.property(input, ({ id, number, namespace, ksa }) => {
      const original = new WorkloadPrincipal({ project: new GcpProject({ id, number }), namespace, serviceAccountName: ksa });
      const fromLegacy = WorkloadPrincipal.fromLegacyMember(original.legacyMember);
      const fromSpiffe = WorkloadPrincipal.fromSpiffeId(original.spiffeId);
      return [fromLegacy, fromSpiffe].every((p) => p.project.id === id && p.namespace === namespace && p.serviceAccountName === ksa &&
        p.legacyMember === original.legacyMember && p.spiffeId === original.spiffeId);
    }), { numRuns: 500 });
  });
  it('distinct KSAs never share a member string', () => {
    fc.assert(fc.property(input, label, (a, otherNamespace) => {
      fc.pre(otherNamespace !== a.namespace);
      const one = new WorkloadPrincipal({ project: new GcpProject({ id: a.id, number: a.number }), namespace: a.namespace, serviceAccountName: a.ksa });
      const two = new WorkloadPrincipal({ project: new GcpProject({ id: a.id, number: a.number }), namespace: otherNamespace, serviceAccountName: a.ksa });
      return one.legacyMember !== two.legacyMember && one.spiffeId !== two.spiffeId && one.iamPrincipal(stack) !== two.iamPrincipal(stack);
    }), { numRuns: 300 });
  });
});
