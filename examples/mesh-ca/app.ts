import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import {
  GcpProject, MeshCertificateAuthority, ProjectServices, SecurityChecks, WorkloadCertificates, WorkloadIdentityCluster,
} from '../../lib';

/**
 * Guide 002, "create the certificate authorities": a root CA (ENTERPRISE pool) and a subordinate CA
 * (DEVOPS pool) in the cluster's region, the GKE service agent's access to both pools, and the
 * WorkloadCertificateConfig and TrustConfig that make GKE issue mesh certificates from them.
 * Deploy in order: `cdktf deploy platform workloads`.
 */
export function buildApp(app: App): void {
  const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });
  const region = 'us-east1';

  // 1. platform: APIs, a cluster with mesh certificates, the CA hierarchy and its IAM.
  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id, region });
  const apis = new ProjectServices(platform, 'apis', { project, services: ProjectServices.SERVICE_MESH });

  const cluster = new WorkloadIdentityCluster(platform, 'cluster', {
    project,
    name: 'secure-td-cluster',
    location: region,
    apis,
    meshCertificates: true,
    authorizedNetworks: [{ cidr: '10.0.0.0/8', name: 'corp' }],
  });
  cluster.addNodePool('nodes', { machineType: 'e2-standard-2', nodeCount: 1 });

  // The guide's demo names, with the root pool's underscores replaced: the provider cannot parse `td_sec_pool`.
  const ca = new MeshCertificateAuthority(platform, 'ca', {
    project,
    location: region,
    organization: 'TestCorpLLC',
    apis,
    root: { poolId: 'td-sec-pool', caId: 'pkcs2-ca' },
    subordinate: { poolId: 'td-ca-pool', caId: 'td-ca' },
  });
  ca.grantMeshCertificateIssuance(cluster);

  // 2. workloads: the two custom resources, planned against the running cluster.
  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: project.id, region });
  new WorkloadCertificates(workloads, 'certs', { cluster, authority: ca });

  SecurityChecks.applyTo(app);
}
