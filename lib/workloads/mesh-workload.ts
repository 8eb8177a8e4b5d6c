import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import type { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { IWorkloadIdentityCluster } from '../core/cluster-ref';
import { inputError } from '../core/errors';
import { checkName, checkPort, DNS_1123_LABEL, RESOURCE_NAME, CONTAINER_IMAGE } from '../core/names';
import { WorkloadIdentity } from '../identity/workload-identity';
import { WorkloadPrincipal } from '../identity/workload-principal';
import {
  checkProxyMetadata, checkReplicas, MESH_ANNOTATIONS, meshDeployment, NO_PRIVILEGE_ESCALATION, proxyMetadataJson,
} from './mesh-pod';
import { checkResourceQuantities, containerProbes } from './container-settings';
import { WorkloadProbes } from './workload-probes';
import { MeshSidecarInjection } from './mesh-sidecar-injection';
import { checkProps } from '../core/props';
import { claimName } from '../core/name-claims';
import { checkEnvNames, checkKubernetesLabels } from '../core/value-rules';
import { addTokenEnv, containerEnv } from './container-env';
import { WorkloadPlacement } from './workload-placement';

/** The Kubernetes Service in front of a {@link MeshWorkload}, and its NEG. */
export interface MeshWorkloadServiceOptions {
  /**
   * The Service name, such as `service-test`; also the mesh host name clients use by default.
   * @default - the workload name
   */
  readonly name?: string;
  /**
   * The Service port clients connect to.
   * @default 80
   */
  readonly port?: number;
  /**
   * The name of the standalone NEGs GKE creates for the port, which the mesh backend service reads.
   * @default - `<service name>-neg`
   */
  readonly negName?: string;
}

/** Properties of a {@link MeshWorkload}. */
export interface MeshWorkloadProps {
  /**
   * The workload identity the pods run as, such as the guide's server KSA: its namespace is the
   * workload's, and the Deployment waits for its resources.
   */
  readonly identity: WorkloadIdentity;
  /**
   * The Deployment name; pods are labelled `app: <name>`.
   * @default - the construct id
   */
  readonly name?: string;
  /** The application's container image. */
  readonly image: string;
  /** The port the application listens on. Envoy intercepts it (`includeInboundPorts`) and the NEG endpoints use it. */
  readonly port: number;
  /**
   * The Envoy node metadata labels (`cloud.google.com/proxyMetadata`) that the service's endpoint policy
   * matches, such as `{ app: 'payments' }`. At least one label.
   */
  readonly proxyMetadata: { [key: string]: string };
  /**
   * The Service and its NEG.
   * @default - a Service named like the workload, port 80, NEG `<name>-neg`
   */
  readonly service?: MeshWorkloadServiceOptions;
  /**
   * A port the application serves health checks on outside the mesh: declared on the container and not
   * intercepted by Envoy. A SecureMeshService built from this workload probes it.
   * @default - none: health checks probe the serving port, as in the guide
   */
  readonly healthCheckPort?: number;
  /**
   * The number of pods.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Resource requests of the application container, such as `{ cpu: '250m', memory: '256Mi' }` (the
   * scheduler places pods by them; Autopilot also sizes and bills the pod by them).
   * @default - none (Autopilot applies its defaults)
   */
  readonly resourceRequests?: { [resource: string]: string };
  /**
   * Resource limits of the application container, such as `{ memory: '256Mi' }`.
   * @default - none
   */
  readonly resourceLimits?: { [resource: string]: string };
  /**
   * HTTP readiness, liveness and startup probes of the application container, on `healthCheckPort` (a port
   * Envoy does not intercept) unless a probe names another port outside the mesh.
   * @default - none
   */
  readonly probes?: WorkloadProbes;
  /**
   * Environment variables of the application container.
   * @default - none
   */
  readonly env?: { [key: string]: string };
  /**
   * The container command.
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * The container arguments.
   * @default - the image's arguments
   */
  readonly args?: string[];
  /**
   * The sidecar injection of the workload's namespace; the Deployment waits for it, so every pod starts
   * with its Envoy sidecar.
   * @default - none: injection is assumed to be enabled for the namespace already
   */
  readonly injection?: MeshSidecarInjection;
  /**
   * Where the pods run: `WorkloadPlacement.onPool(pool)` for one node pool (its taints tolerated), or
   * `WorkloadPlacement.custom({ nodeSelector, tolerations })`. Its node selector joins the metadata-server one.
   * @default - any node the scheduler picks among untainted ones
   */
  readonly placement?: WorkloadPlacement;
  /**
   * Further resources the Deployment waits for. The identity's resources and grants, the sidecar injection
   * and the cluster's WorkloadCertificates are waited for without being listed here.
   * @default - only those
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A meshed workload of Cloud Service Mesh with Envoy sidecars: a Deployment whose pods carry the proxy
 * metadata the endpoint policy matches, mount GKE mesh certificates into the sidecar
 * (`enableManagedCerts`), have their application port intercepted by Envoy and run as one Kubernetes
 * service account; and a Service whose `cloud.google.com/neg` annotation makes GKE create the named
 * zonal NEGs the mesh backend service reads.
 */
export class MeshWorkload extends Construct {
  /** The Deployment name. */
  public readonly workloadName: string;
  /** The namespace of the Deployment and the Service. */
  public readonly namespace: string;
  /** The cluster the workload runs in (its identity's). */
  public readonly cluster: IWorkloadIdentityCluster;
  /** The Kubernetes service account the pods run as (the server identity). */
  public readonly principal: WorkloadPrincipal;
  /** The application port. */
  public readonly port: number;
  /** The health check port, if the application serves one outside the mesh. */
  public readonly healthCheckPort?: number;
  /** The Service name. */
  public readonly serviceName: string;
  /** The Service port. */
  public readonly servicePort: number;
  /** The NEG name. */
  public readonly negName: string;
  /** The `kubernetes_deployment_v1` resource. */
  public readonly deployment: DeploymentV1;
  /** The `kubernetes_service_v1` resource. */
  public readonly service: ServiceV1;
  private readonly metadataLabels: { [key: string]: string };

  constructor(scope: Construct, id: string, props: MeshWorkloadProps) {
    super(scope, id);
    checkProps(this, props, { identity: 'object!', name: 'string', image: 'string!', port: 'number!', proxyMetadata: 'map!', service: { name: 'string', port: 'number', negName: 'string' }, healthCheckPort: 'number', replicas: 'number', env: 'map', command: 'strings', args: 'strings', injection: 'object', dependsOn: 'object' });
    this.workloadName = props.name ?? id;
    checkName(this, 'name', this.workloadName, DNS_1123_LABEL);
    checkName(this, 'image', props.image, CONTAINER_IMAGE);
    checkKubernetesLabels(this, 'proxyMetadata', props.proxyMetadata);
    checkEnvNames(this, props.env);
    claimName(this, 'name', `Kubernetes Deployment in namespace ${props.identity.namespace} of cluster ${props.identity.cluster.node.path}`, this.workloadName);
    checkPort(this, 'port', props.port);
    checkPort(this, 'healthCheckPort', props.healthCheckPort);
    if (props.healthCheckPort !== undefined && props.healthCheckPort === props.port) {
      throw inputError(this, 'healthCheckPort', props.healthCheckPort,
        'must differ from the application port: Envoy intercepts that port and would apply the service security policy to the probes');
    }
    checkProxyMetadata(this, 'proxyMetadata', props.proxyMetadata);
    checkReplicas(this, props.replicas ?? 1);
    checkResourceQuantities(this, 'resourceRequests', props.resourceRequests, props.resourceLimits);
    const probes = containerProbes(this, props.probes, props.port, props.healthCheckPort);
    this.namespace = props.identity.namespace;
    this.cluster = props.identity.cluster;
    this.principal = props.identity.principal;
    this.port = props.port;
    this.healthCheckPort = props.healthCheckPort;
    this.metadataLabels = { ...props.proxyMetadata };
    this.serviceName = props.service?.name ?? this.workloadName;
    checkName(this, 'service.name', this.serviceName, DNS_1123_LABEL);
    this.servicePort = props.service?.port ?? 80;
    checkPort(this, 'service.port', this.servicePort);
    this.negName = props.service?.negName ?? `${this.serviceName}-neg`;
    checkName(this, 'service.negName', this.negName, RESOURCE_NAME);

    const labels = { app: this.workloadName };
    this.deployment = meshDeployment(this, {
      name: this.workloadName,
      identity: props.identity,
      labels,
      annotations: {
        [MESH_ANNOTATIONS.proxyMetadata]: proxyMetadataJson(props.proxyMetadata),
        [MESH_ANNOTATIONS.enableManagedCerts]: 'true',
        [MESH_ANNOTATIONS.includeInboundPorts]: String(props.port),
      },
      replicas: props.replicas ?? 1,
      containers: [{
        name: 'app',
        image: props.image,
        command: props.command,
        args: props.args,
        env: containerEnv(props.env),
        port: [
          { name: 'http', containerPort: props.port },
          ...(props.healthCheckPort !== undefined ? [{ name: 'health', containerPort: props.healthCheckPort }] : []),
        ],
        resources: props.resourceRequests || props.resourceLimits
          ? { requests: props.resourceRequests, limits: props.resourceLimits } : undefined,
        ...probes,
        securityContext: NO_PRIVILEGE_ESCALATION,
      }],
      injection: props.injection,
      placement: props.placement,
      dependsOn: props.dependsOn,
    });
    addTokenEnv(this.deployment, 'spec.template.spec', props.env);
    this.service = new ServiceV1(this, 'Service', {
      provider: props.identity.kubernetesProvider,
      metadata: {
        name: this.serviceName,
        namespace: this.namespace,
        annotations: { [MESH_ANNOTATIONS.neg]: JSON.stringify({ exposed_ports: { [this.servicePort]: { name: this.negName } } }) },
      },
      spec: {
        type: 'ClusterIP',
        selector: labels,
        port: [{ name: 'http', port: this.servicePort, targetPort: String(props.port), protocol: 'TCP' }],
      },
    });
  }

  /** The proxy metadata labels of the pods (a copy). */
  public get proxyMetadata(): { [key: string]: string } {
    return { ...this.metadataLabels };
  }
}
