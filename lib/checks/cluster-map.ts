import { IConstruct } from 'constructs';
import { AppIndex, appendTo, TfResource } from '../core/app-index';
import { block, isUnknown, literalBool, literalString, read, TfConfig } from '../core/terraform-values';

/** What synth time knows about one `google_container_cluster`. Undefined fields are unknown. */
export interface ClusterInfo {
  /** The cluster resource. */
  readonly resource: TfResource;
  /** The cluster name. */
  readonly name?: string;
  /** The location (region or zone). */
  readonly location?: string;
  /** The project. */
  readonly project?: string;
  /** Whether it is an Autopilot cluster. */
  readonly autopilot: boolean;
  /** Whether Workload Identity is on (a workload pool, or Autopilot). */
  readonly workloadIdentity: boolean;
  /** The literal workload pool. */
  readonly workloadPool?: string;
  /** Whether the cluster runs GKE Dataplane V2. */
  readonly dataplaneV2?: boolean;
  /** Whether GKE issues mesh certificates. */
  readonly meshCertificates?: boolean;
}

/**
 * The clusters of the app and the ways other resources name them: node pools by reference or name,
 * Kubernetes resources through their provider, whose host reads the cluster's endpoint.
 */
export class ClusterMap {
  /** Every cluster of the app. */
  public readonly all: ClusterInfo[];
  private readonly byResource = new Map<TfResource, ClusterInfo>();
  private readonly byName = new Map<string, ClusterInfo[]>();
  private readonly byProvider = new Map<TfConfig, ClusterInfo | undefined>();

  constructor(private readonly index: AppIndex) {
    this.all = index.resources('google_container_cluster').map((resource) => this.describe(resource));
    for (const cluster of this.all) {
      this.byResource.set(cluster.resource, cluster);
      if (cluster.name !== undefined) appendTo(this.byName, cluster.name, cluster);
    }
  }

  /** The cluster a value names: a reference to the cluster, its name, or `projects/P/locations/L/clusters/N`. */
  public of(value: unknown, from: IConstruct): ClusterInfo | undefined {
    const target = this.index.target(value, from);
    if (target) {
      if (target.resource.type !== 'google_container_cluster') return undefined;
      return target.resource.isData ? this.ofDataSource(target.resource) : this.byResource.get(target.resource);
    }
    const literal = literalString(value);
    if (literal === undefined) return undefined;
    const path = /^projects\/([^/]+)\/locations\/([^/]+)\/clusters\/([^/]+)$/.exec(literal);
    return path ? this.named(path[3], path[2], path[1]) : this.named(literal);
  }

  /**
   * The cluster a Kubernetes resource is applied to, found through its provider's `host`
   * (`https://${data.google_container_cluster.x.endpoint}` or the cluster's own endpoint).
   */
  public ofKubernetes(resource: TfResource): ClusterInfo | undefined {
    const provider = this.index.providerConfig(resource);
    if (!provider) return undefined;
    if (!this.byProvider.has(provider)) {
      const clusters = this.index.targetsIn(provider.host, resource.element)
        .filter((t) => t.resource.type === 'google_container_cluster')
        .map((t) => (t.resource.isData ? this.ofDataSource(t.resource) : this.byResource.get(t.resource)));
      this.byProvider.set(provider, clusters.length === 1 ? clusters[0] : undefined);
    }
    return this.byProvider.get(provider);
  }

  /** The cluster of a Kubernetes resource, or the app's only cluster when the provider does not tell. */
  public ofKubernetesOrOnly(resource: TfResource): ClusterInfo | undefined {
    return this.ofKubernetes(resource) ?? (this.all.length === 1 ? this.all[0] : undefined);
  }

  private ofDataSource(data: TfResource): ClusterInfo | undefined {
    const name = this.index.literalString(data.config.name, data.element);
    return name === undefined ? undefined
      : this.named(name, this.index.literalString(data.config.location, data.element), this.index.projectOf(data));
  }

  private named(name: string, location?: string, project?: string): ClusterInfo | undefined {
    const matches = (this.byName.get(name) ?? []).filter((c) =>
      (location === undefined || c.location === undefined || c.location === location) &&
      (project === undefined || c.project === undefined || c.project === project));
    return matches.length === 1 ? matches[0] : undefined;
  }

  private describe(resource: TfResource): ClusterInfo {
    const { config, element } = resource;
    const autopilot = literalBool(config.enable_autopilot) === true;
    const pool = read(config, 'workload_identity_config.workload_pool');
    const datapath = config.datapath_provider;
    const mesh = read(config, 'mesh_certificates.enable_certificates');
    return {
      resource,
      name: this.index.literalString(config.name, element),
      location: this.index.literalString(config.location, element),
      project: this.index.projectOf(resource),
      autopilot,
      workloadIdentity: autopilot || (pool !== undefined && pool !== '' && block(config, 'workload_identity_config') !== undefined),
      workloadPool: literalString(pool),
      dataplaneV2: autopilot ? true : isUnknown(datapath) ? undefined : datapath === 'ADVANCED_DATAPATH',
      meshCertificates: isUnknown(mesh) ? undefined : literalBool(mesh) === true,
    };
  }
}
