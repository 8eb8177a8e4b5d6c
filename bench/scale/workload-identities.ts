import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GcpProject, ProjectServices, SecurityChecks, WorkloadIdentityCluster } from '../../lib';

/**
 * The guide-001 platform with `size` workload identities on one cluster, the rule pack on. A typical mix:
 * two in three identities get a project role straight on the KSA's principal, one in three is linked to
 * its own Google service account (KSA, account, `roles/iam.workloadIdentityUser` binding, project role);
 * every namespace of `perNamespace` identities is created by its first identity.
 */
export function buildWorkloadIdentities(app: App, size: number, perNamespace = 100): void {
  const project = new GcpProject({ id: 'scale-proj', number: '123456789012' });
  const region = 'us-east1';

  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id, region });
  const apis = new ProjectServices(platform, 'apis', { project, services: ProjectServices.WORKLOAD_IDENTITY });
  const cluster = new WorkloadIdentityCluster(platform, 'cluster', {
    project, name: 'scale-cluster', location: region, apis, authorizedNetworks: [{ cidr: '10.0.0.0/8', name: 'corp' }],
  });
  cluster.addNodePool('nodes', { machineType: 'e2-standard-4' });

  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: project.id, region });
  for (let i = 0; i < size; i++) {
    const namespace = `team-${Math.floor(i / perNamespace)}`;
    const common = { namespace, name: `app-${i}`, createNamespace: i % perNamespace === 0 };
    if (i % 3 === 2) {
      cluster.addWorkloadIdentity(workloads, `identity-${i}`, {
        ...common,
        linkedServiceAccount: { accountId: `app-gsa-${i}`, displayName: `app-${i}`, projectRoles: ['roles/pubsub.subscriber'] },
      });
    } else {
      cluster.addWorkloadIdentity(workloads, `identity-${i}`, { ...common, projectRoles: ['roles/storage.objectViewer'] });
    }
  }

  SecurityChecks.applyTo(app);
}
