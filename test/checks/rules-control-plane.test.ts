import { CONTROL_PLANE_RULES } from '../../lib/checks/rules-control-plane';
import * as fc from 'fast-check';
import { coveredIds, describeRuleCases, enableApis, findingsAt, findingsFor, RuleCase, secureCluster, secureNodeConfig } from './fixtures';

const CLUSTER = 'google_container_cluster.cluster';

const CASES: RuleCase[] = [
  {
    id: 'GKE-1', name: 'no release channel', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { releaseChannel: undefined }),
    passes: (t) => secureCluster(t.platform),
  },
  {
    id: 'GKE-1', name: 'UNSPECIFIED release channel', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { releaseChannel: { channel: 'UNSPECIFIED' } }),
    passes: (t) => secureCluster(t.platform, { releaseChannel: { channel: 'STABLE' } }),
  },
  {
    id: 'GKE-2', name: 'public nodes', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { privateClusterConfig: undefined }),
    passes: (t) => secureCluster(t.platform),
  },
  {
    id: 'GKE-3', name: '0.0.0.0/0 authorized network', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: '10.0.0.0/8' }, { cidrBlock: '0.0.0.0/0' }] } }),
    passes: (t) => secureCluster(t.platform),
  },
  {
    id: 'GKE-4', name: 'no authorized networks on a public endpoint', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { masterAuthorizedNetworksConfig: undefined }),
    passes: (t) => secureCluster(t.platform, {
      masterAuthorizedNetworksConfig: undefined,
      privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true, masterIpv4CidrBlock: '172.16.0.0/28' },
    }),
  },
  {
    id: 'GKE-4', name: 'all Google Cloud public addresses', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { masterAuthorizedNetworksConfig: { gcpPublicCidrsAccessEnabled: true } }),
    passes: (t) => secureCluster(t.platform, { masterAuthorizedNetworksConfig: { gcpPublicCidrsAccessEnabled: false } }),
  },
  {
    id: 'GKE-5', name: 'client certificate', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { masterAuth: { clientCertificateConfig: { issueClientCertificate: true } } }),
    passes: (t) => secureCluster(t.platform, { masterAuth: { clientCertificateConfig: { issueClientCertificate: false } } }),
  },
  {
    id: 'GKE-6', name: 'legacy ABAC', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { enableLegacyAbac: true }),
    passes: (t) => secureCluster(t.platform, { enableLegacyAbac: false }),
  },
  {
    id: 'GKE-7', name: 'no NetworkPolicy enforcement', address: CLUSTER,
    fails: (t) => secureCluster(t.platform, { datapathProvider: 'LEGACY_DATAPATH' }),
    passes: (t) => secureCluster(t.platform, { datapathProvider: 'LEGACY_DATAPATH', networkPolicy: { enabled: true, provider: 'CALICO' } }),
  },
];

describeRuleCases(CASES);

it('covers every control-plane rule', () => {
  expect(coveredIds(CASES)).toEqual(CONTROL_PLANE_RULES.map((r) => r.id).sort());
});

it('skips values only known at apply time', () => {
  const findings = findingsFor((t) => secureCluster(t.platform, {
    enableLegacyAbac: '${var.abac}' as unknown as boolean,
    releaseChannel: { channel: '${var.channel}' },
  }));
  expect(findingsAt(findings, 'GKE-6', CLUSTER)).toEqual([]);
  expect(findingsAt(findings, 'GKE-1', CLUSTER)).toEqual([]);
});

it('never reports a cluster setting that is only known at apply time (property)', () => {
  const unknown = '${var.setting}';
  const settings: Record<string, object> = {
    location: { location: unknown },
    releaseChannel: { releaseChannel: { channel: unknown } },
    workloadPool: { workloadIdentityConfig: { workloadPool: unknown } },
    privateNodes: { privateClusterConfig: { enablePrivateNodes: unknown, masterIpv4CidrBlock: '172.16.0.0/28' } },
    authorizedNetworks: { masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: unknown }] } },
    datapath: { datapathProvider: unknown },
    legacyAbac: { enableLegacyAbac: unknown },
    shieldedNodes: { enableShieldedNodes: unknown },
    clientCertificate: { masterAuth: { clientCertificateConfig: { issueClientCertificate: unknown } } },
    nodeServiceAccount: { nodeConfig: secureNodeConfig({ serviceAccount: unknown }) },
    metadataMode: { nodeConfig: secureNodeConfig({ workloadMetadataConfig: { mode: unknown } }) },
  };
  fc.assert(fc.property(fc.subarray(Object.keys(settings), { minLength: 1 }), (chosen) => {
    const overrides = Object.assign({}, ...chosen.map((key) => settings[key]));
    const findings = findingsFor((t) => {
      secureCluster(t.platform, overrides);
      enableApis(t.platform, ['iamcredentials.googleapis.com']);
    });
    expect(findings.filter((f) => f.resourceAddress === CLUSTER).map((f) => f.message)).toEqual([]);
  }), { numRuns: 25 });
});
