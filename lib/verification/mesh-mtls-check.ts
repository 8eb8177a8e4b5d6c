import { Construct } from 'constructs';
import type { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
import { MeshClientCheckOptions } from './mesh-client-check-options';
import { meshClientJob } from './mesh-client-job';
import { authorizationVerdict } from './mesh-request';
import { VerificationCheck } from './verification-check';
import { checkedProps } from '../core/props';

/** The header the server's Envoy adds to requests that arrived over mesh mTLS, naming both identities. */
const CLIENT_CERT_HEADER = 'x-forwarded-client-cert';

/**
 * Guide 002's mTLS check as a Job: from a pod with an Envoy sidecar, running as the client identity, it
 * GETs the service (`wget -q -O - service-test` in the guide) and expects HTTP 200 with the
 * `x-forwarded-client-cert` header the server's Envoy adds for mTLS connections, naming the server
 * (`By=<server SPIFFE id>`) and the client (`URI=<client SPIFFE id>`). The server must echo the request's
 * headers, as the guide's echo server does. The check fails at validation when the service's authorization
 * policy refuses that GET.
 */
export class MeshMtlsCheck extends VerificationCheck {
  /** The `kubernetes_job_v1` resource. */
  public readonly resource: JobV1;
  /** The texts the response must contain. */
  public readonly expectedTexts: string[];

  constructor(scope: Construct, id: string, props: MeshClientCheckOptions) {
    super(scope, id, checkedProps(scope, id, props, { identity: 'object!', service: 'object!', host: 'string', port: 'number', path: 'string', envoyAdminPort: 'number', name: 'string', image: 'string', attempts: 'number', retryIntervalSeconds: 'number', backoffLimit: 'number', activeDeadlineSeconds: 'number', ttlSecondsAfterFinished: 'number', waitForCompletion: 'boolean', dependsOn: 'object' }).identity.namespace, VerificationCheck.CURL_IMAGE, props);
    this.expectedTexts = [CLIENT_CERT_HEADER, `By=${props.service.server.spiffeId}`, `URI=${props.identity.principal.spiffeId}`];
    const { job, request } = meshClientJob(this, props, { method: 'GET', status: 200, texts: this.expectedTexts });
    this.resource = job;
    this.node.addValidation({
      validate: () => {
        const verdict = authorizationVerdict(props.service, request);
        return verdict.allowed === false
          ? [`${this.node.path}: the check's GET would be refused with HTTP 403: ${verdict.reason}; allow it (service.allow) or check another identity`]
          : [];
      },
    });
  }
}
