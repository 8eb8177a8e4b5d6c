import { GCP_SERVICE_ACCOUNT_ANNOTATION } from '../core/gke-facts';
import { AppIndex, appendTo, TfResource } from '../core/app-index';
import { block, literalBool, literalNumber, map, TfConfig } from '../core/terraform-values';

/** The Kubernetes service accounts of the app (`kubernetes_service_account_v1` and the legacy type). */
const SERVICE_ACCOUNT_TYPES = ['kubernetes_service_account_v1', 'kubernetes_service_account'];
/** NetworkPolicy resources. */
export const NETWORK_POLICY_TYPES = ['kubernetes_network_policy_v1', 'kubernetes_network_policy'];
/** Namespace resources. */
const NAMESPACE_TYPES = ['kubernetes_namespace_v1', 'kubernetes_namespace'];

/** Where each workload type keeps its pod template. */
const POD_TEMPLATE_PATHS: { readonly [type: string]: string[] } = {
  kubernetes_pod_v1: [],
  kubernetes_pod: [],
  kubernetes_deployment_v1: ['spec', 'template'],
  kubernetes_deployment: ['spec', 'template'],
  kubernetes_stateful_set_v1: ['spec', 'template'],
  kubernetes_stateful_set: ['spec', 'template'],
  kubernetes_daemon_set_v1: ['spec', 'template'],
  kubernetes_daemonset: ['spec', 'template'],
  kubernetes_replication_controller_v1: ['spec', 'template'],
  kubernetes_job_v1: ['spec', 'template'],
  kubernetes_job: ['spec', 'template'],
  kubernetes_cron_job_v1: ['spec', 'job_template', 'spec', 'template'],
  kubernetes_cron_job: ['spec', 'job_template', 'spec', 'template'],
};

/** A Kubernetes service account. Undefined fields are unknown at synth time. */
export interface KsaObject {
  /** The resource. */
  readonly resource: TfResource;
  /** The namespace (`default` when not set). */
  readonly namespace?: string;
  /** The name. */
  readonly name?: string;
  /** The raw `iam.gke.io/gcp-service-account` annotation, undefined when absent. */
  readonly gsaAnnotation: unknown;
  /** Whether the annotations map itself is unknown. */
  readonly annotationsUnknown: boolean;
  /** How many service accounts the resource creates (its literal `count`, else 1). */
  readonly count: number;
}

/** The pod template of a workload (or a bare pod). */
export interface PodTemplate {
  /** The workload resource. */
  readonly resource: TfResource;
  /** The namespace of the workload (`default` when not set). */
  readonly namespace?: string;
  /** Pod annotations. */
  readonly annotations: TfConfig;
  /** Pod labels. */
  readonly labels: TfConfig;
  /** The pod's node selector. */
  readonly nodeSelector: TfConfig;
  /** The pod's service account name (`default` when not set). */
  readonly serviceAccountName?: string;
  /** Whether the pod runs in the node's network namespace. */
  readonly hostNetwork: boolean;
  /** The pod spec (containers, volumes, …). */
  readonly spec?: TfConfig;
}

/** A `kubernetes_manifest` object. */
export interface ManifestObject {
  /** The resource. */
  readonly resource: TfResource;
  /** `apiVersion`. */
  readonly apiVersion?: string;
  /** `kind`. */
  readonly kind?: string;
  /** `metadata.name`. */
  readonly name?: string;
  /** `spec`. */
  readonly spec?: TfConfig;
}

/** Reads the Kubernetes objects of the app once. */
export class KubernetesObjects {
  /** Every Kubernetes service account. */
  public readonly serviceAccounts: KsaObject[];
  /** Every pod template. */
  public readonly podTemplates: PodTemplate[];
  /** Every `kubernetes_manifest` object. */
  public readonly manifests: ManifestObject[];
  private readonly ksaByName = new Map<string, KsaObject[]>();
  private readonly namespaceLabels = new Map<string, TfConfig>();

  constructor(private readonly index: AppIndex) {
    this.serviceAccounts = index.resourcesOf(SERVICE_ACCOUNT_TYPES).map((resource) => {
      const metadata = block(resource.config, 'metadata');
      const annotations = metadata?.annotations;
      return {
        resource,
        namespace: this.namespaceOf(resource),
        name: index.literalString(metadata?.name, resource.element),
        gsaAnnotation: map(annotations)?.[GCP_SERVICE_ACCOUNT_ANNOTATION],
        annotationsUnknown: typeof annotations === 'string',
        count: literalNumber(resource.config.count) ?? 1,
      };
    });
    for (const ksa of this.serviceAccounts) {
      if (ksa.namespace !== undefined && ksa.name !== undefined) {
        appendTo(this.ksaByName, `${ksa.namespace}/${ksa.name}`, ksa);
      }
    }
    this.podTemplates = Object.entries(POD_TEMPLATE_PATHS).flatMap(([type, path]) =>
      index.resources(type).map((resource) => this.podTemplate(resource, path)));
    this.manifests = index.resources('kubernetes_manifest').map((resource) => {
      const manifest = map(resource.config.manifest);
      return {
        resource,
        apiVersion: index.literalString(manifest?.apiVersion, resource.element),
        kind: index.literalString(manifest?.kind, resource.element),
        name: index.literalString(map(manifest?.metadata)?.name, resource.element),
        spec: map(manifest?.spec),
      };
    });
    for (const namespace of index.resourcesOf(NAMESPACE_TYPES)) {
      const metadata = block(namespace.config, 'metadata');
      this.addNamespaceLabels(index.literalString(metadata?.name, namespace.element), map(metadata?.labels));
    }
    for (const labels of index.resources('kubernetes_labels').filter((l) => l.config.kind === 'Namespace')) {
      this.addNamespaceLabels(index.literalString(block(labels.config, 'metadata')?.name, labels.element), map(labels.config.labels));
    }
  }

  /** The service accounts named `namespace/name`. */
  public serviceAccountsNamed(namespace: string, name: string): KsaObject[] {
    return this.ksaByName.get(`${namespace}/${name}`) ?? [];
  }

  /** The labels of a namespace the app creates, or undefined. */
  public labelsOfNamespace(namespace: string): TfConfig | undefined {
    return this.namespaceLabels.get(namespace);
  }

  /** The `security.cloud.google.com` objects of a kind (`WorkloadCertificateConfig`, `TrustConfig`). */
  public meshSecurityObjects(kind: string): ManifestObject[] {
    return this.manifests.filter((m) => m.kind === kind && (m.apiVersion ?? '').startsWith('security.cloud.google.com/'));
  }

  /** The namespace of a namespaced resource (`default` when not set). */
  public namespaceOf(resource: TfResource): string | undefined {
    const namespace = block(resource.config, 'metadata')?.namespace;
    return namespace === undefined ? 'default' : this.index.literalString(namespace, resource.element);
  }

  /** Namespace labels come from the namespace resource and from `kubernetes_labels` on existing namespaces. */
  private addNamespaceLabels(namespace: string | undefined, labels: TfConfig | undefined): void {
    if (namespace !== undefined) this.namespaceLabels.set(namespace, { ...this.namespaceLabels.get(namespace), ...labels });
  }

  private podTemplate(resource: TfResource, path: string[]): PodTemplate {
    const template = path.reduce<TfConfig | undefined>((config, key) => block(config, key), resource.config);
    const metadata = block(template, 'metadata');
    const spec = block(template, 'spec');
    const serviceAccount = spec?.service_account_name;
    return {
      resource,
      namespace: this.namespaceOf(resource),
      annotations: map(metadata?.annotations) ?? {},
      labels: map(metadata?.labels) ?? {},
      nodeSelector: map(spec?.node_selector) ?? {},
      serviceAccountName: serviceAccount === undefined ? 'default' : this.index.literalString(serviceAccount, resource.element),
      hostNetwork: literalBool(spec?.host_network) === true,
      spec,
    };
  }
}
