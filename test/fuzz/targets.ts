import {
  AdoptedWorkloadIdentityCluster, ArtifactRegistryAccess, CaLifetime, CiPlatform, ConcealedNodePool, DeployerIdentity, GcpProject,
  GoogleIdentity, KubernetesAccess, MeshCertificateAuthority, MeshDemoClient, MeshGatewayProxy, MeshHealthCheck, MeshIngressGateway,
  MeshMtlsCheck, MeshSidecarInjection, MeshWorkload, MetadataConcealmentCheck, MetadataServerEgressPolicy, MultiClusterMesh,
  NegBackendService, NodeServiceAccount, PrivateNodesNat, ProjectServices, ReleaseChannel, SecureMeshService, SecurityChecks,
  ServiceAuthorizationPolicy, AuthorizationAction, ServiceMesh, StateBucket, TaintEffect, WorkloadCertificates, WorkloadCronJob,
  WorkloadIdentityAutopilotCluster, WorkloadIdentityCheck, WorkloadIdentityCluster, WorkloadKeyAlgorithm, WorkloadMetadata,
  WorkloadPrincipal, WorkloadPrincipalSet, WorkloadServiceAccount,
} from '../../lib';
import { D, Domain } from './domains';
import { World } from './world';

/** One fuzzable input: a dotted path into the props and what it accepts. */
export interface Field {
  readonly path: string;
  readonly domain: Domain;
  /** Whether leaving it out must be refused. */
  readonly required?: boolean;
  /**
   * Why the field takes no tokens (it is used at synth time and never becomes a Terraform value): the suite
   * then probes no tokens there, and test/fuzz/token-fields.test.ts checks the error says so.
   */
  readonly noTokens?: string;
}

/** A public construct, factory or method, built from valid props that one case then mutates. */
export interface Target {
  readonly name: string;
  /** The stack the construct goes in (for tokens), and the construct path or factory name errors must name. */
  readonly stack: 'platform' | 'workloads' | 'traffic';
  readonly where: string;
  readonly base: (w: World) => Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- props of every target's own type
  readonly build: (w: World, props: any) => unknown;
  readonly fields: readonly Field[];
}

const enumDomain = (valid: unknown[]): Domain => ({ type: 'enum', valid, invalid: [] });
const objectDomain = (valid: unknown[], invalid: unknown[] = []): Domain => ({ type: 'object', valid, invalid });
const listOf = (valid: unknown[][], invalid: unknown[][]): Domain => ({ type: 'object', valid, invalid });
const ref: Domain = { type: 'object', valid: [], invalid: [] };

const construct = (name: string, stack: Target['stack'], id: string, base: Target['base'], build: Target['build'],
  fields: Field[]): Target => ({ name, stack, where: `${stack}/${id}`, base, build, fields });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each factory's own parameter type
const factory = (name: string, param: string, build: (value: any) => unknown, domain: Domain, optional = false): Target => ({
  name, stack: 'platform', where: name.split('.')[0], base: () => ({ [param]: domain.valid[0] }), build: (_w, p) => build(p[param]),
  fields: [{ path: param, domain, required: !optional }],
});

export const TARGETS: readonly Target[] = [
  construct('WorkloadIdentityCluster', 'platform', 'c2', (w) => ({ project: w.project, name: 'other-cluster', location: 'us-east1' }),
    (w, p) => new WorkloadIdentityCluster(w.platform, 'c2', p), [
      { path: 'project', domain: ref, required: true }, { path: 'name', domain: D.gkeName, required: true },
      { path: 'location', domain: D.region, required: true }, { path: 'labels', domain: D.gcpLabels },
      { path: 'controlPlaneCidr', domain: { ...D.cidr, valid: ['172.16.0.0/28'], invalid: ['10.0.0.0/8', '', '10.0.0.0'] } },
      { path: 'authorizedNetworks', domain: listOf([[], [{ cidr: '10.0.0.0/8' }]], [[{ cidr: '10.0.0.0/33' }], [{}], [{ cidr: '10.0.0.0/8' }, { cidr: '10.0.0.0/8' }]]) },
      { path: 'releaseChannel', domain: enumDomain([ReleaseChannel.RAPID, ReleaseChannel.STABLE]) },
      { path: 'fleet', domain: D.bool }, { path: 'network', domain: D.resourceName },
      { path: 'outputPrefix', domain: { type: 'string', valid: ['payments', 'a_b'], invalid: ['1bad', 'a b', ''] },
        noTokens: 'Terraform output names are fixed in the synthesised JSON' },
      { path: 'nodeLocations', domain: listOf([['us-east1-b'], ['us-east1-b', 'us-east1-c']], [['us-east9-b'], ['europe-west4-a'], ['us-east1-b', 'us-east1-b']]) },
    ]),
  construct('WorkloadIdentityAutopilotCluster', 'platform', 'ap', (w) => ({ project: w.project, name: 'ap-cluster', location: 'us-east1' }),
    (w, p) => new WorkloadIdentityAutopilotCluster(w.platform, 'ap', p), [
      { path: 'project', domain: ref, required: true }, { path: 'name', domain: D.gkeName, required: true },
      { path: 'location', domain: D.region, required: true }, { path: 'labels', domain: D.gcpLabels },
    ]),
  construct('AdoptedWorkloadIdentityCluster', 'platform', 'adopted', (w) => ({ project: w.project, name: 'legacy-cluster', location: 'us-east1' }),
    (w, p) => new AdoptedWorkloadIdentityCluster(w.platform, 'adopted', p), [
      { path: 'project', domain: ref, required: true }, { path: 'name', domain: D.gkeName, required: true },
      { path: 'location', domain: D.region, required: true },
    ]),
  construct('ConcealedNodePool', 'platform', 'pool', (w) => ({ cluster: w.cluster, name: 'extra' }),
    (w, p) => new ConcealedNodePool(w.platform, 'pool', p), [
      { path: 'cluster', domain: ref, required: true }, { path: 'name', domain: D.gkeName },
      { path: 'machineType', domain: D.machineType }, { path: 'nodeCount', domain: D.nodeCount },
      
      { path: 'networkTags', domain: D.networkTags }, { path: 'labels', domain: D.k8sLabels },
      { path: 'metadata', domain: D.nodeMetadata }, { path: 'diskSizeGb', domain: D.diskSize },
      { path: 'diskType', domain: D.diskType }, { path: 'imageType', domain: D.imageType },
      { path: 'taints', domain: listOf([[], [{ key: 'dedicated', value: 'x', effect: TaintEffect.NO_SCHEDULE }]],
        [[{ key: 'dedicated', value: 'x' }], [null], [{ key: 'Bad Key', value: 'x', effect: TaintEffect.NO_SCHEDULE }]]) },
      { path: 'workloadMetadata', domain: enumDomain([WorkloadMetadata.GKE_METADATA]) },
      { path: 'spot', domain: D.bool }, { path: 'resourceLabels', domain: D.gcpLabels },
    ]),
  construct('NodeServiceAccount', 'platform', 'nsa', (w) => ({ project: w.project, accountId: 'extra-nodes' }),
    (w, p) => new NodeServiceAccount(w.platform, 'nsa', p), [
      { path: 'project', domain: ref, required: true }, { path: 'accountId', domain: D.accountId },
    ]),
  construct('PrivateNodesNat', 'platform', 'nat', (w) => ({ project: w.project, network: 'default', region: 'us-east1' }),
    (w, p) => new PrivateNodesNat(w.platform, 'nat', p), [
      { path: 'project', domain: ref, required: true }, { path: 'network', domain: D.resourceName, required: true },
      { path: 'region', domain: D.region, required: true }, // The router NAT is named NAME-nat, at most 63 characters: a name takes at most 59.
      { path: 'name', domain: { ...D.resourceName, valid: ['a', `a${'b'.repeat(57)}9`], invalid: [...D.resourceName.invalid, `a${'b'.repeat(61)}`] } },
    ]),
  construct('StateBucket', 'platform', 'state', (w) => ({ project: w.project, name: 'demo-proj-tfstate', location: 'us-east1' }),
    (w, p) => new StateBucket(w.platform, 'state', p), [
      { path: 'project', domain: ref, required: true }, { path: 'name', domain: D.bucket, required: true },
      { path: 'location', domain: D.gcsLocation, required: true }, { path: 'labels', domain: D.gcpLabels },
      { path: 'noncurrentVersionsKept', domain: { ...D.historyLimit, valid: [1, 100], invalid: [0, -1, 1.5] } },
    ]),
  construct('ServiceMesh', 'platform', 'mesh2', (w) => ({ project: w.project, name: 'other-mesh' }),
    (w, p) => new ServiceMesh(w.platform, 'mesh2', p), [
      // The client TLS policy is named NAME-client-mtls, at most 63 characters.
      { path: 'project', domain: ref, required: true }, { path: 'name', domain: { ...D.resourceName, valid: ['a', `a${'b'.repeat(49)}9`] }, required: true },
      { path: 'interceptionPort', domain: D.port }, { path: 'labels', domain: D.gcpLabels },
      { path: 'clientTlsPolicyName', domain: D.resourceName }, { path: 'description', domain: D.freeText },
    ]),
  construct('MeshCertificateAuthority', 'platform', 'ca2', (w) => ({
    project: w.project, location: 'us-east1', organization: 'TestCorpLLC',
    root: { poolId: 'root-pool', caId: 'root-ca' }, subordinate: { poolId: 'sub-pool', caId: 'sub-ca' },
  }), (w, p) => new MeshCertificateAuthority(w.platform, 'ca2', p), [
    { path: 'project', domain: ref, required: true }, { path: 'location', domain: D.caRegion, required: true },
    { path: 'organization', domain: D.organization, required: true },
    { path: 'root', domain: objectDomain([{ poolId: 'p1', caId: 'c1' }], [{}, { poolId: 'p1' }]) },
    { path: 'root.caId', domain: D.caId, required: true }, { path: 'root.poolId', domain: D.caId, required: true },
    { path: 'subordinate.caId', domain: D.caId, required: true },
    { path: 'root.lifetime', domain: objectDomain([CaLifetime.years(10)]) },
    { path: 'labels', domain: D.gcpLabels },
    { path: 'operators.caManagers', domain: listOf([[], ['user:alice@example.com']], [['alice@example.com'], ['allUsers'], ['user:a@example.com', 'user:a@example.com']]) },
  ]),
  construct('WorkloadIdentity', 'workloads', 'wi', () => ({ namespace: 'apps', name: 'api', createNamespace: true }),
    (w, p) => w.cluster.addWorkloadIdentity(w.workloads, 'wi', p), [
      // A namespace this identity creates: the built-in ones (default, kube-system) always exist.
      { path: 'namespace', domain: { ...D.namespace, valid: ['apps', 'a', 'a'.repeat(63)] }, required: true }, { path: 'name', domain: D.k8sName, required: true },
      { path: 'labels', domain: D.k8sLabels }, { path: 'namespaceLabels', domain: D.k8sLabels },
      { path: 'projectRoles', domain: listOf([[], ['roles/storage.objectViewer']], [['roles/owner'], ['viewer'], [''], ['roles/a b']]) },
      { path: 'createNamespace', domain: D.bool },
    ]),
  construct('WorkloadServiceAccount', 'platform', 'gsa', (w) => ({ project: w.project, accountId: 'api-runner' }),
    (w, p) => new WorkloadServiceAccount(w.platform, 'gsa', p), [
      { path: 'project', domain: ref, required: true }, { path: 'accountId', domain: D.accountId },
      { path: 'projectRoles', domain: listOf([['roles/storage.objectViewer']], [['roles/owner'], ['viewer']]) },
    ]),
  construct('WorkloadCronJob', 'workloads', 'job', (w) => ({ identity: w.server, schedule: '@hourly', image: 'google/cloud-sdk' }),
    (w, p) => new WorkloadCronJob(w.workloads, 'job', p), [
      { path: 'identity', domain: ref, required: true }, { path: 'schedule', domain: D.schedule, required: true },
      { path: 'image', domain: D.image, required: true }, { path: 'timeZone', domain: D.timeZone },
      { path: 'env', domain: D.envMap }, { path: 'name', domain: { ...D.k8sName, valid: ['a', 'a.b', 'a'.repeat(52)], invalid: ['', 'A', 'a'.repeat(53), 'a b'] } },
      { path: 'successfulJobsHistoryLimit', domain: D.historyLimit }, { path: 'labels', domain: D.k8sLabels },
      { path: 'command', domain: { type: 'stringList', valid: [['sh', '-c', 'echo ok']], invalid: [] } },
    ]),
  construct('MeshWorkload', 'workloads', 'mw', (w) => ({
    identity: w.client, name: 'app2', image: 'registry.example/echo:1', port: 8000, proxyMetadata: { app: 'orders' },
  }), (w, p) => new MeshWorkload(w.workloads, 'mw', p), [
    { path: 'identity', domain: ref, required: true }, { path: 'image', domain: D.image, required: true },
    // The NEG is named NAME-neg, at most 63 characters.
    { path: 'port', domain: D.port, required: true }, { path: 'name', domain: { ...D.k8sLabel, valid: ['a', 'a'.repeat(59)] } },
    { path: 'proxyMetadata', domain: { ...D.k8sLabels, valid: [{ app: 'payments' }, { 'example.com/tier': 'web' }] }, required: true }, { path: 'replicas', domain: D.replicas },
    { path: 'env', domain: D.envMap },
  ]),
  construct('SecureMeshService', 'traffic', 'svc2', (w) => ({ mesh: w.mesh, name: 'orders', server: w.client.principal, hostnames: ['orders'], port: 8080, endpointLabels: { app: 'orders' },
    neg: { negName: 'orders-neg', zones: ['us-east1-b'] }, healthCheckFirewall: { targetTags: ['allow-health-checks'] } }),
    (w, p) => new SecureMeshService(w.traffic, 'svc2', p), [
      // The server TLS policy is named NAME-server-mtls, at most 63 characters.
      { path: 'mesh', domain: ref, required: true }, { path: 'name', domain: { ...D.resourceName, valid: ['a', `a${'b'.repeat(49)}9`] } },
      { path: 'neg', domain: objectDomain([{ negName: 'orders-neg', zones: ['us-east1-b'] }], [{}, { zones: [] }]), required: true },
      { path: 'neg.zones', domain: listOf([['us-east1-b', 'us-east1-c']], [['us-east9-b'], ['us-east1'], ['MARS'], ['us-east1-b', 'us-east1-b']]) },
      { path: 'hostnames', domain: listOf([['a.example.com']], [['UPPER'], ['a b'], ['a', 'a']]) },
      { path: 'port', domain: D.port }, // An empty map is refused on purpose: an endpoint policy without labels would match every proxy of the mesh.
      { path: 'endpointLabels', domain: { ...D.k8sLabels, valid: D.k8sLabels.valid.filter((m) => Object.keys(m as object).length > 0) } },
      { path: 'healthCheck', domain: objectDomain([{ requestPath: '/healthz' }], [{ requestPath: '/a b' }, { requestPath: 'x' }]) },
    ]),
  construct('MeshIngressGateway', 'traffic', 'gw', (w) => ({ mesh: w.mesh, hostname: 'mesh-gateway', port: 8080, routeTo: w.service, identity: w.client }),
    (w, p) => new MeshIngressGateway(w.traffic, 'gw', p), [
      { path: 'mesh', domain: ref, required: true }, { path: 'routeTo', domain: ref, required: true }, { path: 'identity', domain: ref, required: true },
      { path: 'hostname', domain: D.hostname, required: true }, { path: 'port', domain: D.port, required: true },
      // The server TLS policy is named NAME-server-tls, at most 63 characters.
      { path: 'name', domain: { ...D.resourceName, valid: ['a', `a${'b'.repeat(50)}9`] } },
    ]),
  construct('KubernetesAccess', 'workloads', 'access', (w) => ({
    cluster: w.cluster, identity: GoogleIdentity.user('alice@example.com'), name: 'role-reader', namespace: 'apps',
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
  }), (w, p) => new KubernetesAccess(w.workloads, 'access', p), [
    { path: 'cluster', domain: ref, required: true }, { path: 'identity', domain: ref, required: true },
    { path: 'name', domain: D.k8sName, required: true }, { path: 'namespace', domain: D.namespace },
    { path: 'rules', domain: listOf([[{ resources: ['pods'], verbs: ['get'] }]], [[null], [{ resources: [], verbs: ['get'] }], [{ resources: ['pods'], verbs: ['fly'] }]]) },
    { path: 'iamRole', domain: { ...D.iamRole, valid: ['roles/container.clusterViewer', 'roles/container.viewer'] } },
  ]),
  construct('DeployerIdentity', 'platform', 'deployer', (w) => ({ project: w.project, repository: 'example-org/platform-infra' }),
    (w, p) => new DeployerIdentity(w.platform, 'deployer', p), [
      { path: 'project', domain: ref, required: true }, { path: 'repository', domain: D.repository, required: true },
      { path: 'branch', domain: D.branch }, { path: 'poolId', domain: D.poolId }, { path: 'accountId', domain: D.accountId },
      { path: 'additionalRoles', domain: listOf([['roles/storage.objectViewer']], [['roles/owner'], ['viewer'], ['roles/a b']]) },
    ]),
  construct('MetadataServerEgressPolicy', 'workloads', 'egress', (w) => ({ cluster: w.cluster, namespace: 'apps' }),
    (w, p) => new MetadataServerEgressPolicy(w.workloads, 'egress', p), [
      { path: 'cluster', domain: ref, required: true }, { path: 'namespace', domain: D.namespace, required: true },
      { path: 'name', domain: D.k8sName }, { path: 'podLabels', domain: D.k8sLabels },
    ]),
  construct('MeshSidecarInjection', 'workloads', 'inject', () => ({ namespace: 'apps' }),
    (w, p) => new MeshSidecarInjection(w.workloads, 'inject', { kubernetesProvider: w.server.kubernetesProvider, ...p }), [{ path: 'namespace', domain: D.namespace, required: true }]),
  construct('MeshDemoClient', 'workloads', 'demo', (w) => ({ identity: w.client }),
    (w, p) => new MeshDemoClient(w.workloads, 'demo', p), [
      { path: 'identity', domain: ref, required: true }, { path: 'name', domain: D.k8sLabel }, { path: 'image', domain: D.image },
    ]),
  construct('MeshGatewayProxy', 'workloads', 'proxy', (w) => ({ project: w.project, identity: w.client, name: 'mesh-gateway', scope: 'gateway-proxy', port: 8080 }),
    (w, p) => new MeshGatewayProxy(w.workloads, 'proxy', p), [
      { path: 'project', domain: ref, required: true }, { path: 'identity', domain: ref, required: true },
      { path: 'name', domain: D.k8sLabel, required: true }, { path: 'port', domain: D.port, required: true },
      { path: 'scope', domain: { type: 'string', valid: ['a', 'Gateway-1'], invalid: ['', '1a', 'a b', 'a'.repeat(65)] }, required: true },
      { path: 'replicas', domain: D.replicas }, { path: 'envoyImage', domain: D.image },
    ]),
  construct('WorkloadCertificates', 'workloads', 'certs', (w) => ({ cluster: w.cluster, authority: w.authority }),
    (w, p) => new WorkloadCertificates(w.workloads, 'certs', p), [
      { path: 'cluster', domain: ref, required: true }, { path: 'authority', domain: ref, required: true },
      // Google publishes no bounds for these CRD fields (guide 002 and the CRD document only the defaults, 86400
      // and 50; the percentage is a share of the validity): only non-whole, non-positive and over-100 values are
      // probed as invalid, not a short duration or a 0% window.
      { path: 'validityDurationSeconds', domain: { type: 'number', valid: [7200, 86400], invalid: [0, -1, 1.5] } },
      { path: 'rotationWindowPercentage', domain: { type: 'number', valid: [0, 10, 50], invalid: [101, -5, 1.5] } },
      { path: 'keyAlgorithm', domain: enumDomain([WorkloadKeyAlgorithm.RSA_2048, WorkloadKeyAlgorithm.RSA_4096]) },
      { path: 'additionalTrustStores', domain: listOf([[{ trustDomain: 'other-proj.svc.id.goog', trustAnchors: [{ certificateAuthorityServiceURI: '//privateca.googleapis.com/projects/other-proj/locations/us-east1/caPools/p' }] }]],
        [[{ trustDomain: 'other-proj.svc.id.goog' }], [{ trustDomain: 'Bad Domain', trustAnchors: [] }], [null]]) },
    ]),
  construct('ProjectServices', 'platform', 'apis2', (w) => ({ project: w.project, services: ['container.googleapis.com'] }),
    (w, p) => new ProjectServices(w.platform, 'apis2', p), [
      { path: 'project', domain: ref, required: true }, { path: 'services', domain: D.services, required: true },
    ]),
  construct('MeshHealthCheck', 'traffic', 'hc', (w) => ({ project: w.project, name: 'hc', applicationPort: 8000, firewall: { targetTags: ['allow-health-checks'] } }),
    (w, p) => new MeshHealthCheck(w.traffic, 'hc', p), [
      // The firewall is named NAME-fw, so the name leaves room for 3 characters.
      { path: 'project', domain: ref, required: true }, { path: 'name', domain: { ...D.resourceName, valid: ['a', `a${'b'.repeat(58)}9`] }, required: true },
      { path: 'applicationPort', domain: D.port, required: true }, { path: 'requestPath', domain: D.requestPath },
      { path: 'firewall', domain: objectDomain([{ targetTags: ['a'] }], [{}]), required: true },
      { path: 'firewall.targetTags', domain: { ...D.networkTags, valid: [['a'], ['a'.repeat(63)]] } },
    ]),
  construct('NegBackendService', 'traffic', 'backend', (w) => ({
    project: w.project, name: 'td-gke-service', negName: 'service-test-neg', zones: ['us-east1-b'], healthCheck: 'hc',
    clientTlsPolicy: 'projects/demo-proj/locations/global/clientTlsPolicies/p', subjectAltNames: ['spiffe://demo-proj.svc.id.goog/ns/default/sa/s'],
  }), (w, p) => new NegBackendService(w.traffic, 'backend', p), [
    { path: 'project', domain: ref, required: true }, { path: 'name', domain: D.resourceName, required: true },
    { path: 'negName', domain: D.resourceName, required: true },
    { path: 'zones', domain: listOf([['us-east1-b']], [['us-east9-b'], ['us-east1'], [], ['us-east1-b', 'us-east1-b']]), required: true },
  ]),
  construct('ServiceAuthorizationPolicy', 'traffic', 'authz', (w) => ({ project: w.project, name: 'authz-policy', action: AuthorizationAction.ALLOW }),
    (w, p) => new ServiceAuthorizationPolicy(w.traffic, 'authz', p), [
      { path: 'project', domain: ref, required: true }, { path: 'name', domain: D.resourceName, required: true },
      { path: 'action', domain: enumDomain([AuthorizationAction.ALLOW]), required: true },
    ]),
  construct('MultiClusterMesh', 'platform', 'multi', (w) => {
    const a = new WorkloadIdentityCluster(w.platform, 'mc-a', { project: w.project, name: 'mc-a', location: 'us-east1', meshCertificates: true, fleet: true });
    const b = new WorkloadIdentityCluster(w.platform, 'mc-b', { project: w.project, name: 'mc-b', location: 'us-central1', meshCertificates: true, fleet: true });
    a.addNodePool('nodes', { networkTags: ['mc-a'] }); b.addNodePool('nodes', { networkTags: ['mc-b'] });
    return { ports: [8000], clusters: [{ cluster: a, podCidr: '10.4.0.0/14' }, { cluster: b, podCidr: '10.8.0.0/14' }] };
  }, (w, p) => new MultiClusterMesh(w.platform, 'multi', p), [
    { path: 'clusters.0.podCidr', domain: { ...D.cidr, valid: ['10.12.0.0/14'], invalid: ['', '10.0.0.0', '10.8.0.0/14', '0.0.0.0/0'] }, required: true },
    { path: 'ports', domain: listOf([[8000], [1, 65535]], [[0], [70000], [1.5]]) },
  ]),
  construct('WorkloadIdentityCheck', 'workloads', 'wi-check', (w) => ({ identity: w.server, bucket: 'demo-bucket' }),
    (w, p) => new WorkloadIdentityCheck(w.workloads, 'wi-check', p), [
      { path: 'identity', domain: ref, required: true }, { path: 'bucket', domain: D.bucket, required: true },
      { path: 'attempts', domain: { type: 'number', valid: [1, 10], invalid: [0, -1, 1.5] } }, { path: 'image', domain: D.image },
    ]),
  construct('MetadataConcealmentCheck', 'workloads', 'mc-check', (w) => ({ cluster: w.cluster }),
    (w, p) => new MetadataConcealmentCheck(w.workloads, 'mc-check', p), [
      { path: 'cluster', domain: ref, required: true }, { path: 'name', domain: D.k8sName },
      { path: 'backoffLimit', domain: D.historyLimit },
    ]),
  construct('MeshMtlsCheck', 'traffic', 'mtls', (w) => ({ identity: w.client, service: w.service }),
    (w, p) => new MeshMtlsCheck(w.traffic, 'mtls', p), [
      { path: 'identity', domain: ref, required: true }, { path: 'service', domain: ref, required: true },
      { path: 'path', domain: D.requestPath }, { path: 'port', domain: D.port },
    ]),
  construct('SecureMeshService.allow', 'traffic', 'service-test', (w) => ({ peer: w.client.principal, options: { methods: ['GET'] } }),
    (w, p) => w.service.allow(p.peer, p.options), [
      { path: 'peer', domain: ref, required: true }, { path: 'options.methods', domain: D.methods, required: true },
      { path: 'options.ports', domain: listOf([[8000]], [[0], [70000]]) },
      { path: 'options.headerMatch', domain: objectDomain([{ headerName: 'x-user', regexMatch: '^a.*$' }],
        [{ headerName: 'x-user', regexMatch: '(?<=a)b' }, { headerName: 'x-user', regexMatch: '(a)\\1' }, { headerName: '', regexMatch: 'a' }]) },
    ]),
  factory('CaLifetime.years', 'years', (v) => CaLifetime.years(v), { type: 'number', valid: [1, 10, 100], invalid: [0, -1, 1.5, 8000, Number.NaN] }),
  factory('CaLifetime.days', 'days', (v) => CaLifetime.days(v), { type: 'number', valid: [1, 3650], invalid: [0, -1, 1.5, 10000000, Number.NaN] }),
  factory('WorkloadKeyAlgorithm.rsa', 'modulusSize', (v) => WorkloadKeyAlgorithm.rsa(v), { type: 'number', valid: [2048, 3072, 4096], invalid: [1024, 2047, 0, Number.NaN] }),
  factory('WorkloadKeyAlgorithm.ecdsa', 'curve', (v) => WorkloadKeyAlgorithm.ecdsa(v), { type: 'string', valid: ['P256', 'P384'], invalid: ['P521', '', 'p256'] }),
  factory('GoogleIdentity.user', 'email', (v) => GoogleIdentity.user(v), D.email),
  factory('GoogleIdentity.group', 'email', (v) => GoogleIdentity.group(v), D.email),
  factory('GoogleIdentity.serviceAccount', 'email', (v) => GoogleIdentity.serviceAccount(v),
    { type: 'string', valid: ['a-b@demo-proj.iam.gserviceaccount.com'], invalid: ['', 'a', 'a b@x.com'] }),
  factory('WorkloadPrincipal.fromSpiffeId', 'spiffeId', (v) => WorkloadPrincipal.fromSpiffeId(v),
    { type: 'string', valid: ['spiffe://demo-proj.svc.id.goog/ns/default/sa/a'], invalid: ['', 'spiffe://', 'http://x', 'spiffe://a b/ns/x/sa/y'] }),
  factory('WorkloadPrincipalSet.namespace', 'namespace', (v) => WorkloadPrincipalSet.namespace(new GcpProject({ id: 'demo-proj', number: '123456789012' }), v), D.namespace),
  factory('GcpProject', 'id', (v) => new GcpProject({ id: v, number: '123456789012' }), D.projectId),
  factory('GcpProject.number', 'number', (v) => new GcpProject({ id: 'demo-proj', number: v }), D.projectNumber, true),
  factory('CiPlatform.gitlabSelfManaged', 'issuerUri', (v) => CiPlatform.gitlabSelfManaged(v),
    { type: 'string', valid: ['https://gitlab.example.com'], invalid: ['', 'http://gitlab.example.com', 'https://a/', 'gitlab.example.com'] }),
  factory('WorkloadMetadata.of', 'mode', (v) => WorkloadMetadata.of(v), { type: 'string', valid: ['GKE_METADATA'], invalid: ['', 'gke', 'EXPOSE '] }),
  factory('ArtifactRegistryAccess.repositories', 'repositories', (v) => ArtifactRegistryAccess.repositories(v),
    listOf([[{ location: 'us-east1', repository: 'images' }]], [[], [{ location: 'us-east9', repository: 'images' }], [{ location: 'us-east1', repository: 'A B' }]])),
  {
    name: 'SecurityChecks.suppress', stack: 'platform', where: 'platform/cluster',
    base: () => ({ ruleId: 'NODE-1', reason: 'The legacy agent needs the metadata server for its startup.' }),
    build: (w, p) => SecurityChecks.suppress(w.cluster, p.ruleId, p.reason),
    // Suppressions are synth-time metadata of the rule pack, never Terraform values.
    fields: [{ path: 'ruleId', domain: { type: 'string', valid: ['NODE-1'], invalid: ['', 'NODE-999', 'node-1'] }, required: true, noTokens: 'read by the rule pack at synth time' },
      { path: 'reason', domain: { type: 'string', valid: ['The legacy agent needs the metadata server for its startup.'], invalid: ['', 'ok', 'because'] }, required: true, noTokens: 'read by the rule pack at synth time' }],
  },
];

/** Exports of lib/index.ts that are not built from props: interfaces' companions, constants, enums and helpers. */
export const NOT_FUZZED: Readonly<Record<string, string>> = {
  AuthorizationAction: 'constants only', ConcurrencyPolicy: 'constants only', JobRestartPolicy: 'constants only',
  ImagePullPolicy: 'constants only', KeyFamily: 'constants only', CaKeyAlgorithm: 'constants only', ReleaseChannel: 'constants only',
  TaintEffect: 'constants only', SecuritySeverity: 'enum', MetadataLabelMatch: 'constants only',
  VerificationCheck: 'abstract base of the checks', WorkloadIdentityClusterBase: 'abstract base of the clusters',
  BlueprintTesting: 'test helper reading a built app', DeployerRoleTable: 'read-only table', DeployerGrants: 'read-only table',
  GkeMetadataServer: 'pod helpers without input beyond a cluster', WorkloadPodSettings: 'built by the workloads from their props',
  Grant: 'internal grants of the constructs', AdoptedNodePool: 'built through AdoptedWorkloadIdentityCluster',
  checkPoolWorkloadMetadata: 'helper run by every node pool', clusterNodeAccountId: 'name helper of WorkloadIdentityCluster',
  MaintenanceExclusionScope: 'constants only', MaintenanceWindow: 'fuzzed through WorkloadIdentityCluster props', maintenancePolicy: 'helper of the clusters',
  SecretsEncryptionKey: 'built by WorkloadIdentityCluster from its props', ClusterOutputs: 'built by the clusters', clusterOutputPrefix: 'helper of the clusters',
  PathMatch: 'constants and factories of SecureMeshService.allow paths', checkPathMatches: 'helper of allow()', pathsHeaderRegex: 'helper of allow()',
  WorkloadPlacement: 'built from a node pool by its factories', DeployerPermissionTable: 'read-only table', isReadPermission: 'read-only helper', ProviderSchemaValidator: 'reads synthesised output, not props',
  TerraformValues: 'reads synthesised output', customRule: 'rule-pack extension point', AccessReport: 'reads a built app', writeAccessReport: 'reads a built app', MeshAuthorizationCheck: 'shares MeshMtlsCheck options', MeshGatewayCheck: 'shares MeshMtlsCheck options',
};
