import { App, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ContainerCluster, ContainerClusterConfig } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool, ContainerNodePoolConfig, ContainerNodePoolNodeConfig } from '@cdktf/provider-google/lib/container-node-pool';
import { DataGoogleContainerCluster } from '@cdktf/provider-google/lib/data-google-container-cluster';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { SecurityChecks, SecurityChecksProps, SecurityFinding, SecuritySeverity } from '../../lib';

export const PROJECT = 'demo-proj';
export const POOL = `${PROJECT}.svc.id.goog`;
export const NODE_SA = `nodes@${PROJECT}.iam.gserviceaccount.com`;

/** A test app: a platform stack (google provider, project demo-proj) and, on demand, a workloads stack wired to cluster c1. */
export class TestApp {
  public readonly app: App = Testing.app();
  public readonly platform = new TerraformStack(this.app, 'platform');
  private workloadsStack?: TerraformStack;

  constructor() {
    new GoogleProvider(this.platform, 'google', { project: PROJECT, region: 'us-east1' });
  }

  /** A stack whose kubernetes provider reads cluster c1 (us-east1) through a data source, as cluster.connect() does. */
  public get workloads(): TerraformStack {
    if (!this.workloadsStack) {
      this.workloadsStack = new TerraformStack(this.app, 'workloads');
      new GoogleProvider(this.workloadsStack, 'google', { project: PROJECT });
      const data = new DataGoogleContainerCluster(this.workloadsStack, 'cluster-data', { name: 'c1', location: 'us-east1' });
      new KubernetesProvider(this.workloadsStack, 'kubernetes', { host: `https://${data.endpoint}` });
    }
    return this.workloadsStack;
  }
}

/**
 * Builds an app, applies the checks and returns the findings (findingsOf runs the same analysis the aspect
 * runs at synthesis; security-checks.test.ts covers the synthesis path itself).
 */
export function findingsFor(build: (t: TestApp) => void, props?: SecurityChecksProps): SecurityFinding[] {
  const t = new TestApp();
  build(t);
  SecurityChecks.applyTo(t.app, props);
  return SecurityChecks.findingsOf(t.app);
}

/** The findings of one rule on one resource address. */
export function findingsAt(findings: SecurityFinding[], ruleId: string, address: string): SecurityFinding[] {
  return findings.filter((f) => f.ruleId === ruleId && f.resourceAddress === address);
}

/** A cluster as the guides want it: regional, WI, private nodes, authorized networks, Dataplane V2, hardened default pool. */
export function secureCluster(scope: Construct, overrides: Partial<ContainerClusterConfig> = {}, id = 'cluster'): ContainerCluster {
  return new ContainerCluster(scope, id, {
    name: 'c1',
    location: 'us-east1',
    removeDefaultNodePool: true,
    initialNodeCount: 1,
    workloadIdentityConfig: { workloadPool: POOL },
    releaseChannel: { channel: 'REGULAR' },
    privateClusterConfig: { enablePrivateNodes: true, masterIpv4CidrBlock: '172.16.0.0/28' },
    masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: '10.0.0.0/8', displayName: 'corp' }] },
    datapathProvider: 'ADVANCED_DATAPATH',
    nodeConfig: secureNodeConfig(),
    binaryAuthorization: { evaluationMode: 'PROJECT_SINGLETON_POLICY_ENFORCE' },
    enableIntranodeVisibility: true,
    resourceLabels: { team: 'platform' },
    databaseEncryption: { state: 'ENCRYPTED', keyName: 'projects/demo-proj/locations/us-east1/keyRings/gke/cryptoKeys/secrets' },
    ...overrides,
  });
}

/** The node configuration of the guides. */
export function secureNodeConfig(overrides: Partial<ContainerNodePoolNodeConfig> = {}): ContainerNodePoolNodeConfig {
  return {
    serviceAccount: NODE_SA,
    oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
    workloadMetadataConfig: { mode: 'GKE_METADATA' },
    shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
    metadata: { 'disable-legacy-endpoints': 'true' },
    imageType: 'COS_CONTAINERD',
    ...overrides,
  };
}

/** A hardened node pool of `cluster`. */
export function securePool(scope: Construct, cluster: ContainerCluster, overrides: Partial<ContainerNodePoolConfig> = {}, id = 'pool'): ContainerNodePool {
  return new ContainerNodePool(scope, id, {
    cluster: cluster.name,
    location: 'us-east1',
    nodeCount: 1,
    management: { autoRepair: true, autoUpgrade: true },
    nodeConfig: secureNodeConfig(),
    ...overrides,
  });
}

/** Enables APIs with google_project_service. */
export function enableApis(scope: Construct, services: string[]): void {
  services.forEach((service) => new ProjectService(scope, `api-${service.split('.')[0]}`, { service }));
}

/** A test case of one rule: a configuration that fails it on `address` and one that passes. */
export interface RuleCase {
  readonly id: string;
  readonly name: string;
  readonly address: string;
  readonly fails: (t: TestApp) => void;
  readonly passes: (t: TestApp) => void;
  /** The severity of the failing finding (default: the rule's). */
  readonly severity?: SecuritySeverity;
  readonly props?: SecurityChecksProps;
}

/** Runs the failing and passing configuration of every case, asserting by rule id and resource address. */
export function describeRuleCases(cases: RuleCase[]): void {
  const rules = new Map(SecurityChecks.rules.map((r) => [r.id, r]));
  describe.each(cases.map((c) => [`${c.id} ${c.name}`, c] as const))('%s', (_title, c) => {
    it(`fails on ${c.address}`, () => {
      const found = findingsAt(findingsFor(c.fails, c.props), c.id, c.address);
      expect(found.map((f) => f.severity)).toEqual([c.severity ?? rules.get(c.id)!.severity]);
      expect(found[0].message.startsWith(`[${c.id}] ${c.address}: `)).toBe(true);
      expect(found[0].message).toContain('. Fix: ');
    });
    it('passes the fixed configuration', () => {
      expect(findingsAt(findingsFor(c.passes, c.props), c.id, c.address)).toEqual([]);
    });
  });
}

/** The ids of the rules a family's cases cover. */
export function coveredIds(cases: RuleCase[]): string[] {
  return [...new Set(cases.map((c) => c.id))].sort();
}
