import { Construct, IConstruct } from 'constructs';
import { ITerraformDependable, TerraformStack, Token } from 'cdktf';
import type {
  DeploymentV1, DeploymentV1SpecTemplateSpecContainer, DeploymentV1SpecTemplateSpecInitContainer, DeploymentV1SpecTemplateSpecVolume,
} from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { inputError } from '../core/errors';
import { deploymentV1Module } from '../core/provider-modules';
import { WorkloadIdentity } from '../identity/workload-identity';
import { certificateConfigDependencies } from '../pki/certificate-registry';
import type { MeshSidecarInjection } from './mesh-sidecar-injection';
import { dependOnAtSynthesis } from './synth-dependencies';
import { providerTolerations } from './placement-checks';
import { WorkloadPlacement } from './workload-placement';
import { WorkloadPodSettings } from './workload-pod-settings';

/** Pod annotations the Envoy sidecar injector reads (td-sidecar-injector). */
export const MESH_ANNOTATIONS = {
  /** JSON map appended to the Envoy node metadata; endpoint policies match these labels. */
  proxyMetadata: 'cloud.google.com/proxyMetadata',
  /** `"true"` mounts the GKE mesh certificates (signed by CA Service) into the sidecar. */
  enableManagedCerts: 'cloud.google.com/enableManagedCerts',
  /** Comma-separated inbound ports redirected to Envoy. */
  includeInboundPorts: 'cloud.google.com/includeInboundPorts',
  /** `"false"` keeps the injector away from a pod. */
  inject: 'sidecar.istio.io/inject',
  /** The Service annotation that makes GKE create standalone zonal NEGs. */
  neg: 'cloud.google.com/neg',
} as const;

/** The CSI driver that serves GKE mesh certificates, and where Envoy expects them. */
export const WORKLOAD_CERTIFICATES = {
  volumeName: 'gke-workload-certificates',
  driver: 'workloadcertificates.security.cloud.google.com',
  mountPath: '/var/run/secrets/workload-spiffe-credentials',
} as const;

/**
 * The proxy metadata annotation value: the labels as a JSON object with sorted keys, so the annotation
 * does not change when the labels are written in another order.
 */
export function proxyMetadataJson(labels: { [key: string]: string }): string {
  const sorted: { [key: string]: string } = {};
  Object.keys(labels).sort().forEach((key) => { sorted[key] = labels[key]; });
  return JSON.stringify(sorted);
}

/** Throws unless there is at least one label and every name and value is a non-empty string. */
export function checkProxyMetadata(scope: IConstruct, field: string, labels: { [key: string]: string }): void {
  const entries = Object.entries(labels);
  if (entries.length === 0) {
    throw inputError(scope, field, labels,
      'must name at least one label: an endpoint policy without labels matches every proxy of the mesh');
  }
  for (const [name, value] of entries) {
    if (name === '' || (!Token.isUnresolved(value) && value === '')) {
      throw inputError(scope, `${field}.${name}`, value, 'label names and values must be non-empty strings');
    }
  }
}

/** Inputs of {@link meshDeployment}. */
export interface MeshDeploymentInput {
  readonly name: string;
  /** The workload identity the pods run as; its namespace is the Deployment's. */
  readonly identity: WorkloadIdentity;
  /** Labels of the Deployment and its pods; they also select the pods. */
  readonly labels: { [key: string]: string };
  readonly annotations: { [key: string]: string };
  readonly replicas: number;
  readonly containers: DeploymentV1SpecTemplateSpecContainer[];
  readonly initContainers?: DeploymentV1SpecTemplateSpecInitContainer[];
  readonly volumes?: DeploymentV1SpecTemplateSpecVolume[];
  /** The sidecar injection of the namespace, which the Deployment waits for. */
  readonly injection?: MeshSidecarInjection;
  /** Where the pods run. */
  readonly placement?: WorkloadPlacement;
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The Deployment every meshed pod runs in: pods selected by their labels, running as the workload identity
 * ({@link WorkloadPodSettings}: its namespace, service account, token mount setting and, on Standard
 * clusters, the GKE metadata server node selector), with the runtime's default seccomp profile; created
 * after the identity's resources and grants, the namespace's sidecar injection and the cluster's workload
 * certificate configuration (WorkloadCertificates, found by itself: in the same stack by `depends_on`,
 * otherwise by stack order), since pods with managed certificates do not start without it.
 */
export function meshDeployment(scope: Construct, input: MeshDeploymentInput): DeploymentV1 {
  const pod = WorkloadPodSettings.of(input.identity, { placement: input.placement }, scope);
  const injection = injectionDependency(scope, input.identity, input.injection);
  const certificates = certificateConfigDependencies(scope, input.identity.cluster.clusterId);
  const { DeploymentV1: Deployment } = deploymentV1Module();
  const deployment = new Deployment(scope, 'Deployment', {
    provider: input.identity.kubernetesProvider,
    metadata: { name: input.name, namespace: pod.namespace, labels: input.labels },
    spec: {
      replicas: String(input.replicas),
      selector: { matchLabels: input.labels },
      template: {
        metadata: { labels: input.labels, annotations: { ...pod.annotations, ...input.annotations } },
        spec: {
          serviceAccountName: pod.serviceAccountName,
          automountServiceAccountToken: pod.automountServiceAccountToken,
          nodeSelector: Object.keys(pod.nodeSelector).length > 0 ? pod.nodeSelector : undefined,
          toleration: providerTolerations(pod.tolerations),
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          initContainer: input.initContainers,
          container: input.containers,
          volume: input.volumes,
        },
      },
    },
  });
  dependOnAtSynthesis(deployment, () => [...injection, ...input.identity.dependables, ...certificates(), ...(input.dependsOn ?? [])]);
  return deployment;
}

/** The container security context of every container the library defines: no privilege escalation. */
export const NO_PRIVILEGE_ESCALATION = { allowPrivilegeEscalation: false } as const;

/** Throws unless `replicas` is a whole number of at least 1. */
export function checkReplicas(scope: IConstruct, replicas: number): void {
  if (!Token.isUnresolved(replicas) && (!Number.isInteger(replicas) || replicas < 0)) {
    throw inputError(scope, 'replicas', replicas, 'must be a whole number of at least 0 (0 scales the workload down and keeps its objects)');
  }
}

/** The namespace's sidecar injection as a dependency, checked to be for the identity's namespace and cluster. */
function injectionDependency(scope: IConstruct, identity: WorkloadIdentity, injection?: MeshSidecarInjection): ITerraformDependable[] {
  const namespace = identity.namespace;
  if (injection && !Token.isUnresolved(injection.namespace) && !Token.isUnresolved(namespace) && injection.namespace !== namespace) {
    throw inputError(scope, 'injection', injection.node.path,
      `enables sidecars in namespace "${injection.namespace}", but the pods run in the identity's namespace "${namespace}" ` +
      `(${identity.node.path}). Fix: pass the MeshSidecarInjection of namespace "${namespace}", or an identity of namespace "${injection.namespace}"`);
  }
  const podsAlias = identity.kubernetesProvider.alias;
  if (injection && TerraformStack.of(injection) === TerraformStack.of(scope) && injection.kubernetesProvider?.alias !== podsAlias) {
    throw inputError(scope, 'injection', injection.node.path,
      `labels namespace ${namespace} through ${providerName(injection.kubernetesProvider?.alias)}, but the pods run in cluster ` +
      `${identity.cluster.node.path} through ${providerName(podsAlias)}, so they would start without sidecars; give the ` +
      'injection the kubernetes provider of the pods\' cluster (kubernetesProvider)');
  }
  return injection ? [injection.resource] : [];
}

function providerName(alias: string | undefined): string {
  return alias === undefined ? 'the default kubernetes provider' : `the kubernetes provider "${alias}"`;
}
