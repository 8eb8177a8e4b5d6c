// The guide-002 blueprint written the way a typical cdktf user writes it: provider classes loaded from
// the package roots, resources spelled out by hand. Used by `npm run bench` only, to show what root imports
// cost next to the library's deep imports. Excluded from lint (it breaks the deep-import rule on purpose)
// and from the type check (type-checking root imports costs seconds).
import { App, Fn, TerraformStack } from 'cdktf';

// The three provider packages loaded from their roots, exactly what `import * as google from` the package
// root does: every resource class of the provider is loaded (the cost this app measures).
const providerRoot = (name: string) => ['@cdktf', `provider-${name}`].join('/');
/* eslint-disable @typescript-eslint/no-require-imports */
const google: typeof import('@cdktf/provider-google') = require(providerRoot('google'));
const googleBeta: typeof import('@cdktf/provider-google-beta') = require(providerRoot('google-beta'));
const k8s: typeof import('@cdktf/provider-kubernetes') = require(providerRoot('kubernetes'));
/* eslint-enable @typescript-eslint/no-require-imports */

const projectId = 'demo-proj';
const projectNumber = '123456789012';
const region = 'us-east1';
const pool = `${projectId}.svc.id.goog`;
const spiffe = (ns: string, sa: string) => `spiffe://${pool}/ns/${ns}/sa/${sa}`;
const spiffePlugin = { certificateProviderInstance: { pluginInstance: 'google_cloud_private_spiffe' } };

const app = new App();

const platform = new TerraformStack(app, 'platform');
new google.provider.GoogleProvider(platform, 'google', { project: projectId, region });
new googleBeta.provider.GoogleBetaProvider(platform, 'google-beta', { project: projectId, region });
for (const service of ['container', 'iamcredentials', 'cloudresourcemanager', 'compute', 'trafficdirector',
  'networkservices', 'networksecurity', 'privateca', 'gkehub']) {
  new google.projectService.ProjectService(platform, service, { service: `${service}.googleapis.com`, disableOnDestroy: false });
}
const nodeSa = new google.serviceAccount.ServiceAccount(platform, 'node-sa', { accountId: 'secure-td-cluster-nodes' });
for (const role of ['roles/logging.logWriter', 'roles/monitoring.metricWriter', 'roles/monitoring.viewer']) {
  new google.projectIamMember.ProjectIamMember(platform, `node-${role}`, { project: projectId, role, member: `serviceAccount:${nodeSa.email}` });
}
const cluster = new google.containerCluster.ContainerCluster(platform, 'cluster', {
  name: 'secure-td-cluster', location: region, removeDefaultNodePool: true, initialNodeCount: 1,
  workloadIdentityConfig: { workloadPool: pool }, meshCertificates: { enableCertificates: true },
  releaseChannel: { channel: 'REGULAR' }, networkingMode: 'VPC_NATIVE', ipAllocationPolicy: {},
  privateClusterConfig: { enablePrivateNodes: true, masterIpv4CidrBlock: '172.16.0.0/28' },
  masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: '10.0.0.0/8' }] }, datapathProvider: 'ADVANCED_DATAPATH',
  fleet: { project: projectId }, nodeConfig: { serviceAccount: nodeSa.email, workloadMetadataConfig: { mode: 'GKE_METADATA' } },
  lifecycle: { ignoreChanges: ['node_config'] },
});
new google.containerNodePool.ContainerNodePool(platform, 'nodes', {
  cluster: cluster.name, location: region, name: 'nodes', nodeCount: 1,
  nodeConfig: {
    serviceAccount: nodeSa.email, machineType: 'e2-standard-2', tags: ['allow-health-checks'],
    workloadMetadataConfig: { mode: 'GKE_METADATA' }, metadata: { 'disable-legacy-endpoints': 'true' },
    shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
  },
});
const rootPool = new google.privatecaCaPool.PrivatecaCaPool(platform, 'root-pool', { name: 'td-sec-pool', location: region, tier: 'ENTERPRISE' });
const rootCa = new google.privatecaCertificateAuthority.PrivatecaCertificateAuthority(platform, 'root-ca', {
  pool: rootPool.name, certificateAuthorityId: 'pkcs2-ca', location: region, keySpec: { algorithm: 'EC_P256_SHA256' },
  config: {
    subjectConfig: { subject: { commonName: 'pkcs2-ca', organization: 'TestCorpLLC' } },
    x509Config: { caOptions: { isCa: true, maxIssuerPathLength: 1 }, keyUsage: { baseKeyUsage: { certSign: true, crlSign: true }, extendedKeyUsage: {} } },
  },
});
const subPool = new google.privatecaCaPool.PrivatecaCaPool(platform, 'sub-pool', { name: 'td-ca-pool', location: region, tier: 'DEVOPS' });
new google.privatecaCertificateAuthority.PrivatecaCertificateAuthority(platform, 'sub-ca', {
  pool: subPool.name, certificateAuthorityId: 'td-ca', location: region, type: 'SUBORDINATE', keySpec: { algorithm: 'EC_P256_SHA256' },
  subordinateConfig: { certificateAuthority: rootCa.name },
  config: {
    subjectConfig: { subject: { commonName: 'td-ca', organization: 'TestCorpLLC' } },
    x509Config: {
      caOptions: { isCa: true, zeroMaxIssuerPathLength: true },
      keyUsage: { baseKeyUsage: { certSign: true, crlSign: true }, extendedKeyUsage: { serverAuth: true, clientAuth: true } },
    },
  },
});
const agent = `serviceAccount:service-${projectNumber}@container-engine-robot.iam.gserviceaccount.com`;
new google.privatecaCaPoolIamMember.PrivatecaCaPoolIamMember(platform, 'root-auditor', { caPool: rootPool.id, role: 'roles/privateca.auditor', member: agent });
new google.privatecaCaPoolIamMember.PrivatecaCaPoolIamMember(platform, 'sub-manager', { caPool: subPool.id, role: 'roles/privateca.certificateManager', member: agent });
const mesh = new google.networkServicesMesh.NetworkServicesMesh(platform, 'mesh', { name: 'sidecar-mesh', interceptionPort: 15001 });
const clientTls = new google.networkSecurityClientTlsPolicy.NetworkSecurityClientTlsPolicy(platform, 'client-tls', {
  name: 'client-mtls-policy', clientCertificate: spiffePlugin, serverValidationCa: [spiffePlugin],
});
const serverTls = new google.networkSecurityServerTlsPolicy.NetworkSecurityServerTlsPolicy(platform, 'server-tls', {
  name: 'server-mtls-policy', serverCertificate: spiffePlugin, mtlsPolicy: { clientValidationCa: [spiffePlugin] },
});
const authz = new googleBeta.googleNetworkSecurityAuthorizationPolicy.GoogleNetworkSecurityAuthorizationPolicy(platform, 'authz', {
  name: 'authz-policy', action: 'ALLOW',
  rules: [{ sources: [{ principals: [spiffe('default', 'demo-client')] }], destinations: [{ hosts: ['service-test'], ports: [8000], methods: ['GET'] }] }],
});
new google.networkServicesEndpointPolicy.NetworkServicesEndpointPolicy(platform, 'ep', {
  name: 'ep', type: 'SIDECAR_PROXY', serverTlsPolicy: serverTls.id, authorizationPolicy: authz.id,
  endpointMatcher: { metadataLabelMatcher: { metadataLabelMatchCriteria: 'MATCH_ALL', metadataLabels: [{ labelName: 'app', labelValue: 'payments' }] } },
});
const healthCheck = new google.computeHealthCheck.ComputeHealthCheck(platform, 'hc', {
  name: 'td-gke-health-check', httpHealthCheck: { portSpecification: 'USE_SERVING_PORT' },
});
new google.computeFirewall.ComputeFirewall(platform, 'fw', {
  name: 'fw-allow-health-checks', network: 'default', sourceRanges: ['35.191.0.0/16', '130.211.0.0/22'],
  targetTags: ['allow-health-checks'], allow: [{ protocol: 'tcp' }],
});

const workloads = new TerraformStack(app, 'workloads');
new google.provider.GoogleProvider(workloads, 'google', { project: projectId, region });
const clusterData = new google.dataGoogleContainerCluster.DataGoogleContainerCluster(workloads, 'cluster', { name: 'secure-td-cluster', location: region });
const clientConfig = new google.dataGoogleClientConfig.DataGoogleClientConfig(workloads, 'client', {});
new k8s.provider.KubernetesProvider(workloads, 'k8s', {
  host: `https://${clusterData.endpoint}`, token: clientConfig.accessToken,
  clusterCaCertificate: Fn.base64decode(clusterData.masterAuth.get(0).clusterCaCertificate),
});
workloads.addDependency(platform);
const envoySa = new google.serviceAccount.ServiceAccount(workloads, 'envoy', { accountId: 'td-envoy' });
new google.projectIamMember.ProjectIamMember(workloads, 'envoy-client', { project: projectId, role: 'roles/trafficdirector.client', member: `serviceAccount:${envoySa.email}` });
for (const ksa of ['demo-server', 'demo-client']) {
  new k8s.serviceAccountV1.ServiceAccountV1(workloads, ksa, {
    metadata: { name: ksa, namespace: 'default', annotations: { 'iam.gke.io/gcp-service-account': envoySa.email } },
  });
  new google.serviceAccountIamMember.ServiceAccountIamMember(workloads, `${ksa}-wi`, {
    serviceAccountId: envoySa.name, role: 'roles/iam.workloadIdentityUser', member: `serviceAccount:${pool}[default/${ksa}]`,
  });
}
new k8s.manifest.Manifest(workloads, 'wcc', {
  manifest: {
    apiVersion: 'security.cloud.google.com/v1', kind: 'WorkloadCertificateConfig', metadata: { name: 'default' },
    spec: {
      certificateAuthorityConfig: { certificateAuthorityServiceConfig: { endpointURI: `//privateca.googleapis.com/projects/${projectId}/locations/${region}/caPools/td-ca-pool` } },
      keyAlgorithm: { ecdsa: { curve: 'P256' } }, validityDurationSeconds: 86400, rotationWindowPercentage: 50,
    },
  },
});
new k8s.manifest.Manifest(workloads, 'trust', {
  manifest: {
    apiVersion: 'security.cloud.google.com/v1', kind: 'TrustConfig', metadata: { name: 'default' },
    spec: { trustStores: [{ trustDomain: pool, trustAnchors: [{ certificateAuthorityServiceURI: `//privateca.googleapis.com/projects/${projectId}/locations/${region}/caPools/td-sec-pool` }] }] },
  },
});
new k8s.deploymentV1.DeploymentV1(workloads, 'server', {
  metadata: { name: 'app1', namespace: 'default' },
  spec: {
    selector: { matchLabels: { run: 'app1' } },
    template: {
      metadata: {
        labels: { run: 'app1' },
        annotations: { 'cloud.google.com/proxyMetadata': '{"app": "payments"}', 'cloud.google.com/enableManagedCerts': 'true', 'cloud.google.com/includeInboundPorts': '8000' },
      },
      spec: { serviceAccountName: 'demo-server', container: [{ name: 'app', image: 'gcr.io/example/app', port: [{ containerPort: 8000 }] }] },
    },
  },
});
new k8s.serviceV1.ServiceV1(workloads, 'service', {
  metadata: { name: 'service-test', namespace: 'default', annotations: { 'cloud.google.com/neg': '{"exposed_ports":{"80":{"name":"service-test-neg"}}}' } },
  spec: { selector: { run: 'app1' }, port: [{ port: 80, targetPort: '8000', name: 'service-test', protocol: 'TCP' }] },
});

const traffic = new TerraformStack(app, 'traffic');
new google.provider.GoogleProvider(traffic, 'google', { project: projectId, region });
traffic.addDependency(workloads);
const negs = ['us-east1-b', 'us-east1-c', 'us-east1-d'].map((zone) =>
  new google.dataGoogleComputeNetworkEndpointGroup.DataGoogleComputeNetworkEndpointGroup(traffic, `neg-${zone}`, { name: 'service-test-neg', zone }));
const backend = new google.computeBackendService.ComputeBackendService(traffic, 'backend-service', {
  name: 'td-gke-service', loadBalancingScheme: 'INTERNAL_SELF_MANAGED', healthChecks: [`projects/${projectId}/global/healthChecks/td-gke-health-check`],
  backend: negs.map((neg) => ({ group: neg.selfLink, balancingMode: 'RATE', maxRatePerEndpoint: 5 })),
  securitySettings: {
    clientTlsPolicy: `//networksecurity.googleapis.com/projects/${projectId}/locations/global/clientTlsPolicies/client-mtls-policy`,
    subjectAltNames: [spiffe('default', 'demo-server')],
  },
});
new google.networkServicesHttpRoute.NetworkServicesHttpRoute(traffic, 'route', {
  name: 'helloworld-http-route', hostnames: ['service-test'], meshes: [`projects/${projectId}/locations/global/meshes/sidecar-mesh`],
  rules: [{ action: { destinations: [{ serviceName: backend.id }] } }],
});
void mesh;
void clientTls;
void healthCheck;

app.synth();
