import { Construct } from 'constructs';
import type { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
import { checkName, DNS_1123_SUBDOMAIN } from '../core/names';
import { MeshIngressGateway } from '../mesh/mesh-ingress-gateway';
import { SecureMeshService } from '../mesh/secure-mesh-service';
import { MESH_ANNOTATIONS } from '../workloads/mesh-pod';
import { httpScript } from './check-script';
import { authorizationVerdict, checkRequestTarget, inStackOf, requestEnv, requestUrl, serviceDependencies } from './mesh-request';
import { placeWithIdentity } from './placement';
import { VerificationCheck, VerificationJobOptions } from './verification-check';
import { verificationJob } from './verification-job';
import { checkedProps } from '../core/props';

/** Properties of a {@link MeshGatewayCheck}. */
export interface MeshGatewayCheckProps extends VerificationJobOptions {
  /** The ingress gateway; its proxy's Service (`addProxy`) is named after its host name. */
  readonly gateway: MeshIngressGateway;
  /** The mesh service the gateway routes to, whose server identity the response must name. */
  readonly service: SecureMeshService;
  /**
   * The port of the gateway proxy's Service.
   * @default 443 - the port `addProxy` gives the Service
   */
  readonly servicePort?: number;
  /**
   * The path (and query) to request.
   * @default '/'
   */
  readonly path?: string;
  /**
   * The namespace of the Job; the gateway's host name must resolve there.
   * @default - the namespace of the gateway's identity, where `addProxy` creates the Service
   */
  readonly namespace?: string;
}

/**
 * Guide 002's ingress gateway check as a Job: from a pod without a sidecar (`sidecar.istio.io/inject:
 * "false"`, the guide's debug pod), it GETs `https://<gateway host>` and expects HTTP 200 with the
 * `x-forwarded-client-cert` header naming the server (`By=`) and the gateway's identity (`URI=`): TLS to the
 * gateway, then mesh mTLS from the gateway to the service. Like the guide (`--no-check-certificate`) it does
 * not verify the gateway's certificate, which your private CA signed and the pod does not trust. The pod
 * runs as the namespace's default service account without a token: it needs no identity. The check fails
 * at validation when the service's authorization policy refuses the gateway's GET.
 */
export class MeshGatewayCheck extends VerificationCheck {
  /** The `kubernetes_job_v1` resource. */
  public readonly resource: JobV1;
  /** The texts the response must contain. */
  public readonly expectedTexts: string[];

  constructor(scope: Construct, id: string, props: MeshGatewayCheckProps) {
    super(scope, id, props.namespace ?? checkedProps(scope, id, props, { gateway: 'object!', service: 'object!', namespace: 'string', path: 'string', servicePort: 'number', name: 'string', image: 'string', attempts: 'number', retryIntervalSeconds: 'number', backoffLimit: 'number', activeDeadlineSeconds: 'number', ttlSecondsAfterFinished: 'number', waitForCompletion: 'boolean', dependsOn: 'object' }).gateway.identity.namespace, VerificationCheck.CURL_IMAGE, props);
    const gateway = props.gateway;
    checkName(this, 'gateway.hostname', gateway.hostname, DNS_1123_SUBDOMAIN);
    const target = { scheme: 'https' as const, host: gateway.hostname, port: props.servicePort ?? 443, path: props.path ?? '/' };
    checkRequestTarget(this, target, 'servicePort');
    this.expectedTexts = ['x-forwarded-client-cert', `By=${props.service.server.spiffeId}`, `URI=${gateway.principal.spiffeId}`];
    const gatewayResources = inStackOf(this, gateway, 'gateway') ? [gateway.resource, gateway.route] : [];
    const serviceResources = serviceDependencies(this, props.service);
    const placement = placeWithIdentity(this, gateway.identity);
    this.resource = verificationJob(this, {
      provider: placement.provider,
      script: httpScript({ expectedTexts: this.expectedTexts.length, sidecar: false, insecure: true }),
      env: requestEnv('GET', requestUrl(target), 200, this.expectedTexts),
      resourceRequests: { cpu: '50m', memory: '32Mi' },
      automountServiceAccountToken: false,
      annotations: { [MESH_ANNOTATIONS.inject]: 'false' },
      dependsOn: () => [...gatewayResources, ...serviceResources, ...(props.dependsOn ?? [])],
    });
    this.node.addValidation({
      validate: () => {
        const verdict = authorizationVerdict(props.service, { principal: gateway.principal.spiffeId, host: gateway.hostname, method: 'GET' });
        return verdict.allowed === false
          ? [`${this.node.path}: the gateway's GET would be refused with HTTP 403: ${verdict.reason}; admit it (service.allowGateway)`]
          : [];
      },
    });
  }
}
