import { Testing } from 'cdktf';
import { PodV1 } from '@cdktf/provider-kubernetes/lib/pod-v1';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { GkeMetadataServer, WorkloadPodSettings } from '../../lib';
import { newStack } from '../helpers';
import { autopilotPlatform, platformAndWorkloads } from '../identity/fixtures';

const WAIT_SCRIPT =
  "curl -sS -H 'Metadata-Flavor: Google' 'http://169.254.169.254/computeMetadata/v1/instance/service-accounts/default/token' " +
  '--retry 30 --retry-connrefused --retry-max-time 60 --connect-timeout 3 --fail --retry-all-errors > /dev/null && exit 0 || ' +
  "echo 'Retry limit exceeded. Failed to wait for metadata server to be available. Check if the gke-metadata-server Pod in the " +
  "kube-system namespace is healthy.' >&2; exit 1";

describe('GkeMetadataServer', () => {
  it('selects GKE metadata server nodes on Standard clusters', () => {
    const { workloads, cluster } = platformAndWorkloads();
    expect(GkeMetadataServer.nodeSelector(workloads, cluster)).toEqual({ 'iam.gke.io/gke-metadata-server-enabled': 'true' });
  });
  it('refuses the nodeSelector on Autopilot, which rejects it', () => {
    const { workloads, cluster } = autopilotPlatform();
    expect(() => GkeMetadataServer.nodeSelector(workloads, cluster)).toThrow(
      'workloads: invalid nodeSelector {"iam.gke.io/gke-metadata-server-enabled":"true"}: Autopilot rejects this nodeSelector (cluster ap-cluster)');
  });
  it('waits for the metadata server with the guide\'s curl loop', () => {
    expect(GkeMetadataServer.waitContainer()).toEqual({
      name: 'workload-identity-initcontainer',
      image: 'gcr.io/google.com/cloudsdktool/cloud-sdk:alpine',
      command: ['/bin/bash', '-c', WAIT_SCRIPT],
    });
    expect(GkeMetadataServer.waitContainer('example.com/tools:1').image).toBe('example.com/tools:1');
  });
  it('points client libraries at the metadata address', () => {
    expect(GkeMetadataServer.hostEnv()).toEqual({ name: 'GCE_METADATA_HOST', value: '169.254.169.254' });
  });
  it('keeps Istio sidecars away from the metadata server and holds the app until the proxy runs', () => {
    expect(GkeMetadataServer.istioSidecarAnnotations()).toEqual({
      'traffic.sidecar.istio.io/excludeOutboundIPRanges': '169.254.169.254/32',
      'proxy.istio.io/config': '{ "holdApplicationUntilProxyStarts": true }',
    });
  });
  it('fits the kubernetes provider\'s pod and deployment specs', () => {
    const { stack } = newStack();
    new DeploymentV1(stack, 'app', {
      metadata: { name: 'app' },
      spec: {
        selector: { matchLabels: { app: 'app' } },
        template: {
          metadata: { labels: { app: 'app' } },
          spec: {
            initContainer: [GkeMetadataServer.waitContainer()],
            container: [{ name: 'app', image: 'example.com/app:1', env: [GkeMetadataServer.hostEnv()] }],
          },
        },
      },
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(DeploymentV1, {
      spec: expect.objectContaining({ template: expect.objectContaining({ spec: expect.objectContaining({
        init_container: [{ name: 'workload-identity-initcontainer', image: GkeMetadataServer.WAIT_IMAGE, command: ['/bin/bash', '-c', WAIT_SCRIPT] }],
      }) }) }),
    });
  });
});

describe('WorkloadPodSettings', () => {
  it('defaults to the KSA, no token mount and the nodeSelector on Standard', () => {
    const { workloads, cluster } = platformAndWorkloads();
    const settings = WorkloadPodSettings.of(cluster.addWorkloadIdentity(workloads, 'app', { namespace: 'apps', name: 'reader' }));
    expect(settings).toEqual({
      namespace: 'apps', serviceAccountName: 'reader', automountServiceAccountToken: false,
      nodeSelector: { 'iam.gke.io/gke-metadata-server-enabled': 'true' }, annotations: {}, env: [], initContainers: [], tolerations: [],
    });
  });
  it('leaves the nodeSelector out on Autopilot', () => {
    const { workloads, cluster } = autopilotPlatform();
    const identity = cluster.addWorkloadIdentity(workloads, 'app', { namespace: 'apps', name: 'reader', automountToken: true });
    expect(WorkloadPodSettings.of(identity).nodeSelector).toEqual({});
    expect(WorkloadPodSettings.of(identity).automountServiceAccountToken).toBe(true);
  });
  it('refuses an explicit nodeSelector on Autopilot, naming the identity', () => {
    const { workloads, cluster } = autopilotPlatform();
    const identity = cluster.addWorkloadIdentity(workloads, 'app', { namespace: 'apps', name: 'reader' });
    expect(() => WorkloadPodSettings.of(identity, { metadataServerNodeSelector: true })).toThrow(
      'workloads/app: invalid nodeSelector {"iam.gke.io/gke-metadata-server-enabled":"true"}: Autopilot rejects this nodeSelector');
  });
  it('adds every fix when asked', () => {
    const { workloads, cluster } = platformAndWorkloads();
    const identity = cluster.addWorkloadIdentity(workloads, 'app', { namespace: 'apps', name: 'reader' });
    const settings = WorkloadPodSettings.of(identity, {
      metadataServerNodeSelector: false, waitForMetadataServer: true, waitImage: 'example.com/curl:1', metadataHostEnv: true, istioSidecar: true,
    });
    expect(settings.nodeSelector).toEqual({});
    expect(settings.initContainers.map((c) => c.image)).toEqual(['example.com/curl:1']);
    expect(settings.env).toEqual([{ name: 'GCE_METADATA_HOST', value: '169.254.169.254' }]);
    expect(Object.keys(settings.annotations)).toEqual(['traffic.sidecar.istio.io/excludeOutboundIPRanges', 'proxy.istio.io/config']);
  });
  it('refuses a wait image without the wait container', () => {
    const { workloads, cluster } = platformAndWorkloads();
    const identity = cluster.addWorkloadIdentity(workloads, 'app', { namespace: 'apps', name: 'reader' });
    expect(() => WorkloadPodSettings.of(identity, { waitImage: 'example.com/curl:1' }))
      .toThrow('workloads/app: invalid waitImage "example.com/curl:1": is the image of the wait container; set waitForMetadataServer: true');
  });
  it('fills a PodV1 spec, overriding the provider\'s token-mount default', () => {
    const { workloads, cluster } = platformAndWorkloads();
    const identity = cluster.addWorkloadIdentity(workloads, 'app', { namespace: 'apps', name: 'reader' });
    const pod = WorkloadPodSettings.of(identity, { waitForMetadataServer: true });
    new PodV1(workloads, 'pod', {
      provider: identity.kubernetesProvider,
      metadata: { name: 'pod', namespace: pod.namespace },
      spec: {
        serviceAccountName: pod.serviceAccountName,
        automountServiceAccountToken: pod.automountServiceAccountToken,
        nodeSelector: pod.nodeSelector,
        initContainer: pod.initContainers,
        container: [{ name: 'app', image: 'google/cloud-sdk:slim' }],
      },
    });
    expect(Testing.synth(workloads)).toHaveResourceWithProperties(PodV1, {
      metadata: { name: 'pod', namespace: 'apps' },
      spec: expect.objectContaining({
        service_account_name: 'reader', automount_service_account_token: false,
        node_selector: { 'iam.gke.io/gke-metadata-server-enabled': 'true' },
        init_container: [expect.objectContaining({ name: 'workload-identity-initcontainer' })],
      }),
    });
  });
});
