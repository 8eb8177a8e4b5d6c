import { IConstruct } from 'constructs';
import { inputError } from '../core/errors';
import { METADATA_SERVER_ADDRESS } from '../core/gke-facts';
import type { IWorkloadIdentityCluster } from '../core/cluster-ref';

/** An environment variable of a container; assignable to the `env` entries of the kubernetes provider's pod specs. */
export interface PodEnvVar {
  /** The variable name. */
  readonly name: string;
  /** The value. */
  readonly value: string;
}

/** A container with a fixed command; assignable to the `initContainer` entries of the kubernetes provider's pod specs. */
export interface PodCommandContainer {
  /** The container name. */
  readonly name: string;
  /** The image. */
  readonly image: string;
  /** The command (entrypoint and arguments). */
  readonly command: string[];
}

const NODE_SELECTOR_LABEL = 'iam.gke.io/gke-metadata-server-enabled';
const WAIT_SCRIPT =
  `curl -sS -H 'Metadata-Flavor: Google' 'http://${METADATA_SERVER_ADDRESS}/computeMetadata/v1/instance/service-accounts/default/token' ` +
  '--retry 30 --retry-connrefused --retry-max-time 60 --connect-timeout 3 --fail --retry-all-errors > /dev/null && exit 0 || ' +
  "echo 'Retry limit exceeded. Failed to wait for metadata server to be available. Check if the gke-metadata-server Pod in the " +
  "kube-system namespace is healthy.' >&2; exit 1";

/**
 * The troubleshooting guide's fixes for pods that use Workload Identity, as pieces to put into pod specs:
 * schedule onto nodes that run the GKE metadata server, wait for it before the app starts, skip DNS for it,
 * and keep Istio / Cloud Service Mesh sidecars from intercepting it. `WorkloadPodSettings` combines them
 * for one workload identity.
 */
export class GkeMetadataServer {
  /** The link-local address of the metadata server (GKE's or Compute Engine's). */
  public static readonly ADDRESS = METADATA_SERVER_ADDRESS;
  /** The node label of GKE Standard nodes that run the GKE metadata server. */
  public static readonly NODE_SELECTOR_LABEL = NODE_SELECTOR_LABEL;
  /** The image of the guide's wait container. */
  public static readonly WAIT_IMAGE = 'gcr.io/google.com/cloudsdktool/cloud-sdk:alpine';
  /** The name of the guide's wait container. */
  public static readonly WAIT_CONTAINER_NAME = 'workload-identity-initcontainer';

  /**
   * The nodeSelector `iam.gke.io/gke-metadata-server-enabled: "true"`, so pods of a Standard cluster only
   * run on node pools with the GKE metadata server. Refused for Autopilot, which rejects it (every
   * Autopilot node runs the metadata server). `scope` is named in the error.
   */
  public static nodeSelector(scope: IConstruct, cluster: IWorkloadIdentityCluster): { [key: string]: string } {
    if (cluster.autopilot) {
      throw inputError(scope, 'nodeSelector', { [NODE_SELECTOR_LABEL]: 'true' },
        `Autopilot rejects this nodeSelector (cluster ${cluster.clusterName}): every Autopilot node runs the GKE metadata server; leave it out`);
    }
    return { [NODE_SELECTOR_LABEL]: 'true' };
  }

  /**
   * The guide's init container that waits (up to about 60 s) until the GKE metadata server hands out a
   * token, so apps and client libraries with short timeouts do not fail in a pod's first seconds.
   * @param image the image, which needs bash and curl (default: the guide's cloud-sdk:alpine)
   */
  public static waitContainer(image?: string): PodCommandContainer {
    return { name: GkeMetadataServer.WAIT_CONTAINER_NAME, image: image ?? GkeMetadataServer.WAIT_IMAGE, command: ['/bin/bash', '-c', WAIT_SCRIPT] };
  }

  /**
   * `GCE_METADATA_HOST=169.254.169.254`: client libraries that resolve `metadata.google.internal` then
   * skip DNS, for clusters whose DNS resolution fails.
   */
  public static hostEnv(): PodEnvVar {
    return { name: 'GCE_METADATA_HOST', value: METADATA_SERVER_ADDRESS };
  }

  /**
   * Pod annotations for Istio or Cloud Service Mesh sidecars: do not redirect traffic to the metadata
   * server (`traffic.sidecar.istio.io/excludeOutboundIPRanges: 169.254.169.254/32`), and hold the app
   * until the proxy runs (`proxy.istio.io/config: '{ "holdApplicationUntilProxyStarts": true }'`).
   */
  public static istioSidecarAnnotations(): { [key: string]: string } {
    return {
      'traffic.sidecar.istio.io/excludeOutboundIPRanges': `${METADATA_SERVER_ADDRESS}/32`,
      'proxy.istio.io/config': '{ "holdApplicationUntilProxyStarts": true }',
    };
  }
}
