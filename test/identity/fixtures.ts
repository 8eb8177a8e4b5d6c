import { App, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GcpProject, WorkloadIdentityAutopilotCluster, WorkloadIdentityCluster, WorkloadIdentityClusterProps } from '../../lib';

export const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });

/** The principal:// identifier of a KSA of demo-proj. */
export const principalOf = (namespace: string, ksa: string) =>
  'principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/demo-proj.svc.id.goog/' +
  `subject/ns/${namespace}/sa/${ksa}`;

/** An app with a platform stack (the cluster) and a workloads stack, each with a google provider. */
export function platformAndWorkloads(clusterProps: Partial<WorkloadIdentityClusterProps> = {}) {
  const app: App = Testing.app();
  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id });
  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: project.id });
  const cluster = new WorkloadIdentityCluster(platform, 'cluster', { project, name: 'wi-cluster', location: 'us-east1', ...clusterProps });
  return { app, platform, workloads, cluster };
}

/** An Autopilot cluster in a platform stack, with a workloads stack. */
export function autopilotPlatform() {
  const app: App = Testing.app();
  const platform = new TerraformStack(app, 'platform');
  new GoogleProvider(platform, 'google', { project: project.id });
  const workloads = new TerraformStack(app, 'workloads');
  new GoogleProvider(workloads, 'google', { project: project.id });
  const cluster = new WorkloadIdentityAutopilotCluster(platform, 'cluster', { project, name: 'ap-cluster', location: 'us-east1' });
  return { app, platform, workloads, cluster };
}
