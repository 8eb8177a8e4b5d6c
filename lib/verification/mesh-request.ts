import { IConstruct } from 'constructs';
import { ITerraformDependable, TerraformStack, Token } from 'cdktf';
import { inputError } from '../core/errors';
import { mirroredVariable } from '../core/mirrored-variable';
import { checkName, checkPort, DNS_1123_SUBDOMAIN, URL_PATH } from '../core/names';
import { AuthorizationAction } from '../mesh/authorization-policy';
import { deployAfter } from '../mesh/references';
import { SecureMeshService } from '../mesh/secure-mesh-service';
import { expectedTextVariable, SCRIPT_ENV } from './check-script';

/** The address a mesh check requests: `SCHEME://HOST[:PORT]PATH`. */
export interface MeshRequestTarget {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly port: number;
  readonly path: string;
}

/** The request URL; the scheme's default port is left out, so the Host header is the bare host name. */
export function requestUrl(target: MeshRequestTarget): string {
  const defaultPort = target.scheme === 'https' ? 443 : 80;
  return `${target.scheme}://${target.host}${target.port === defaultPort ? '' : `:${target.port}`}${target.path}`;
}

/** What an HTTP check script sends and expects, as its environment variables. */
export function requestEnv(method: string, url: string, status: number, texts: string[]): { [name: string]: string } {
  const env: { [name: string]: string } = {
    [SCRIPT_ENV.method]: method,
    [SCRIPT_ENV.url]: url,
    [SCRIPT_ENV.expectedStatus]: String(status),
  };
  texts.forEach((text, i) => { env[expectedTextVariable(i + 1)] = text; });
  return env;
}

/** Checks a request's port and path (URL_PATH). */
export function checkRequestTarget(scope: IConstruct, target: MeshRequestTarget, portField: string): void {
  checkPort(scope, portField, target.port);
  checkName(scope, 'path', target.path, URL_PATH);
}

/**
 * The host a check requests from a service: the given one or the service's first host name. It must be a
 * concrete DNS name one of the service's host names routes (exactly, or by a `*.suffix` wildcard).
 */
export function serviceRequestHost(scope: IConstruct, service: SecureMeshService, host: string | undefined): string {
  const chosen = host ?? service.hostnames[0];
  if (Token.isUnresolved(chosen)) return mirroredVariable(scope, service, chosen);
  if (!DNS_1123_SUBDOMAIN.test(chosen)) {
    throw inputError(scope, 'host', chosen,
      `must be a host name to request, such as service-test: ${DNS_1123_SUBDOMAIN.description}` +
      (host === undefined ? ` (it defaults to the first host name of ${service.node.path}; give host)` : ''));
  }
  if (!service.hostnames.some((routed) => Token.isUnresolved(routed) || hostMatches(routed, chosen))) {
    throw inputError(scope, 'host', chosen,
      `is not routed by ${service.node.path}, whose HTTPRoute matches ${service.hostnames.join(', ')}: the request would not reach the service`);
  }
  return chosen;
}

/**
 * Whether a host pattern matches a host: exact, `*` (any), `*.suffix` (a name ending in `.suffix`) or
 * `prefix.*` (a name starting with `prefix.`), as HTTPRoute host names and authorization rules write them.
 */
function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*' || pattern === host) return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  if (pattern.endsWith('.*')) return host.startsWith(pattern.slice(0, -1));
  return false;
}

/** Whether a principal pattern of an authorization rule (`*`, `prefix*`, `*suffix` or exact) matches a SPIFFE id. */
function principalMatches(pattern: string, spiffeId: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return spiffeId.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return spiffeId.startsWith(pattern.slice(0, -1));
  return pattern === spiffeId;
}

/** A request to a mesh service as its authorization policy sees it. */
export interface AuthorizedRequest {
  /** The SPIFFE id of the caller's mesh certificate. */
  readonly principal: string;
  /** The `:authority` the server's sidecar sees. */
  readonly host: string;
  readonly method: string;
}

/** What a service's authorization policy does with a request, as far as the synth can know. */
export interface AuthorizationVerdict {
  /** true: served; false: refused with 403; undefined: decided by a header condition. */
  readonly allowed?: boolean;
  /** Why, in words. */
  readonly reason: string;
}

/**
 * The verdict of `service`'s authorization policy, read when the app is validated (rules added after the
 * check count). The destination port is the service's application port, the port its sidecar serves.
 */
export function authorizationVerdict(service: SecureMeshService, request: AuthorizedRequest): AuthorizationVerdict {
  const policy = service.authorizationPolicy;
  const what = `${request.method} from ${request.principal} to ${request.host} (port ${service.port})`;
  if (!policy) return { allowed: true, reason: `${service.node.path} has no authorization policy (no allow() or denyAll()), so it serves ${what}` };
  if (policy.action === AuthorizationAction.DENY) return { allowed: false, reason: `${service.node.path} denies every request (denyAll())` };
  const unresolved = (value: unknown) => Token.isUnresolved(value);
  const matching = policy.rules.map((rule, index) => ({ rule, index })).filter(({ rule }) =>
    rule.principals.some((p) => unresolved(p) || principalMatches(p, request.principal)) &&
    rule.methods.some((m) => unresolved(m) || m.toUpperCase() === request.method) &&
    rule.ports.some((p) => unresolved(p) || p === service.port) &&
    rule.hosts.some((h) => unresolved(h) || hostMatches(h, request.host)));
  const unconditional = matching.find(({ rule }) => rule.headerMatch === undefined);
  if (unconditional) return { allowed: true, reason: `rule ${unconditional.index} of ${policy.policyName} allows ${what}` };
  if (matching.length > 0) return { reason: `rule ${matching[0].index} of ${policy.policyName} allows ${what} only with a header condition` };
  return { allowed: false, reason: `no rule of ${policy.policyName} allows ${what}` };
}

/**
 * What a check of `service` waits for: in the service's stack, its route, endpoint policy (which names the
 * server and authorization policies) and backend service; in a later stack, that stack deploys after the
 * service's.
 */
export function serviceDependencies(check: IConstruct, service: SecureMeshService): ITerraformDependable[] {
  return inStackOf(check, service, 'service') ? [service.route, service.endpointPolicy, service.backendService.resource] : [];
}

/**
 * Whether `check` is in the stack of the mesh object it tests; otherwise its stack is made to deploy after
 * that one. A stack the object's stack deploys after (such as workloads, for a traffic object) is refused:
 * the check would run before the object exists.
 */
export function inStackOf(check: IConstruct, target: IConstruct, field: string): boolean {
  const stack = TerraformStack.of(check);
  const targetStack = TerraformStack.of(target);
  if (stack === targetStack) return true;
  if (targetStack.dependsOn(stack)) {
    throw inputError(check, field, target.node.path,
      `is deployed in stack "${targetStack.node.id}", after this check's stack "${stack.node.id}": the check would run before it ` +
      `exists; create the check in "${targetStack.node.id}" or a stack deployed after it`);
  }
  deployAfter(check, target);
  return false;
}
