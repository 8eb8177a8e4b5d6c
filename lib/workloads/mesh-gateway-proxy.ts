import { Construct } from 'constructs';
import { ITerraformDependable, Token } from 'cdktf';
import type { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { IWorkloadIdentityCluster } from '../core/cluster-ref';
import { inputError } from '../core/errors';
import { GcpProject } from '../core/gcp-project';
import { checkName, CONTAINER_IMAGE, checkPort, DNS_1123_LABEL, GATEWAY_SCOPE, RESOURCE_NAME } from '../core/names';
import { WorkloadIdentity } from '../identity/workload-identity';
import { checkReplicas, MESH_ANNOTATIONS, meshDeployment, NO_PRIVILEGE_ESCALATION, WORKLOAD_CERTIFICATES } from './mesh-pod';
import { checkProps } from '../core/props';

/** Options of a {@link MeshGatewayProxy} that its gateway does not determine. */
export interface MeshGatewayProxyOptions {
  /**
   * The ClusterIP Service port clients connect to with TLS.
   * @default 443
   */
  readonly servicePort?: number;
  /**
   * The number of Envoy pods.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * The Envoy image. Its default command reads `/etc/envoy/envoy.yaml`, where the bootstrap is written.
   * @default 'envoyproxy/envoy:v1.31.2'
   */
  readonly envoyImage?: string;
  /**
   * The Traffic Director bootstrap generator image (init container).
   * @default 'gcr.io/trafficdirector-prod/xds-client-bootstrap-generator'
   */
  readonly bootstrapImage?: string;
  /**
   * The VPC network name the bootstrap names (`--network_name`), as Google's gateway sample fills its
   * `NETWORK_PLACEHOLDER` with the network (`default`).
   * @default - the network of the identity's cluster when this app creates the cluster (`default` unless the
   * cluster names one); required for a cluster whose network the app does not write (adopted clusters)
   */
  readonly network?: string;
  /**
   * Further resources the Deployment waits for. The identity's resources and grants and the cluster's
   * WorkloadCertificates (the pods mount GKE mesh certificates and do not start without them) are waited
   * for without being listed here.
   * @default - only those
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** Properties of a {@link MeshGatewayProxy}. */
export interface MeshGatewayProxyProps extends MeshGatewayProxyOptions {
  /** The project whose number the bootstrap names. */
  readonly project: GcpProject;
  /** The workload identity the Envoy pods run as (its namespace is the proxy's). */
  readonly identity: WorkloadIdentity;
  /** The name of the Deployment and the Service; the Service name is the host name clients use, such as `mesh-gateway`. */
  readonly name: string;
  /** The scope of the OPEN_MESH gateway the proxies serve, such as `gateway-proxy`. */
  readonly scope: string;
  /** The port Envoy listens on, the gateway's port, such as 8080. */
  readonly port: number;
}

/** The Envoy admin port the bootstrap declares, the one Google's sidecar injector uses (`proxyAdminPort: 15000`). */
const ENVOY_ADMIN_PORT = 15000;

/**
 * The Kubernetes side of a Cloud Service Mesh ingress gateway: standalone Envoy pods that fetch the
 * gateway's configuration (by its scope) from Cloud Service Mesh and terminate TLS with GKE mesh
 * certificates (the `gke-workload-certificates` CSI volume), and a ClusterIP Service in front of them.
 * The pods carry `sidecar.istio.io/inject: "false"`: they are the proxy, no sidecar is added. The
 * bootstrap generator gets what Google's injector template passes to the same image for a pod with managed
 * certificates (`--use_workload_certificates`, so the bootstrap declares the `google_cloud_private_spiffe`
 * certificate provider both TLS policies of the gateway path name; `--network_name`; the admin port), plus
 * the gateway's scope and port.
 */
export class MeshGatewayProxy extends Construct {
  /** The Service name, the host name clients use. */
  public readonly serviceName: string;
  /** The Service port. */
  public readonly servicePort: number;
  /** The `kubernetes_deployment_v1` resource. */
  public readonly deployment: DeploymentV1;
  /** The `kubernetes_service_v1` resource. */
  public readonly service: ServiceV1;

  constructor(scope: Construct, id: string, props: MeshGatewayProxyProps) {
    super(scope, id);
    checkProps(this, props, { project: 'object!', identity: 'object!', name: 'string!', scope: 'string!', port: 'number!', servicePort: 'number', replicas: 'number', envoyImage: 'string', bootstrapImage: 'string', dependsOn: 'object' });
    checkName(this, 'name', props.name, DNS_1123_LABEL);
    checkName(this, 'scope', props.scope, GATEWAY_SCOPE);
    checkName(this, 'envoyImage', props.envoyImage, CONTAINER_IMAGE);
    checkName(this, 'bootstrapImage', props.bootstrapImage, CONTAINER_IMAGE);
    checkPort(this, 'port', props.port);
    this.servicePort = props.servicePort ?? 443;
    checkPort(this, 'servicePort', this.servicePort);
    checkReplicas(this, props.replicas ?? 1);
    const network = props.network ?? networkNameOf(this, props.identity.cluster);
    checkName(this, 'network', network, RESOURCE_NAME);
    this.serviceName = props.name;
    const bootstrapVolume = 'envoy-bootstrap';
    const labels = { app: props.name };

    this.deployment = meshDeployment(this, {
      name: props.name,
      identity: props.identity,
      labels,
      annotations: { [MESH_ANNOTATIONS.inject]: 'false' },
      replicas: props.replicas ?? 1,
      initContainers: [{
        name: 'td-bootstrap-writer',
        image: props.bootstrapImage ?? 'gcr.io/trafficdirector-prod/xds-client-bootstrap-generator',
        args: [
          `--project_number=${props.project.numberIn(this)}`,
          `--network_name=${network}`,
          `--scope_name=${props.scope}`,
          `--envoy_port=${props.port}`,
          '--bootstrap_file_output_path=/var/lib/data/envoy.yaml',
          '--traffic_director_url=trafficdirector.googleapis.com:443',
          '--use_workload_certificates',
          `--envoy_admin_port=${ENVOY_ADMIN_PORT}`,
        ],
        volumeMount: [{ name: bootstrapVolume, mountPath: '/var/lib/data' }],
        securityContext: NO_PRIVILEGE_ESCALATION,
      }],
      containers: [{
        name: 'envoy',
        image: props.envoyImage ?? 'envoyproxy/envoy:v1.31.2',
        port: [{ name: 'https', containerPort: props.port }],
        volumeMount: [
          { name: bootstrapVolume, mountPath: '/etc/envoy', readOnly: true },
          { name: WORKLOAD_CERTIFICATES.volumeName, mountPath: WORKLOAD_CERTIFICATES.mountPath, readOnly: true },
        ],
        securityContext: NO_PRIVILEGE_ESCALATION,
      }],
      volumes: [
        { name: bootstrapVolume, emptyDir: {} },
        { name: WORKLOAD_CERTIFICATES.volumeName, csi: { driver: WORKLOAD_CERTIFICATES.driver } },
      ],
      dependsOn: props.dependsOn,
    });
    this.service = new ServiceV1(this, 'Service', {
      provider: props.identity.kubernetesProvider,
      metadata: { name: props.name, namespace: props.identity.namespace },
      spec: {
        type: 'ClusterIP',
        selector: labels,
        port: [{ name: 'https', port: this.servicePort, targetPort: String(props.port), protocol: 'TCP' }],
      },
    });
  }
}

/**
 * The network name of a cluster this app creates (its `network` argument, the last segment of a self link),
 * or an error asking for `network` when the app does not write the cluster's network.
 */
function networkNameOf(scope: Construct, cluster: IWorkloadIdentityCluster): string {
  const network = cluster.nodeNetwork;
  if (network === undefined) {
    throw inputError(scope, 'network', undefined,
      `is required: the app does not write the network of cluster ${cluster.node.path} (an adopted cluster); give its VPC network name, such as "default"`);
  }
  return Token.isUnresolved(network) ? network : network.slice(network.lastIndexOf('/') + 1);
}
