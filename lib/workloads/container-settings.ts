import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { inputError } from '../core/errors';
import { checkName, checkPort, URL_PATH } from '../core/names';
import { WorkloadProbes } from './workload-probes';

const QUANTITY = /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const SUFFIX_FACTORS: { [suffix: string]: number } = {
  'm': 1e-3, '': 1, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
  'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40, 'Pi': 2 ** 50, 'Ei': 2 ** 60,
};
const RESOURCE_NAME = /^(?:cpu|memory|ephemeral-storage|hugepages-[0-9]+(?:Ki|Mi|Gi)|[a-z0-9.-]+\/[a-zA-Z0-9._-]+)$/;

/** A probe as the kubernetes provider writes it (`readiness_probe`, `liveness_probe`, `startup_probe`). */
export interface ContainerProbe {
  readonly httpGet: { readonly path: string; readonly port: string };
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly failureThreshold?: number;
}

/**
 * Throws an input error unless every resource name is a Kubernetes resource (`cpu`, `memory`,
 * `ephemeral-storage`, `hugepages-…` or `domain/name`) and every amount a quantity such as `250m`, `0.5`,
 * `512Mi`; and unless no request exceeds its limit. Unresolved tokens pass.
 */
export function checkResourceQuantities(
  scope: IConstruct, field: string, requests: { [name: string]: string } | undefined, limits?: { [name: string]: string },
): void {
  const parsed = (which: string, amounts: { [name: string]: string } | undefined) => Object.entries(amounts ?? {}).map(([name, amount]) => {
    if (!RESOURCE_NAME.test(name)) {
      throw inputError(scope, `${which}.${name}`, amount,
        'names no Kubernetes resource; use cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource domain/name');
    }
    if (Token.isUnresolved(amount)) return [name, undefined] as const;
    const match = QUANTITY.exec(amount);
    if (!match) {
      throw inputError(scope, `${which}.${name}`, amount,
        'must be a Kubernetes quantity: a number with an optional suffix m, k, M, G, Ki, Mi, Gi…, such as 250m (CPU) or 512Mi (memory)');
    }
    return [name, Number(match[1]) * SUFFIX_FACTORS[match[2] ?? '']] as const;
  });
  const requested = parsed(field === 'resourceRequests' ? field : `${field}.requests`, requests);
  const limited = new Map(parsed(field === 'resourceRequests' ? 'resourceLimits' : `${field}.limits`, limits));
  for (const [name, amount] of requested) {
    const limit = limited.get(name);
    if (amount !== undefined && limit !== undefined && amount > limit) {
      throw inputError(scope, `resourceRequests.${name}`, requests![name],
        `exceeds the limit ${limits![name]}; Kubernetes rejects a request above its limit: raise the limit or lower the request`);
    }
  }
}

/**
 * The container probes of {@link WorkloadProbes}, checked: paths, whole-number timings, and ports that are
 * not the intercepted application port.
 */
export function containerProbes(
  scope: IConstruct, probes: WorkloadProbes | undefined, applicationPort: number, healthCheckPort: number | undefined,
): { readinessProbe?: ContainerProbe; livenessProbe?: ContainerProbe; startupProbe?: ContainerProbe } {
  const probe = (kind: keyof WorkloadProbes): ContainerProbe | undefined => {
    const given = probes?.[kind];
    if (given === undefined) return undefined;
    const field = `probes.${kind}`;
    checkName(scope, `${field}.path`, given.path, URL_PATH);
    const port = given.port ?? healthCheckPort;
    if (port === undefined || (!Token.isUnresolved(port) && port === applicationPort)) {
      throw inputError(scope, `${field}.port`, port ?? applicationPort,
        'must be a port outside the mesh: Envoy intercepts the application port and demands mesh mTLS, which the kubelet ' +
        'cannot present, so the probe would always fail; serve health on another port and set healthCheckPort (the probes use it)');
    }
    checkPort(scope, `${field}.port`, port);
    checkWhole(scope, `${field}.initialDelaySeconds`, given.initialDelaySeconds, 0);
    checkWhole(scope, `${field}.periodSeconds`, given.periodSeconds, 1);
    checkWhole(scope, `${field}.timeoutSeconds`, given.timeoutSeconds, 1);
    checkWhole(scope, `${field}.failureThreshold`, given.failureThreshold, 1);
    return {
      httpGet: { path: given.path, port: String(port) },
      initialDelaySeconds: given.initialDelaySeconds,
      periodSeconds: given.periodSeconds,
      timeoutSeconds: given.timeoutSeconds,
      failureThreshold: given.failureThreshold,
    };
  };
  return { readinessProbe: probe('readiness'), livenessProbe: probe('liveness'), startupProbe: probe('startup') };
}

function checkWhole(scope: IConstruct, field: string, value: number | undefined, min: number): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min) throw inputError(scope, field, value, `must be a whole number of at least ${min}`);
}
