import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { Labels } from '@cdktf/provider-kubernetes/lib/labels';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { checkName, DNS_1123_LABEL } from '../core/names';
import { checkProps } from '../core/props';

/** Properties of a {@link MeshSidecarInjection}. */
export interface MeshSidecarInjectionProps {
  /** The namespace whose new pods get an Envoy sidecar, such as `default`. It must already exist. */
  readonly namespace: string;
  /**
   * Resources of this stack that install the Envoy sidecar injector (for example a `helm_release` or a
   * `local-exec` running the injector's install steps). The namespace label waits for them, and meshed
   * workloads wait for the label, so no pod starts without its sidecar.
   * @default - none: the injector is installed before this stack is deployed (docs/mesh.md says how)
   */
  readonly injectorInstalledBy?: ITerraformDependable[];
  /**
   * The kubernetes provider of the namespace's cluster, needed when one stack talks to several clusters
   * (`cluster.connect(scope, { alias })`). Meshed workloads must use the same provider.
   * @default - the stack's default kubernetes provider
   */
  readonly kubernetesProvider?: KubernetesProvider;
}

/**
 * Enables automatic Envoy sidecar injection for a namespace: the label `istio-injection=enabled`, which the
 * Cloud Service Mesh sidecar injector (td-sidecar-injector) watches. Only pods created after the label get
 * a sidecar, so meshed workloads take this construct and wait for it.
 *
 * The injector itself (a webhook with its own certificates, configured with the project number, the
 * network and the mesh name) is not installed by the library; docs/mesh.md gives the steps and
 * `injectorInstalledBy` is the hook for a resource that runs them.
 */
export class MeshSidecarInjection extends Construct {
  /** The namespace label the injector watches. */
  public static readonly NAMESPACE_LABEL = 'istio-injection';

  /** The namespace with injection enabled. */
  public readonly namespace: string;
  /** The kubernetes provider the label is applied with, when not the stack's default one. */
  public readonly kubernetesProvider?: KubernetesProvider;
  /** The `kubernetes_labels` resource that labels the namespace. */
  public readonly resource: Labels;

  constructor(scope: Construct, id: string, props: MeshSidecarInjectionProps) {
    super(scope, id);
    checkProps(this, props, { namespace: 'string!', injectorInstalledBy: 'object', kubernetesProvider: 'object' });
    checkName(this, 'namespace', props.namespace, DNS_1123_LABEL);
    this.namespace = props.namespace;
    this.kubernetesProvider = props.kubernetesProvider;
    this.resource = new Labels(this, 'Resource', {
      provider: props.kubernetesProvider,
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: props.namespace },
      labels: { [MeshSidecarInjection.NAMESPACE_LABEL]: 'enabled' },
      dependsOn: props.injectorInstalledBy,
    });
  }
}
