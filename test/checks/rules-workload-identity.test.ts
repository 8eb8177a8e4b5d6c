import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { ServiceAccountIamBinding } from '@cdktf/provider-google/lib/service-account-iam-binding';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { SecuritySeverity } from '../../lib';
import { WORKLOAD_IDENTITY_RULES } from '../../lib/checks/rules-workload-identity';
import { coveredIds, describeRuleCases, enableApis, findingsAt, findingsFor, POOL, RuleCase, secureCluster, TestApp } from './fixtures';

const CLUSTER = 'google_container_cluster.cluster';
const KSA = 'kubernetes_service_account_v1.ksa';
const BINDING = 'google_service_account_iam_member.binding';

/** A Google service account `app-gsa` in the platform stack and, optionally, the KSA default/app linked to it. */
function linked(t: TestApp, options: { annotate?: boolean | string; bind?: boolean; member?: string } = {}): ServiceAccount {
  secureCluster(t.platform);
  const gsa = new ServiceAccount(t.platform, 'gsa', { accountId: 'app-gsa' });
  if (options.bind ?? true) {
    new ServiceAccountIamMember(t.platform, 'binding', {
      serviceAccountId: gsa.name, role: 'roles/iam.workloadIdentityUser', member: options.member ?? `serviceAccount:${POOL}[default/app]`,
    });
  }
  const annotate = options.annotate ?? true;
  new ServiceAccountV1(t.workloads, 'ksa', {
    metadata: {
      name: 'app', namespace: 'default',
      annotations: annotate === false ? undefined : { 'iam.gke.io/gcp-service-account': annotate === true ? gsa.email : annotate },
    },
  });
  return gsa;
}

const CASES: RuleCase[] = [
  {
    id: 'WI-1', name: 'APIs managed without iamcredentials', address: CLUSTER,
    fails: (t) => { secureCluster(t.platform); enableApis(t.platform, ['container.googleapis.com']); },
    passes: (t) => { secureCluster(t.platform); enableApis(t.platform, ['container.googleapis.com', 'iamcredentials.googleapis.com']); },
  },
  {
    id: 'WI-1', name: 'no API managed at all', address: CLUSTER, severity: SecuritySeverity.WARNING,
    fails: (t) => secureCluster(t.platform),
    passes: (t) => { secureCluster(t.platform); enableApis(t.platform, ['iamcredentials.googleapis.com']); },
  },
  {
    id: 'WI-2', name: 'no workload pool', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { workloadIdentityConfig: undefined }),
    passes: (t) => secureCluster(t.platform),
  },
  {
    id: 'WI-2', name: 'another project\'s workload pool', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { workloadIdentityConfig: { workloadPool: 'other-proj.svc.id.goog' } }),
    passes: (t) => secureCluster(t.platform, { workloadIdentityConfig: { workloadPool: POOL } }),
  },
  {
    id: 'WI-3', name: 'annotated KSA without binding (cross-stack reference)', address: KSA,
    fails: (t) => linked(t, { bind: false }),
    passes: (t) => linked(t),
  },
  {
    id: 'WI-3', name: 'binding for another KSA', address: KSA,
    fails: (t) => linked(t, { member: `serviceAccount:${POOL}[default/other]` }),
    passes: (t) => linked(t, { member: `serviceAccount:${POOL}[default/app]` }),
  },
  {
    id: 'WI-3', name: 'external Google service account without binding', address: KSA, severity: SecuritySeverity.WARNING,
    fails: (t) => linked(t, { bind: false, annotate: 'ext-gsa@other-proj.iam.gserviceaccount.com' }),
    passes: (t) => {
      linked(t, { bind: false, annotate: 'ext-gsa@other-proj.iam.gserviceaccount.com' });
      new ServiceAccountIamBinding(t.platform, 'ext-binding', {
        serviceAccountId: 'projects/other-proj/serviceAccounts/ext-gsa@other-proj.iam.gserviceaccount.com',
        role: 'roles/iam.workloadIdentityUser', members: [`serviceAccount:${POOL}[default/app]`],
      });
    },
  },
  {
    id: 'WI-3', name: 'annotation that is not an e-mail', address: KSA,
    fails: (t) => linked(t, { annotate: 'app-gsa' }),
    passes: (t) => linked(t, { annotate: `app-gsa@demo-proj.iam.gserviceaccount.com` }),
  },
  {
    id: 'WI-4', name: 'binding for a KSA without annotation', address: BINDING,
    fails: (t) => linked(t, { annotate: false }),
    passes: (t) => linked(t),
  },
  {
    id: 'WI-4', name: 'binding for a KSA annotated with another account', address: BINDING,
    fails: (t) => linked(t, { annotate: 'other@demo-proj.iam.gserviceaccount.com' }),
    passes: (t) => linked(t, { annotate: 'app-gsa@demo-proj.iam.gserviceaccount.com' }),
  },
  {
    id: 'WI-5', name: 'member without brackets', address: BINDING,
    fails: (t) => linked(t, { member: `serviceAccount:${POOL}/default/app` }),
    passes: (t) => linked(t),
  },
  {
    id: 'WI-5', name: 'principal with a project id instead of the number', address: BINDING,
    fails: (t) => linked(t, { member: `principal://iam.googleapis.com/projects/demo-proj/locations/global/workloadIdentityPools/${POOL}/subject/ns/default/sa/app` }),
    passes: (t) => linked(t, { member: `principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/${POOL}/subject/ns/default/sa/app` }),
  },
  {
    id: 'WI-6', name: 'zonal control plane', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { location: 'us-east1-b' }),
    passes: (t) => secureCluster(t.platform),
  },
  {
    id: 'WI-7', name: 'more than 3,000 KSAs in a cluster', address: CLUSTER,
    fails: (t) => { secureCluster(t.platform); new ServiceAccountV1(t.workloads, 'many', { count: 3001, metadata: { name: 'sa-${count.index}' } }); },
    passes: (t) => { secureCluster(t.platform); new ServiceAccountV1(t.workloads, 'many', { count: 3000, metadata: { name: 'sa-${count.index}' } }); },
  },
  {
    id: 'WI-8', name: 'GKE service agent role not granted', address: CLUSTER, props: { checkServiceAgentRole: true },
    fails: (t) => secureCluster(t.platform),
    passes: (t) => {
      secureCluster(t.platform);
      new ProjectIamMember(t.platform, 'agent', {
        project: 'demo-proj', role: 'roles/container.serviceAgent', member: 'serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com',
      });
    },
  },
];

describeRuleCases(CASES);

it('covers every Workload Identity rule', () => {
  expect(coveredIds(CASES)).toEqual(WORKLOAD_IDENTITY_RULES.map((r) => r.id).sort());
});

describe('Workload Identity cross-resource checks', () => {
  it('names the annotated account by e-mail, not by the cross-stack reference', () => {
    const [finding] = findingsAt(findingsFor((t) => linked(t, { bind: false })), 'WI-3', KSA);
    expect(finding.message).toContain('annotated with app-gsa@demo-proj.iam.gserviceaccount.com');
    expect(finding.stack).toBe('workloads');
  });
  it('skips the service agent check unless asked', () => {
    expect(findingsAt(findingsFor((t) => secureCluster(t.platform)), 'WI-8', CLUSTER)).toEqual([]);
  });
  it('does not guess when the annotation is unknown', () => {
    const findings = findingsFor((t) => linked(t, { annotate: '${var.gsa_email}' }));
    expect(findingsAt(findings, 'WI-4', BINDING)).toEqual([]);
    expect(findingsAt(findings, 'WI-3', KSA)).toEqual([]);
  });
  it('accepts a namespace-wide principalSet binding', () => {
    const findings = findingsFor((t) => linked(t, {
      member: `principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/${POOL}/namespace/default`,
    }));
    expect(findingsAt(findings, 'WI-3', KSA)).toEqual([]);
    expect(findingsAt(findings, 'WI-5', BINDING)).toEqual([]);
  });
  it('accepts a principal whose project number is a Terraform variable', () => {
    const findings = findingsFor((t) => linked(t, {
      member: `principal://iam.googleapis.com/projects/\${var.project_number}/locations/global/workloadIdentityPools/${POOL}/subject/ns/default/sa/app`,
    }));
    expect(findingsAt(findings, 'WI-5', BINDING)).toEqual([]);
  });
  it('still refuses a literal project id where the number belongs, next to a variable', () => {
    const findings = findingsFor((t) => linked(t, {
      member: `principal://iam.googleapis.com/projects/demo-proj/locations/global/workloadIdentityPools/${POOL}/subject/ns/\${var.ns}/sa/app`,
    }));
    expect(findingsAt(findings, 'WI-5', BINDING).map((f) => f.message)).toEqual([expect.stringContaining('by NUMBER')]);
  });
  it('matches a binding that names the account by a literal resource id', () => {
    const findings = findingsFor((t) => {
      linked(t, { bind: false });
      new ServiceAccountIamMember(t.platform, 'literal', {
        serviceAccountId: 'projects/demo-proj/serviceAccounts/app-gsa@demo-proj.iam.gserviceaccount.com',
        role: 'roles/iam.workloadIdentityUser', member: `serviceAccount:${POOL}[default/app]`,
      });
    });
    expect(findingsAt(findings, 'WI-3', KSA)).toEqual([]);
  });
});
