import { Testing } from 'cdktf';
import { MeshCertificateAuthority, SecurityChecks, SecurityFinding, SecuritySeverity, WorkloadCertificates, WorkloadKeyAlgorithm } from '../../lib';
import { World } from '../fuzz/world';

/** The PKI findings of an app with the given authority and workload certificates, built with the library. */
function pkiFindings(build: (w: World) => void): SecurityFinding[] {
  const w = new World();
  build(w);
  SecurityChecks.applyTo(w.app);
  for (const stack of [w.platform, w.workloads]) {
    try { Testing.synth(stack, true); } catch { /* findings are read below */ }
  }
  return SecurityChecks.findingsOf(w.app).filter((f) => f.ruleId.startsWith('PKI-'));
}

const show = (findings: SecurityFinding[]) => findings.map((f) => `${f.severity} ${f.message}`);

describe('documented PKI inputs pass the rule pack', () => {
  test('an adopted root (existingRoot) in another project anchors the trust store', () => {
    const findings = pkiFindings((w) => {
      const authority = new MeshCertificateAuthority(w.platform, 'ca', {
        project: w.project, location: 'us-east1', organization: 'TestCorpLLC',
        existingRoot: { projectId: 'pki-root-proj', poolId: 'corp-root-pool', caId: 'corp-root' }, subordinate: { poolId: 'td-ca-pool', caId: 'td-ca' },
      });
      new WorkloadCertificates(w.workloads, 'certs', { cluster: w.cluster, authority });
    });
    expect(show(findings.filter((f) => f.ruleId === 'PKI-5'))).toEqual([]);
  });

  test('an additional trust store anchored in another project\'s CA pool', () => {
    const findings = pkiFindings((w) => new WorkloadCertificates(w.workloads, 'certs', {
      cluster: w.cluster, authority: w.authority,
      additionalTrustStores: [{ trustDomain: 'other-proj.svc.id.goog', trustAnchors: [{ certificateAuthorityServiceURI: '//privateca.googleapis.com/projects/other-proj/locations/us-east1/caPools/p' }] }],
    }));
    expect(show(findings.filter((f) => f.ruleId === 'PKI-5'))).toEqual([]);
  });

  test('RSA_4096 workload keys under EC CAs are a warning, as WorkloadCertificates documents', () => {
    const findings = pkiFindings((w) => new WorkloadCertificates(w.workloads, 'certs', { cluster: w.cluster, authority: w.authority, keyAlgorithm: WorkloadKeyAlgorithm.RSA_4096 }));
    expect(findings.filter((f) => f.ruleId === 'PKI-6').map((f) => f.severity)).toEqual([SecuritySeverity.WARNING]);
  });
});
