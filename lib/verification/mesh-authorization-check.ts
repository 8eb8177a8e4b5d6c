import { Construct } from 'constructs';
import type { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
import { checkName, HTTP_METHOD } from '../core/names';
import { MeshClientCheckOptions } from './mesh-client-check-options';
import { meshClientJob } from './mesh-client-job';
import { authorizationVerdict } from './mesh-request';
import { VerificationCheck } from './verification-check';
import { checkedProps } from '../core/props';

/** The body Envoy answers a request with when an authorization policy refuses it. */
const DENIED_BODY = 'RBAC: access denied';

/** Properties of a {@link MeshAuthorizationCheck}. */
export interface MeshAuthorizationCheckProps extends MeshClientCheckOptions {
  /**
   * The method of the request the service's authorization policy must refuse.
   * @default 'POST' - as in the guide, where the client may only GET
   */
  readonly method?: string;
}

/**
 * Guide 002's authorization check as a Job: from a pod with an Envoy sidecar, running as the identity, it
 * sends a request no rule of the service's authorization policy allows (the guide's POST) and expects
 * HTTP 403 with `RBAC: access denied`. The check fails at validation when the service has no authorization
 * policy or a rule allows the request, since the Job could then never pass.
 */
export class MeshAuthorizationCheck extends VerificationCheck {
  /** The `kubernetes_job_v1` resource. */
  public readonly resource: JobV1;
  /** The method of the refused request. */
  public readonly method: string;

  constructor(scope: Construct, id: string, props: MeshAuthorizationCheckProps) {
    super(scope, id, checkedProps(scope, id, props, { identity: 'object!', service: 'object!', host: 'string', port: 'number', path: 'string', envoyAdminPort: 'number', name: 'string', image: 'string', attempts: 'number', retryIntervalSeconds: 'number', backoffLimit: 'number', activeDeadlineSeconds: 'number', ttlSecondsAfterFinished: 'number', waitForCompletion: 'boolean', dependsOn: 'object' }).identity.namespace, VerificationCheck.CURL_IMAGE, props);
    this.method = props.method ?? 'POST';
    checkName(this, 'method', this.method, HTTP_METHOD);
    const { job, request } = meshClientJob(this, props, { method: this.method, status: 403, texts: [DENIED_BODY] });
    this.resource = job;
    this.node.addValidation({
      validate: () => {
        const verdict = authorizationVerdict(props.service, request);
        return verdict.allowed === true
          ? [`${this.node.path}: the check expects HTTP 403, but the request is served: ${verdict.reason}; check a request no rule allows`]
          : [];
      },
    });
  }
}
