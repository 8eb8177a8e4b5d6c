import { TerraformVariable } from 'cdktf';
import {
  ConcealedNodePool, MeshWorkload, PodToleration, TaintEffect, TolerationEffect, TolerationOperator, WorkloadCronJob, WorkloadPlacement,
  WorkloadIdentityCluster, WorkloadPodSettings, WorkloadPodOptions,
} from '../../lib';
import { onlyResource, synth } from '../helpers';
import { autopilotPlatform, platformAndWorkloads, project } from '../identity/fixtures';

/** The pod spec of a synthesised kubernetes_cron_job_v1. */
const cronPodSpec = (json: ReturnType<typeof synth>) =>
  (onlyResource(json, 'kubernetes_cron_job_v1').spec as { job_template: { spec: { template: { spec: Record<string, unknown> } } } })
    .job_template.spec.template.spec;

/** A Standard cluster with a general pool and a tainted Spot pool, and an identity in the workloads stack. */
function twoPools() {
  const env = platformAndWorkloads();
  env.cluster.addNodePool('general', { minNodes: 1, maxNodes: 3 });
  const spot = env.cluster.addNodePool('spot-batch', {
    spot: true, minNodes: 0, maxNodes: 5, labels: { workload: 'batch' },
    taints: [{ key: 'workload', value: 'batch', effect: TaintEffect.NO_SCHEDULE }],
  });
  const identity = env.cluster.addWorkloadIdentity(env.workloads, 'identity', { namespace: 'batch', name: 'batch-ksa', createNamespace: true });
  return { ...env, spot, identity };
}

function cronJobWith(pod: WorkloadPodOptions | ((spot: ConcealedNodePool) => WorkloadPodOptions)) {
  const env = twoPools();
  new WorkloadCronJob(env.workloads, 'job', {
    identity: env.identity, schedule: '@hourly', image: 'gcr.io/google.com/cloudsdktool/google-cloud-cli:stable',
    pod: typeof pod === 'function' ? pod(env.spot) : pod,
  });
  return env;
}

function placementError(tolerations: PodToleration[], nodeSelector?: { [key: string]: string }) {
  return () => cronJobWith({ placement: WorkloadPlacement.custom({ tolerations, nodeSelector }) });
}

describe('WorkloadPlacement', () => {
  it('tolerates a node taint in Kubernetes spelling', () => {
    expect(WorkloadPlacement.toleration({ key: 'workload', value: 'batch', effect: TaintEffect.NO_EXECUTE })).toEqual({
      key: 'workload', operator: 'Equal', value: 'batch', effect: 'NoExecute',
    });
    expect(WorkloadPlacement.toleration({ key: 'k', value: 'v', effect: TaintEffect.PREFER_NO_SCHEDULE }).effect).toBe('PreferNoSchedule');
  });

  it('places pods on one pool: its name selected, each of its taints tolerated', () => {
    const { spot } = twoPools();
    const placement = WorkloadPlacement.onPool(spot);
    expect(placement.nodeSelector).toEqual({ 'cloud.google.com/gke-nodepool': 'spot-batch' });
    expect(placement.tolerations).toEqual([{ key: 'workload', operator: 'Equal', value: 'batch', effect: 'NoSchedule' }]);
    expect(placement.pool).toBe(spot);
  });

  it('writes the toleration and the pool selector into the CronJob pod spec, beside the metadata-server selector', () => {
    const { workloads } = cronJobWith((spot) => ({ placement: WorkloadPlacement.onPool(spot) }));
    const spec = cronPodSpec(synth(workloads));
    expect(spec.node_selector).toEqual({ 'iam.gke.io/gke-metadata-server-enabled': 'true', 'cloud.google.com/gke-nodepool': 'spot-batch' });
    expect(spec.toleration).toEqual([{ key: 'workload', operator: 'Equal', value: 'batch', effect: 'NoSchedule' }]);
  });

  it('writes no toleration block without a placement', () => {
    const { workloads } = cronJobWith({});
    const spec = cronPodSpec(synth(workloads));
    expect(spec).not.toHaveProperty('toleration');
    expect(spec.node_selector).toEqual({ 'iam.gke.io/gke-metadata-server-enabled': 'true' });
  });

  it('writes raw tolerations with every field, tolerationSeconds as the provider\'s string', () => {
    const { workloads } = cronJobWith({
      placement: WorkloadPlacement.custom({
        nodeSelector: { 'example.com/tier': 'batch' },
        tolerations: [
          { key: 'example.com/maintenance', operator: TolerationOperator.EXISTS, effect: TolerationEffect.NO_EXECUTE, tolerationSeconds: 300 },
          { key: 'dedicated', value: 'jobs', effect: TolerationEffect.PREFER_NO_SCHEDULE },
        ],
      }),
    });
    const spec = cronPodSpec(synth(workloads));
    expect(spec.node_selector).toEqual({ 'iam.gke.io/gke-metadata-server-enabled': 'true', 'example.com/tier': 'batch' });
    expect(spec.toleration).toEqual([
      { key: 'example.com/maintenance', operator: 'Exists', effect: 'NoExecute', toleration_seconds: '300' },
      { key: 'dedicated', operator: 'Equal', value: 'jobs', effect: 'PreferNoSchedule' },
    ]);
  });

  it('writes the placement into a MeshWorkload Deployment', () => {
    const { workloads, identity, spot } = twoPools();
    new MeshWorkload(workloads, 'server', {
      identity, image: 'us-east1-docker.pkg.dev/demo-proj/apps/server:1', port: 8080, proxyMetadata: { app: 'server' },
      placement: WorkloadPlacement.onPool(spot),
    });
    const deployment = onlyResource(synth(workloads), 'kubernetes_deployment_v1') as { spec: { template: { spec: Record<string, unknown> } } };
    expect(deployment.spec.template.spec.toleration).toEqual([{ key: 'workload', operator: 'Equal', value: 'batch', effect: 'NoSchedule' }]);
    expect(deployment.spec.template.spec.node_selector).toEqual({
      'iam.gke.io/gke-metadata-server-enabled': 'true', 'cloud.google.com/gke-nodepool': 'spot-batch',
    });
  });

  it('exposes the tolerations on the pod settings', () => {
    const { identity, spot } = twoPools();
    expect(WorkloadPodSettings.of(identity, { placement: WorkloadPlacement.onPool(spot) }).tolerations).toHaveLength(1);
    expect(WorkloadPodSettings.of(identity).tolerations).toEqual([]);
  });

  it('refuses a pool of another cluster, naming both', () => {
    const { platform, workloads, identity } = twoPools();
    const other = new WorkloadIdentityCluster(platform, 'other', { project, name: 'other-cluster', location: 'us-east1' });
    const otherPool = other.addNodePool('spot', { spot: true });
    expect(() => new WorkloadCronJob(workloads, 'job', {
      identity, schedule: '@hourly', image: 'gcr.io/google.com/cloudsdktool/google-cloud-cli:stable',
      pod: { placement: WorkloadPlacement.onPool(otherPool) },
    })).toThrow('workloads/job: invalid placement.pool "platform/other/spot": is a node pool of cluster platform/other, but the pods run in cluster platform/cluster; place them on a pool of their own cluster');
  });

  it('refuses GKE\'s taint spelling as a toleration effect, and names the helper', () => {
    expect(placementError([{ key: 'workload', value: 'batch', effect: 'NO_SCHEDULE' as TolerationEffect }])).toThrow(
      'workloads/job: invalid placement.tolerations[0].effect "NO_SCHEDULE": must be one of NoSchedule, PreferNoSchedule, NoExecute (TolerationEffect); ' +
      'GKE taint effects such as NO_SCHEDULE are spelled NoSchedule in a toleration: use WorkloadPlacement.toleration(taint)');
  });

  it('refuses an unknown operator', () => {
    expect(placementError([{ key: 'workload', operator: 'In' as TolerationOperator }])).toThrow(
      'invalid placement.tolerations[0].operator "In": must be one of Equal, Exists (TolerationOperator)');
  });

  it('refuses a toleration without a key unless it is EXISTS', () => {
    expect(placementError([{ value: 'batch' }])).toThrow(
      'invalid placement.tolerations[0].key "": may be left out only with operator: TolerationOperator.EXISTS');
    expect(() => placementError([{ operator: TolerationOperator.EXISTS }])()).not.toThrow();
  });

  it('refuses a value with EXISTS', () => {
    expect(placementError([{ key: 'workload', operator: TolerationOperator.EXISTS, value: 'batch' }])).toThrow(
      'invalid placement.tolerations[0].value "batch": must be left out with operator EXISTS');
  });

  it('refuses keys and values that are not Kubernetes labels', () => {
    expect(placementError([{ key: 'work load', value: 'batch' }])).toThrow('invalid placement.tolerations[0].key "work load": must be a Kubernetes label key');
    expect(placementError([{ key: 'workload', value: 'batch!' }])).toThrow('invalid placement.tolerations[0].value "batch!": must be empty or up to 63');
    expect(placementError([], { 'Example.com/tier': 'batch' })).toThrow('invalid placement.nodeSelector "Example.com/tier": must be a Kubernetes label key');
    expect(placementError([], { tier: '-batch' })).toThrow('invalid placement.nodeSelector.tier "-batch": must be empty or up to 63');
  });

  it('refuses tolerationSeconds except for NoExecute, and fractions', () => {
    expect(placementError([{ key: 'workload', value: 'batch', effect: TolerationEffect.NO_SCHEDULE, tolerationSeconds: 60 }])).toThrow(
      'invalid placement.tolerations[0].tolerationSeconds 60: applies to effect NoExecute only');
    expect(placementError([{ key: 'workload', value: 'batch', effect: TolerationEffect.NO_EXECUTE, tolerationSeconds: 1.5 }])).toThrow(
      'invalid placement.tolerations[0].tolerationSeconds 1.5: must be a whole number of seconds, at least 0');
  });

  it('refuses the metadata-server selector in a placement: its own option sets it', () => {
    expect(placementError([], { 'iam.gke.io/gke-metadata-server-enabled': 'false' })).toThrow(
      'invalid placement.nodeSelector.iam.gke.io/gke-metadata-server-enabled "false": is the metadata-server selector, set by pod.metadataServerNodeSelector');
  });

  it('lets tokens pass the eager checks and writes them through', () => {
    const env = twoPools();
    const key = new TerraformVariable(env.workloads, 'taint_key', { type: 'string' }).stringValue;
    const seconds = new TerraformVariable(env.workloads, 'grace', { type: 'number' }).numberValue;
    new WorkloadCronJob(env.workloads, 'job', {
      identity: env.identity, schedule: '@hourly', image: 'gcr.io/google.com/cloudsdktool/google-cloud-cli:stable',
      pod: { placement: WorkloadPlacement.custom({ tolerations: [{ key, value: 'x', effect: TolerationEffect.NO_EXECUTE, tolerationSeconds: seconds }] }) },
    });
    expect(cronPodSpec(synth(env.workloads)).toleration).toEqual([
      { key: '${var.taint_key}', operator: 'Equal', value: 'x', effect: 'NoExecute', toleration_seconds: '${var.grace}' },
    ]);
  });

  it('places Autopilot pods by a custom selector without the metadata-server selector', () => {
    const { workloads, cluster } = autopilotPlatform();
    const identity = cluster.addWorkloadIdentity(workloads, 'identity', { namespace: 'batch', name: 'batch-ksa' });
    new WorkloadCronJob(workloads, 'job', {
      identity, schedule: '@hourly', image: 'gcr.io/google.com/cloudsdktool/google-cloud-cli:stable',
      pod: { placement: WorkloadPlacement.custom({ nodeSelector: { 'cloud.google.com/gke-spot': 'true' } }) },
    });
    expect(cronPodSpec(synth(workloads)).node_selector).toEqual({ 'cloud.google.com/gke-spot': 'true' });
  });
});
