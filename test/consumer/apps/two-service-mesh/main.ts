// Two meshed services in their own namespace behind one ingress gateway that routes them by host name and
// path, with mTLS from a CA Service hierarchy and per-path authorization, written as a user outside the
// repository writes it: only the package and provider deep paths are imported. Built by
// test/consumer/consumer-test.js from the installed tarball.
import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import {
  GcpProject, MeshCertificateAuthority, MeshIngressGateway, MeshSidecarInjection, MeshWorkload, PathMatch,
  PrivateNodesNat, ProjectServices, SecureMeshService, SecurityChecks, ServiceMesh, WorkloadCertificates,
  WorkloadIdentityCluster,
} from 'cdktf-gke-secure-mesh';

const app = new App();
const project = new GcpProject({ id: 'shop-prod', number: '135792468013' });
const region = 'us-west1';
const zones = ['us-west1-a', 'us-west1-b', 'us-west1-c'];

// platform: the cluster ready for the mesh, Cloud NAT for the public images, the CA hierarchy, the mesh.
const platform = new TerraformStack(app, 'platform');
new GoogleProvider(platform, 'google', { project: project.id, region });
const apis = new ProjectServices(platform, 'apis', { project, services: ProjectServices.SERVICE_MESH });
const cluster = new WorkloadIdentityCluster(platform, 'cluster', {
  project, name: 'shop', location: region, apis, meshCertificates: true, fleet: true,
  authorizedNetworks: [{ cidr: '10.0.0.0/8', name: 'corp' }],
  labels: { team: 'shop' },
});
cluster.addNodePool('mesh-nodes', { machineType: 'e2-standard-4', minNodes: 1, maxNodes: 3, networkTags: ['allow-health-checks'] });
new PrivateNodesNat(platform, 'nat', { project, network: 'default', region });
const ca = new MeshCertificateAuthority(platform, 'ca', {
  project, location: region, organization: 'Shop Inc', apis,
  root: { poolId: 'shop-root-pool', caId: 'shop-root' },
  subordinate: { poolId: 'shop-mesh-pool', caId: 'shop-mesh' },
});
ca.grantMeshCertificateIssuance(cluster);
const mesh = new ServiceMesh(platform, 'mesh', { project, name: 'shop-mesh' });

// workloads: certificates, identities in the `shop` namespace with sidecar injection, the two services.
const workloads = new TerraformStack(app, 'workloads');
new GoogleProvider(workloads, 'google', { project: project.id, region });
new WorkloadCertificates(workloads, 'certs', { cluster, authority: ca });
const envoy = mesh.addProxyServiceAccount(workloads, 'envoy');
const catalogIdentity = cluster.addWorkloadIdentity(workloads, 'catalog-identity', {
  namespace: 'shop', name: 'catalog', linkedTo: envoy,
  // The namespace, created with the label the sidecar injector watches (MeshSidecarInjection labels a namespace that exists).
  createNamespace: true, namespaceLabels: { [MeshSidecarInjection.NAMESPACE_LABEL]: 'enabled' },
});
const cartIdentity = cluster.addWorkloadIdentity(workloads, 'cart-identity', { namespace: 'shop', name: 'cart', linkedTo: envoy });
const frontIdentity = cluster.addWorkloadIdentity(workloads, 'front-identity', { namespace: 'shop', name: 'front', linkedTo: envoy });
const echo = (id: string, identity: typeof catalogIdentity) => new MeshWorkload(workloads, id, {
  identity,
  image: 'mendhak/http-https-echo:31',
  port: 8080,
  env: { HTTP_PORT: '8080' },
  proxyMetadata: { app: id },
  replicas: 2,
  resourceRequests: { cpu: '100m', memory: '128Mi' },
});
const catalogWorkload = echo('catalog', catalogIdentity);
const cartWorkload = echo('cart', cartIdentity);

// traffic: both services, who may call what, and the gateway. Its Service `shop-gateway` answers the public
// host shop.example.com, whose /cart/ goes to cart and everything else to catalog, and cart.shop.example.com,
// which goes to cart; the in-cluster name shop-gateway goes to catalog.
const traffic = new TerraformStack(app, 'traffic');
new GoogleProvider(traffic, 'google', { project: project.id, region });
new GoogleBetaProvider(traffic, 'google-beta', { project: project.id, region });
const catalog = new SecureMeshService(traffic, 'catalog', { mesh, workload: catalogWorkload, neg: { zones } });
const cart = new SecureMeshService(traffic, 'cart', { mesh, workload: cartWorkload, neg: { zones } });
cart.allow(catalogIdentity, { methods: ['GET'], paths: [PathMatch.prefix('/cart/')] });

const gateway = new MeshIngressGateway(traffic, 'gateway', {
  mesh, name: 'shop-gateway', hostname: 'shop-gateway', port: 8443, identity: frontIdentity,
  routeTo: catalog,
  routes: [
    { service: catalog, hostnames: ['shop.example.com'] },
    { service: cart, hostnames: ['shop.example.com'], paths: [PathMatch.prefix('/cart/')] },
    { service: cart, hostnames: ['cart.shop.example.com'] },
  ],
});
catalog.allowGateway(gateway, { methods: ['GET'] });
cart.allowGateway(gateway, { methods: ['GET', 'POST'] });
gateway.addProxy(workloads, 'gateway-proxy');

SecurityChecks.applyTo(app);
app.synth();
