// A CA Service hierarchy for mesh certificates in Europe: an ECDSA root kept in its own region, the
// issuing subordinate beside a zonal cluster in europe-west1, operators on the pools, and the workload
// certificate configuration with short-lived ECDSA keys. Written as a user outside the repository writes
// it: only the package and provider deep paths are imported. Built by test/consumer/consumer-test.js from
// the installed tarball.
import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  CaKeyAlgorithm, CaLifetime, GcpProject, MeshCertificateAuthority, ProjectServices, SecurityChecks, WorkloadCertificates,
  WorkloadIdentityCluster, WorkloadKeyAlgorithm,
} from 'cdktf-gke-secure-mesh';

const app = new App();
const project = new GcpProject({ id: 'eu-platform', number: '975318642097' });
const region = 'europe-west1';

const platform = new TerraformStack(app, 'platform');
new GoogleProvider(platform, 'google', { project: project.id, region });
const apis = new ProjectServices(platform, 'apis', { project, services: ProjectServices.SERVICE_MESH });
const cluster = new WorkloadIdentityCluster(platform, 'cluster', {
  project, name: 'eu-mesh', location: region, apis, meshCertificates: true,
  authorizedNetworks: [{ cidr: '10.20.0.0/16', name: 'eu-office' }],
});
cluster.addNodePool('nodes', { machineType: 'e2-standard-2', nodeCount: 1 });

const ca = new MeshCertificateAuthority(platform, 'ca', {
  project, location: region, organization: 'Example Europe GmbH', apis,
  keyAlgorithm: CaKeyAlgorithm.EC_P256_SHA256,
  root: { poolId: 'eu-root-pool', caId: 'eu-root', location: 'europe-west4', commonName: 'Example Europe Root', lifetime: CaLifetime.years(10) },
  subordinate: { poolId: 'eu-mesh-pool', caId: 'eu-mesh-ca', lifetime: CaLifetime.years(2) },
  operators: { caManagers: ['group:pki-operators@example.com'] },
  labels: { team: 'platform-security' },
});
ca.grantMeshCertificateIssuance(cluster);

// Workload certificates from the subordinate: ECDSA P-256 keys, valid for a day, renewed at half-life.
const workloads = new TerraformStack(app, 'workloads');
new GoogleProvider(workloads, 'google', { project: project.id, region });
new WorkloadCertificates(workloads, 'certs', {
  cluster, authority: ca, keyAlgorithm: WorkloadKeyAlgorithm.ECDSA_P256, validityDurationSeconds: 86400, rotationWindowPercentage: 50,
});

SecurityChecks.applyTo(app);
app.synth();
