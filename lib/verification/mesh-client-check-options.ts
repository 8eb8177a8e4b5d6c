import { WorkloadIdentity } from '../identity/workload-identity';
import { SecureMeshService } from '../mesh/secure-mesh-service';
import { VerificationJobOptions } from './verification-check';

/** Properties of a check that requests a mesh service from a meshed client pod. */
export interface MeshClientCheckOptions extends VerificationJobOptions {
  /**
   * The workload identity the request comes from, such as the guide's client: the Job runs as its KSA, in
   * its namespace, with an Envoy sidecar that presents the identity's GKE mesh certificate. The namespace
   * needs sidecar injection (MeshSidecarInjection) and the cluster mesh certificates.
   */
  readonly identity: WorkloadIdentity;
  /** The mesh service to request. */
  readonly service: SecureMeshService;
  /**
   * The host name to request; one the service's HTTPRoute matches.
   * @default - the service's first host name
   */
  readonly host?: string;
  /**
   * The port in the request URL.
   * @default 80 - the port of a MeshWorkload's Service
   */
  readonly port?: number;
  /**
   * The path (and query) to request.
   * @default '/'
   */
  readonly path?: string;
  /**
   * The port of the Envoy sidecar's admin interface on 127.0.0.1: the check waits for its `/ready` and
   * ends by POSTing `/quitquitquit` there, so that the sidecar exits and the Job's pod completes.
   * @default 15000
   */
  readonly envoyAdminPort?: number;
}
