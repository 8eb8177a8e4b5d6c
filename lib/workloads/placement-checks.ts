import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { inputError } from '../core/errors';
import type { IWorkloadIdentityCluster } from '../core/cluster-ref';
import { PodToleration, TolerationEffect, TolerationOperator, WorkloadPlacement } from './workload-placement';

/** A Kubernetes label name, or the name part of a key: 63 characters at most. */
const LABEL_NAME = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** The prefix of a label key: a DNS subdomain of 253 characters at most. */
const KEY_PREFIX = /^(?=.{1,253}$)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_KEY_RULE = 'must be a Kubernetes label key: an optional DNS-subdomain prefix and "/", then up to 63 letters, digits, "-", "_" or "." ' +
  'starting and ending with a letter or digit, such as workload or example.com/dedicated';
const LABEL_VALUE_RULE = 'must be empty or up to 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit';

function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  if (slash < 0) return LABEL_NAME.test(key);
  return KEY_PREFIX.test(key.slice(0, slash)) && LABEL_NAME.test(key.slice(slash + 1));
}

function checkLabelKey(scope: IConstruct, field: string, key: string): void {
  if (!Token.isUnresolved(key) && !isLabelKey(key)) throw inputError(scope, field, key, LABEL_KEY_RULE);
}

function checkLabelValue(scope: IConstruct, field: string, value: string): void {
  if (!Token.isUnresolved(value) && value !== '' && !LABEL_NAME.test(value)) throw inputError(scope, field, value, LABEL_VALUE_RULE);
}

function checkEnum<T extends string>(scope: IConstruct, field: string, value: T | undefined, allowed: Record<string, T>, enumName: string): void {
  if (value === undefined || Token.isUnresolved(value) || Object.values(allowed).includes(value)) return;
  throw inputError(scope, field, value, `must be one of ${Object.values(allowed).join(', ')} (${enumName}); ` +
    (enumName === 'TolerationEffect' ? 'GKE taint effects such as NO_SCHEDULE are spelled NoSchedule in a toleration: use WorkloadPlacement.toleration(taint)' : 'use the enum member'));
}

/** Throws unless the toleration is one Kubernetes accepts (its validation of `spec.tolerations`). */
function checkToleration(scope: IConstruct, field: string, toleration: PodToleration): void {
  const { key, operator, value, effect, tolerationSeconds } = toleration;
  checkEnum(scope, `${field}.operator`, operator, TolerationOperator, 'TolerationOperator');
  checkEnum(scope, `${field}.effect`, effect, TolerationEffect, 'TolerationEffect');
  const exists = operator === TolerationOperator.EXISTS;
  if (key === undefined || key === '') {
    if (!exists) throw inputError(scope, `${field}.key`, key ?? '', 'may be left out only with operator: TolerationOperator.EXISTS (which tolerates every taint); name the taint key');
  } else {
    checkLabelKey(scope, `${field}.key`, key);
  }
  if (exists && value !== undefined && value !== '') {
    throw inputError(scope, `${field}.value`, value, 'must be left out with operator EXISTS, which matches every value of the key; remove value or use TolerationOperator.EQUAL');
  }
  if (!exists && value !== undefined) checkLabelValue(scope, `${field}.value`, value);
  if (tolerationSeconds === undefined || Token.isUnresolved(tolerationSeconds)) return;
  if (effect !== TolerationEffect.NO_EXECUTE) {
    throw inputError(scope, `${field}.tolerationSeconds`, tolerationSeconds, 'applies to effect NoExecute only (Kubernetes refuses it otherwise); set effect: TolerationEffect.NO_EXECUTE or remove tolerationSeconds');
  }
  if (!Number.isInteger(tolerationSeconds) || tolerationSeconds < 0) {
    throw inputError(scope, `${field}.tolerationSeconds`, tolerationSeconds, 'must be a whole number of seconds, at least 0');
  }
}

/**
 * Throws unless `placement` fits the workload: its pool belongs to the workload's cluster, its node
 * selector keys and values are Kubernetes labels and leave `reservedKey` (the metadata-server selector,
 * set by its own option) alone, and every toleration is valid. Errors name `scope` and `field`.
 */
export function checkPlacement(scope: IConstruct, field: string, placement: WorkloadPlacement, cluster: IWorkloadIdentityCluster, reservedKey: string): void {
  if (placement.pool && placement.pool.cluster !== cluster) {
    throw inputError(scope, `${field}.pool`, placement.pool.node.path,
      `is a node pool of cluster ${placement.pool.cluster.node.path}, but the pods run in cluster ${cluster.node.path}; place them on a pool of their own cluster`);
  }
  for (const [key, value] of Object.entries(placement.nodeSelector)) {
    checkLabelKey(scope, `${field}.nodeSelector`, key);
    if (key === reservedKey) {
      throw inputError(scope, `${field}.nodeSelector.${key}`, value, 'is the metadata-server selector, set by pod.metadataServerNodeSelector; remove it from the placement');
    }
    checkLabelValue(scope, `${field}.nodeSelector.${key}`, value);
  }
  placement.tolerations.forEach((toleration, index) => checkToleration(scope, `${field}.tolerations[${index}]`, toleration));
}

/** A toleration as the kubernetes provider's pod specs take it (`toleration_seconds` is a string there). */
export interface ProviderToleration {
  readonly key?: string;
  readonly operator: string;
  readonly value?: string;
  readonly effect?: string;
  readonly tolerationSeconds?: string;
}

/** The `toleration` blocks of a pod spec, or undefined when there are none. */
export function providerTolerations(tolerations: PodToleration[]): ProviderToleration[] | undefined {
  if (tolerations.length === 0) return undefined;
  return tolerations.map((t) => ({
    key: t.key,
    operator: t.operator ?? TolerationOperator.EQUAL,
    value: t.value,
    effect: t.effect,
    tolerationSeconds: t.tolerationSeconds === undefined ? undefined
      : Token.isUnresolved(t.tolerationSeconds) ? Token.asString(t.tolerationSeconds) : String(t.tolerationSeconds),
  }));
}
