import { TerraformLocal } from 'cdktf';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { findingsAt, findingsFor, secureCluster } from './fixtures';

const CLUSTER = 'google_container_cluster.cluster';

describe('the rule pack reads the final Terraform, escape hatches included', () => {
  it('judges a resource injected with stack.addOverride, on the stack', () => {
    const findings = findingsFor((t) => {
      t.platform.addOverride('resource.google_project_iam_member.injected', { project: 'demo-proj', role: 'roles/owner', member: 'serviceAccount:ci@demo-proj.iam.gserviceaccount.com' });
    });
    const found = findingsAt(findings, 'IAM-1', 'google_project_iam_member.injected');
    expect(found.map((f) => [f.severity, f.constructPath])).toEqual([['error', 'platform']]);
  });

  it('judges a stack-level override of an existing resource', () => {
    const findings = findingsFor((t) => {
      secureCluster(t.platform);
      t.platform.addOverride('resource.google_container_cluster.cluster.enable_legacy_abac', true);
    });
    expect(findingsAt(findings, 'GKE-6', CLUSTER).map((f) => f.constructPath)).toEqual(['platform/cluster']);
  });

  it('reads a block written as a single object instead of a list', () => {
    const findings = findingsFor((t) => {
      const cluster = secureCluster(t.platform);
      cluster.addOverride('master_auth', { client_certificate_config: { issue_client_certificate: true } });
    });
    expect(findingsAt(findings, 'GKE-5', CLUSTER)).toHaveLength(1);
  });

  it('reads literal values held in locals', () => {
    const findings = findingsFor((t) => {
      const role = new TerraformLocal(t.platform, 'admin_role', 'roles/editor');
      const abac = new TerraformLocal(t.platform, 'abac', true);
      secureCluster(t.platform, { enableLegacyAbac: abac.asBoolean });
      new ProjectIamMember(t.platform, 'grant', { project: 'demo-proj', role: role.asString, member: 'serviceAccount:ci@demo-proj.iam.gserviceaccount.com' });
    });
    expect(findingsAt(findings, 'IAM-1', 'google_project_iam_member.grant')).toHaveLength(1);
    expect(findingsAt(findings, 'GKE-6', CLUSTER)).toHaveLength(1);
  });

  it('judges nothing of a resource with a literal count = 0', () => {
    const findings = findingsFor((t) => {
      const grant = new ProjectIamMember(t.platform, 'grant', { project: 'demo-proj', role: 'roles/owner', member: 'serviceAccount:ci@demo-proj.iam.gserviceaccount.com' });
      grant.count = 0;
    });
    expect(findings.filter((f) => f.resourceAddress === 'google_project_iam_member.grant')).toEqual([]);
  });

  it('still judges a resource whose count is 1 or unknown', () => {
    const findings = findingsFor((t) => {
      const grant = new ProjectIamMember(t.platform, 'grant', { project: 'demo-proj', role: 'roles/owner', member: 'serviceAccount:ci@demo-proj.iam.gserviceaccount.com' });
      grant.count = 1;
    });
    expect(findingsAt(findings, 'IAM-1', 'google_project_iam_member.grant')).toHaveLength(1);
  });
});
