import { IConstruct } from 'constructs';
import { inputError } from '../core/errors';
import { WorkloadIdentity } from '../identity/workload-identity';
import { GkeMetadataServer, PodCommandContainer, PodEnvVar } from './gke-metadata-server';
import { checkPlacement } from './placement-checks';
import { PodToleration, WorkloadPlacement } from './workload-placement';

/** Which of the troubleshooting guide's pod fixes to apply. */
export interface WorkloadPodOptions {
  /**
   * The nodeSelector `iam.gke.io/gke-metadata-server-enabled: "true"`. `true` on an Autopilot cluster is
   * refused (Autopilot rejects it).
   * @default - on for Standard clusters (pods never land on a pool without the GKE metadata server), off for Autopilot
   */
  readonly metadataServerNodeSelector?: boolean;
  /**
   * The init container that waits for the GKE metadata server before the app starts.
   * @default false - the app's own retries cover the metadata server's first seconds
   */
  readonly waitForMetadataServer?: boolean;
  /**
   * The image of the wait container (needs bash and curl).
   * @default GkeMetadataServer.WAIT_IMAGE
   */
  readonly waitImage?: string;
  /**
   * `GCE_METADATA_HOST=169.254.169.254` in the app's environment, for client libraries with DNS trouble.
   * @default false
   */
  readonly metadataHostEnv?: boolean;
  /**
   * The Istio / Cloud Service Mesh sidecar annotations (metadata server excluded from redirection; app held
   * until the proxy starts).
   * @default false - no Istio sidecar
   */
  readonly istioSidecar?: boolean;
  /**
   * Where the pods run: `WorkloadPlacement.onPool(pool)` for one node pool (its taints tolerated), or
   * `WorkloadPlacement.custom({ nodeSelector, tolerations })`. Its node selector joins the metadata-server one.
   * @default - any node the scheduler picks among untainted ones
   */
  readonly placement?: WorkloadPlacement;
}

/**
 * The pod-spec fields that make a pod run as a workload identity and reach the GKE metadata server, ready
 * to copy into a `PodV1`, `DeploymentV1`, `JobV1` or `CronJobV1` spec: the namespace, the service account,
 * the token mount setting (the kubernetes provider mounts the token unless told), and the fixes chosen in
 * {@link WorkloadPodOptions}.
 */
export class WorkloadPodSettings {
  /**
   * The settings for pods running as `identity`; errors name the identity, or the placement's errors `scope`.
   * @param scope the construct placement errors name, such as the workload (default: the identity)
   */
  public static of(identity: WorkloadIdentity, options: WorkloadPodOptions = {}, scope?: IConstruct): WorkloadPodSettings {
    return new WorkloadPodSettings(identity, options, scope ?? identity);
  }

  /** The namespace pods must run in: the KSA's. */
  public readonly namespace: string;
  /** `serviceAccountName`: the KSA. */
  public readonly serviceAccountName: string;
  /** `automountServiceAccountToken`: the identity's setting (the provider's pod default is true). */
  public readonly automountServiceAccountToken: boolean;
  /** `nodeSelector` (empty when none applies). */
  public readonly nodeSelector: { [key: string]: string };
  /** Pod annotations (empty when none apply). */
  public readonly annotations: { [key: string]: string };
  /** Environment variables for the app containers. */
  public readonly env: PodEnvVar[];
  /** Init containers to run before the app. */
  public readonly initContainers: PodCommandContainer[];
  /** Tolerations of the pods (empty when none apply). */
  public readonly tolerations: PodToleration[];

  private constructor(identity: WorkloadIdentity, options: WorkloadPodOptions, scope: IConstruct) {
    const cluster = identity.cluster;
    if (options.waitImage !== undefined && !options.waitForMetadataServer) {
      throw inputError(identity, 'waitImage', options.waitImage, 'is the image of the wait container; set waitForMetadataServer: true to add it');
    }
    const selector = options.metadataServerNodeSelector ?? !cluster.autopilot;
    this.namespace = identity.namespace;
    this.serviceAccountName = identity.serviceAccountName;
    this.automountServiceAccountToken = identity.automountToken;
    const placement = options.placement;
    if (placement) checkPlacement(scope, 'placement', placement, cluster, GkeMetadataServer.NODE_SELECTOR_LABEL);
    this.nodeSelector = { ...(selector ? GkeMetadataServer.nodeSelector(identity, cluster) : {}), ...placement?.nodeSelector };
    this.tolerations = [...(placement?.tolerations ?? [])];
    this.annotations = options.istioSidecar ? GkeMetadataServer.istioSidecarAnnotations() : {};
    this.env = options.metadataHostEnv ? [GkeMetadataServer.hostEnv()] : [];
    this.initContainers = options.waitForMetadataServer ? [GkeMetadataServer.waitContainer(options.waitImage)] : [];
  }
}
