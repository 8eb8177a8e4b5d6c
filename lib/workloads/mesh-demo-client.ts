import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import type { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { checkName, CONTAINER_IMAGE, DNS_1123_LABEL } from '../core/names';
import { WorkloadIdentity } from '../identity/workload-identity';
import { MESH_ANNOTATIONS, meshDeployment, NO_PRIVILEGE_ESCALATION } from './mesh-pod';
import { MeshSidecarInjection } from './mesh-sidecar-injection';
import { checkProps } from '../core/props';

/** Properties of a {@link MeshDemoClient}. */
export interface MeshDemoClientProps {
  /** The workload identity the client runs as, such as the guide's client KSA (its namespace is the client's). */
  readonly identity: WorkloadIdentity;
  /**
   * The Deployment name; pods are labelled `run: <name>`.
   * @default 'client' - the guide's `kubectl get po -l run=client` finds it
   */
  readonly name?: string;
  /**
   * The image of the `busybox` container, which only sleeps so that commands can be run in it.
   * @default 'busybox:1.36'
   */
  readonly image?: string;
  /**
   * The sidecar injection of the client's namespace; the Deployment waits for it.
   * @default - none: injection is assumed to be enabled for the namespace already
   */
  readonly injection?: MeshSidecarInjection;
  /**
   * Further resources the Deployment waits for. The identity's resources and grants, the sidecar injection
   * and the cluster's WorkloadCertificates are waited for without being listed here.
   * @default - only those
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The guide's demo client: a busybox container with an Envoy sidecar and GKE mesh certificates
 * (`enableManagedCerts`), running as the client's Kubernetes service account, for `kubectl exec` checks
 * such as `wget -q -O - service-test`.
 */
export class MeshDemoClient extends Construct {
  /** The Deployment name, also the value of the pods' `run` label. */
  public readonly clientName: string;
  /** The namespace of the client. */
  public readonly namespace: string;
  /** The `kubernetes_deployment_v1` resource. */
  public readonly deployment: DeploymentV1;

  constructor(scope: Construct, id: string, props: MeshDemoClientProps) {
    super(scope, id);
    checkProps(this, props, { identity: 'object!', name: 'string', image: 'string', injection: 'object', dependsOn: 'object' });
    this.clientName = props.name ?? 'client';
    checkName(this, 'name', this.clientName, DNS_1123_LABEL);
    checkName(this, 'image', props.image, CONTAINER_IMAGE);
    this.namespace = props.identity.namespace;
    this.deployment = meshDeployment(this, {
      name: this.clientName,
      identity: props.identity,
      labels: { run: this.clientName },
      annotations: { [MESH_ANNOTATIONS.enableManagedCerts]: 'true' },
      replicas: 1,
      containers: [{
        name: 'busybox',
        image: props.image ?? 'busybox:1.36',
        command: ['sleep', '365d'],
        securityContext: NO_PRIVILEGE_ESCALATION,
      }],
      injection: props.injection,
      dependsOn: props.dependsOn,
    });
  }
}
