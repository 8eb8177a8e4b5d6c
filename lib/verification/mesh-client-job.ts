import type { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
import { inputError } from '../core/errors';
import { checkPort } from '../core/names';
import { MESH_ANNOTATIONS } from '../workloads/mesh-pod';
import { WorkloadPodSettings } from '../workloads/workload-pod-settings';
import { httpScript, SCRIPT_ENV } from './check-script';
import { MeshClientCheckOptions } from './mesh-client-check-options';
import { AuthorizedRequest, checkRequestTarget, requestEnv, requestUrl, serviceDependencies, serviceRequestHost } from './mesh-request';
import { placeWithIdentity } from './placement';
import { VerificationCheck } from './verification-check';
import { verificationJob } from './verification-job';

/** What a meshed client check sends and expects. */
export interface MeshClientExpectation {
  readonly method: string;
  readonly status: number;
  /** Texts the response body must contain, in order of checking. */
  readonly texts: string[];
}

/** The Job of a meshed client check, and the request as the service's authorization policy sees it. */
export interface MeshClientJob {
  readonly job: JobV1;
  readonly request: AuthorizedRequest;
}

/**
 * The Job of a check that requests a mesh service from a pod with an Envoy sidecar: the pod runs as the
 * identity (its pod settings: namespace, KSA, token setting, metadata-server node selector on Standard)
 * with `cloud.google.com/enableManagedCerts: "true"`, so that its sidecar presents the identity's mesh
 * certificate, and waits for the identity's and the service's resources of its stack.
 */
export function meshClientJob(check: VerificationCheck, props: MeshClientCheckOptions, expectation: MeshClientExpectation): MeshClientJob {
  const identity = props.identity;
  if (!identity.cluster.meshCertificatesEnabled) {
    throw inputError(check, 'identity', identity.node.path,
      `runs in cluster ${identity.cluster.clusterName}, which issues no mesh certificates (meshCertificates: true), so its sidecar cannot talk mTLS`);
  }
  const envoyAdminPort = props.envoyAdminPort ?? 15000;
  checkPort(check, 'envoyAdminPort', envoyAdminPort);
  const target = { scheme: 'http' as const, host: serviceRequestHost(check, props.service, props.host), port: props.port ?? 80, path: props.path ?? '/' };
  checkRequestTarget(check, target, 'port');

  const pod = WorkloadPodSettings.of(identity);
  const serviceResources = serviceDependencies(check, props.service);
  const placement = placeWithIdentity(check, identity);
  const env = {
    ...requestEnv(expectation.method, requestUrl(target), expectation.status, expectation.texts),
    [SCRIPT_ENV.envoyAdminPort]: String(envoyAdminPort),
  };
  const job = verificationJob(check, {
    provider: placement.provider,
    script: httpScript({ expectedTexts: expectation.texts.length, sidecar: true, insecure: false }),
    env,
    resourceRequests: { cpu: '50m', memory: '32Mi' },
    serviceAccountName: pod.serviceAccountName,
    automountServiceAccountToken: pod.automountServiceAccountToken,
    nodeSelector: pod.nodeSelector,
    annotations: { ...pod.annotations, [MESH_ANNOTATIONS.enableManagedCerts]: 'true' },
    dependsOn: () => [...placement.dependsOn(), ...serviceResources, ...(props.dependsOn ?? [])],
  });
  return { job, request: { principal: identity.principal.spiffeId, host: target.host, method: expectation.method } };
}
