import * as fc from 'fast-check';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import {
  CaKeyAlgorithm, WorkloadCertificates, WorkloadCertificatesProps, WorkloadKeyAlgorithm, WorkloadTrustStore,
} from '../../lib';
import { resourcesOf, synth } from '../helpers';
import { authorityIn, platformAndWorkloads, warningsOf } from './fixtures';

const ROOT_POOL_URI = '//privateca.googleapis.com/projects/demo-proj/locations/us-east1/caPools/td-sec-pool';
const ISSUING_POOL_URI = '//privateca.googleapis.com/projects/demo-proj/locations/us-east1/caPools/td-ca-pool';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

/** The guide's platform (cluster, CA, grant) and WorkloadCertificates in the workloads stack. */
function certificates(props: Partial<WorkloadCertificatesProps> = {}, grant = true) {
  const env = platformAndWorkloads();
  new GoogleProvider(env.workloads, 'google', { project: 'demo-proj' });
  const authority = authorityIn(env.platform);
  if (grant) authority.grantMeshCertificateIssuance(env.cluster);
  const certs = new WorkloadCertificates(env.workloads, 'certs', { cluster: env.cluster, authority, ...props });
  return { ...env, authority, certs };
}

function manifests(stack: TerraformStack): Record<string, unknown>[] {
  return resourcesOf(synth(stack), 'kubernetes_manifest').map((m) => m.manifest as Record<string, unknown>);
}

describe('WorkloadCertificates with the guide\'s values', () => {
  const { workloads, platform, certs } = certificates();
  const json = synth(workloads);
  const [config, trust] = ['WorkloadCertificateConfig', 'TrustConfig']
    .map((kind) => resourcesOf(json, 'kubernetes_manifest').find((m) => (m.manifest as { kind: string }).kind === kind)!);

  it('applies the WorkloadCertificateConfig named default, issuing from the subordinate pool with keys of the CA family', () => {
    expect(config.manifest).toEqual({
      apiVersion: 'security.cloud.google.com/v1',
      kind: 'WorkloadCertificateConfig',
      metadata: { name: 'default' },
      spec: {
        certificateAuthorityConfig: { certificateAuthorityServiceConfig: { endpointURI: ISSUING_POOL_URI } },
        keyAlgorithm: { ecdsa: { curve: 'P256' } },
        validityDurationSeconds: 86400,
        rotationWindowPercentage: 50,
      },
    });
  });
  it('applies the TrustConfig named default, anchoring the cluster\'s trust domain at the root pool', () => {
    expect(trust.manifest).toEqual({
      apiVersion: 'security.cloud.google.com/v1',
      kind: 'TrustConfig',
      metadata: { name: 'default' },
      spec: {
        trustStores: [{ trustDomain: 'demo-proj.svc.id.goog', trustAnchors: [{ certificateAuthorityServiceURI: ROOT_POOL_URI }] }],
      },
    });
  });
  it('exposes the typed objects it applied', () => {
    expect(config.manifest).toEqual(certs.workloadCertificateConfig);
    expect(trust.manifest).toEqual(certs.trustConfig);
    expect(certs.keyAlgorithm).toBe(WorkloadKeyAlgorithm.ECDSA_P256);
    expect(certs.trustDomain).toBe('demo-proj.svc.id.goog');
  });
  it('applies both through the kubernetes provider wired to the cluster, after the platform stack', () => {
    expect(json.provider?.kubernetes).toHaveLength(1);
    expect([config.provider, trust.provider]).toEqual(['kubernetes', 'kubernetes']);
    expect(Object.values(json.data?.google_container_cluster ?? {})).toEqual([
      { project: 'demo-proj', name: 'secure-td-cluster', location: 'us-east1' },
    ]);
    expect(workloads.dependencies).toEqual([platform]);
    expect(Testing.synth(workloads)).toHaveResourceWithProperties(Manifest, { manifest: certs.trustConfig });
  });
  it('warns about nothing', () => {
    Testing.synth(workloads, true);
    expect(warningsOf(certs)).toEqual([]);
  });
});

describe('WorkloadCertificates options', () => {
  it('writes the key algorithm, validity and rotation window it is given', () => {
    const { workloads } = certificates({
      keyAlgorithm: WorkloadKeyAlgorithm.ECDSA_P384, validityDurationSeconds: 3600, rotationWindowPercentage: 0,
    });
    const config = manifests(workloads).find((m) => m.kind === 'WorkloadCertificateConfig')!;
    expect(config.spec).toMatchObject({ keyAlgorithm: { ecdsa: { curve: 'P384' } }, validityDurationSeconds: 3600, rotationWindowPercentage: 0 });
  });
  it('derives RSA workload keys of the CA\'s strength from an RSA hierarchy', () => {
    const env = platformAndWorkloads();
    const authority = authorityIn(env.platform, { keyAlgorithm: CaKeyAlgorithm.RSA_PSS_3072_SHA256 });
    authority.grantMeshCertificateIssuance(env.cluster);
    const certs = new WorkloadCertificates(env.workloads, 'certs', { cluster: env.cluster, authority });
    expect(certs.workloadCertificateConfig.spec.keyAlgorithm).toEqual({ rsa: { modulusSize: 3072 } });
    expect(warningsOf(certs)).toEqual([]);
  });
  it('adds trust stores for other trust domains after the cluster\'s own', () => {
    const extra: WorkloadTrustStore[] = [
      { trustDomain: 'other-proj.svc.id.goog', trustAnchors: [
        { certificateAuthorityServiceURI: '//privateca.googleapis.com/projects/other-proj/locations/europe-west1/caPools/root' },
        { pemCertificate: PEM },
      ] },
      { trustDomain: 'partner.example.com', trustAnchors: [{ spiffeTrustBundleEndpoint: 'https://bundle.example.com/spiffe' }] },
    ];
    const { workloads } = certificates({ additionalTrustStores: extra });
    const trust = manifests(workloads).find((m) => m.kind === 'TrustConfig')!;
    expect((trust.spec as { trustStores: unknown[] }).trustStores).toEqual([
      { trustDomain: 'demo-proj.svc.id.goog', trustAnchors: [{ certificateAuthorityServiceURI: ROOT_POOL_URI }] },
      ...extra,
    ]);
  });
  it('issues from the root pool when the authority does', () => {
    const env = platformAndWorkloads();
    const authority = authorityIn(env.platform, { subordinate: undefined, issueFromRoot: true });
    authority.grantMeshCertificateIssuance(env.cluster);
    const certs = new WorkloadCertificates(env.workloads, 'certs', { cluster: env.cluster, authority });
    expect(certs.workloadCertificateConfig.spec.certificateAuthorityConfig.certificateAuthorityServiceConfig.endpointURI).toBe(ROOT_POOL_URI);
  });
  it('waits for the CAs and grants with depends_on when the authority shares its stack', () => {
    const env = platformAndWorkloads();
    const authority = authorityIn(env.workloads);
    authority.grantMeshCertificateIssuance(env.cluster);
    new WorkloadCertificates(env.workloads, 'certs', { cluster: env.cluster, authority });
    const manifests = resourcesOf(synth(env.workloads), 'kubernetes_manifest');
    expect(manifests.length).toBeGreaterThan(0);
    expect(manifests.map((manifest) => (manifest.depends_on as string[]).map((d) => d.replace(/_[0-9A-F]{8}$/, '')).sort())).toEqual(
      manifests.map(() => [
        'google_privateca_ca_pool_iam_member.ca_MeshIssuance-demo-proj_IssuingPoolCertificateManager',
        'google_privateca_ca_pool_iam_member.ca_MeshIssuance-demo-proj_RootPoolAuditor',
        'google_privateca_certificate_authority.ca_RootCa',
        'google_privateca_certificate_authority.ca_SubordinateCa',
      ]));
  });
  it('makes its stack depend on the authority\'s stack when that is a third one', () => {
    const env = platformAndWorkloads();
    const pki = new TerraformStack(env.app, 'pki');
    const authority = authorityIn(pki);
    authority.grantMeshCertificateIssuance(env.cluster);
    new WorkloadCertificates(env.workloads, 'certs', { cluster: env.cluster, authority });
    expect(env.workloads.dependencies).toEqual([env.platform, pki]);
  });
});

describe('WorkloadCertificates warnings', () => {
  it('warns when workload keys are of another family than the CAs', () => {
    const { certs } = certificates({ keyAlgorithm: WorkloadKeyAlgorithm.RSA_4096 });
    expect(warningsOf(certs)).toEqual([
      'workloads/certs: workload keys use RSA 4096 but the CAs of platform/ca use ECDSA keys; the guide recommends workload keys ' +
      'of the same family as the root and subordinate CAs, for compatibility with TLS stacks',
    ]);
  });
  it('warns at synth, once, when the authority grants the cluster\'s project nothing', () => {
    const { certs, workloads } = certificates({}, false);
    expect(warningsOf(certs)).toEqual([]);
    Testing.synth(workloads, true);
    Testing.synth(workloads, true);
    expect(warningsOf(certs)).toEqual([
      'workloads/certs: platform/ca grants the GKE service agent of project demo-proj no access to its pools, so no certificate ' +
      'will be issued; call grantMeshCertificateIssuance(cluster), or grant roles/privateca.auditor on the root pool and ' +
      'roles/privateca.certificateManager on the issuing pool outside this app',
    ]);
  });
  it('accepts a grant made after WorkloadCertificates was created', () => {
    const { certs, workloads, authority, cluster } = certificates({}, false);
    authority.grantMeshCertificateIssuance(cluster);
    Testing.synth(workloads, true);
    expect(warningsOf(certs)).toEqual([]);
  });
});

describe('WorkloadCertificates bad input', () => {
  it('refuses the cluster\'s own stack, explaining that Terraform plans custom resources against a live API', () => {
    const env = platformAndWorkloads();
    const authority = authorityIn(env.platform);
    expect(() => new WorkloadCertificates(env.platform, 'certs', { cluster: env.cluster, authority })).toThrow(
      'platform/certs: invalid stack "platform": must not be the stack that creates the cluster: WorkloadCertificateConfig and ' +
      'TrustConfig are custom resources, and Terraform plans kubernetes_manifest against the live cluster API, where their CRDs ' +
      'exist only once the cluster runs with mesh certificates. Create WorkloadCertificates in a later stack (for example "workloads")');
  });
  it('refuses a cluster without mesh certificates', () => {
    const env = platformAndWorkloads({ meshCertificates: false });
    const authority = authorityIn(env.platform);
    expect(() => new WorkloadCertificates(env.workloads, 'certs', { cluster: env.cluster, authority })).toThrow(
      'workloads/certs: invalid cluster "platform/cluster": must have mesh certificates enabled (meshCertificates: true)');
  });

  const cases: [string, Partial<WorkloadCertificatesProps>, string][] = [
    ['a fractional validity', { validityDurationSeconds: 1.5 }, 'workloads/certs: invalid validityDurationSeconds 1.5: must be a whole number of at least 1'],
    ['a zero validity', { validityDurationSeconds: 0 }, 'workloads/certs: invalid validityDurationSeconds 0: must be a whole number of at least 1'],
    ['a rotation window above 100', { rotationWindowPercentage: 101 },
      'workloads/certs: invalid rotationWindowPercentage 101: must be a whole number from 0 to 100'],
    ['a negative rotation window', { rotationWindowPercentage: -1 },
      'workloads/certs: invalid rotationWindowPercentage -1: must be a whole number from 0 to 100'],
    ['a store for the cluster\'s own trust domain',
      { additionalTrustStores: [{ trustDomain: 'demo-proj.svc.id.goog', trustAnchors: [{ pemCertificate: PEM }] }] },
      'workloads/certs: invalid additionalTrustStores[0].trustDomain "demo-proj.svc.id.goog": is the cluster\'s own trust domain'],
    ['a trust domain twice', { additionalTrustStores: [
      { trustDomain: 'other-proj.svc.id.goog', trustAnchors: [{ pemCertificate: PEM }] },
      { trustDomain: 'other-proj.svc.id.goog', trustAnchors: [{ pemCertificate: PEM }] },
    ] }, 'workloads/certs: invalid additionalTrustStores[1].trustDomain "other-proj.svc.id.goog": appears twice; GKE rejects'],
    ['a trust domain that is no DNS name', { additionalTrustStores: [{ trustDomain: 'Other_Proj', trustAnchors: [{ pemCertificate: PEM }] }] },
      'workloads/certs: invalid additionalTrustStores[0].trustDomain "Other_Proj": must be a DNS-1123 subdomain'],
    ['a store without anchors', { additionalTrustStores: [{ trustDomain: 'other-proj.svc.id.goog', trustAnchors: [] }] },
      'workloads/certs: invalid additionalTrustStores[0].trustAnchors []: must list at least one anchor'],
    ['an anchor with two sources', { additionalTrustStores: [{ trustDomain: 'o.svc.id.goog', trustAnchors: [
      { pemCertificate: PEM, spiffeTrustBundleEndpoint: 'https://bundle.example.com' },
    ] }] }, 'workloads/certs: invalid additionalTrustStores[0].trustAnchors[0] {"pemCertificate":'],
    ['an empty anchor', { additionalTrustStores: [{ trustDomain: 'o.svc.id.goog', trustAnchors: [{}] }] },
      'workloads/certs: invalid additionalTrustStores[0].trustAnchors[0] {}: must set exactly one of certificateAuthorityServiceURI, pemCertificate and spiffeTrustBundleEndpoint'],
    ['a pool resource name instead of its URI', { additionalTrustStores: [{ trustDomain: 'o.svc.id.goog', trustAnchors: [
      { certificateAuthorityServiceURI: 'projects/o/locations/us-east1/caPools/root' },
    ] }] }, 'workloads/certs: invalid additionalTrustStores[0].trustAnchors[0].certificateAuthorityServiceURI ' +
      '"projects/o/locations/us-east1/caPools/root": must be a CA pool URI: //privateca.googleapis.com/projects/P/locations/L/caPools/POOL'],
    ['two certificates in one PEM anchor', { additionalTrustStores: [{ trustDomain: 'o.svc.id.goog', trustAnchors: [{ pemCertificate: PEM + PEM }] }] },
      'workloads/certs: invalid additionalTrustStores[0].trustAnchors[0].pemCertificate'],
    ['a plain-HTTP bundle endpoint', { additionalTrustStores: [{ trustDomain: 'o.svc.id.goog', trustAnchors: [
      { spiffeTrustBundleEndpoint: 'http://bundle.example.com' },
    ] }] }, 'workloads/certs: invalid additionalTrustStores[0].trustAnchors[0].spiffeTrustBundleEndpoint "http://bundle.example.com": ' +
      'must be an https:// URL serving a SPIFFE trust bundle'],
  ];
  it.each(cases)('refuses %s', (_name, props, message) => {
    expect(() => certificates(props)).toThrow(message);
  });

  describe('as properties', () => {
    // One platform for every run: each run adds its own WorkloadCertificates to the workloads stack.
    const env = platformAndWorkloads();
    const authority = authorityIn(env.platform);
    let run = 0;
    const build = (props: Partial<WorkloadCertificatesProps>) => () =>
      new WorkloadCertificates(env.workloads, `certs-${run++}`, { cluster: env.cluster, authority, ...props });

    it('accepts exactly the whole rotation windows from 0 to 100', () => {
      fc.assert(fc.property(fc.oneof(fc.integer({ min: -50, max: 150 }), fc.double({ noNaN: true })), (percentage) => {
        const attempt = build({ rotationWindowPercentage: percentage });
        if (Number.isInteger(percentage) && percentage >= 0 && percentage <= 100) expect(attempt).not.toThrow();
        else expect(attempt).toThrow(/invalid rotationWindowPercentage .*: must be a whole number from 0 to 100$/);
      }), { numRuns: 300 });
    });
    it('accepts every whole validity of at least one second and nothing else', () => {
      fc.assert(fc.property(fc.oneof(fc.integer({ min: -100, max: 10_000_000 }), fc.double({ noNaN: true })), (seconds) => {
        const attempt = build({ validityDurationSeconds: seconds });
        if (Number.isSafeInteger(seconds) && seconds >= 1) expect(attempt).not.toThrow();
        else expect(attempt).toThrow(/invalid validityDurationSeconds .*: must be a whole number of at least 1$/);
      }), { numRuns: 300 });
    });
  });
  it('lets unresolved numbers pass', () => {
    const env = platformAndWorkloads();
    const authority = authorityIn(env.platform);
    const validity = new TerraformVariable(env.workloads, 'validity', { type: 'number' }).numberValue;
    expect(() => new WorkloadCertificates(env.workloads, 'certs', { cluster: env.cluster, authority, validityDurationSeconds: validity }))
      .not.toThrow();
  });
});
