import { AppIndex, TfResource } from '../core/app-index';
import { ClusterMap } from '../checks/cluster-map';
import { ServiceAccountIdentities } from '../checks/gcp-identities';
import { KubernetesObjects } from '../checks/kubernetes-objects';
import { isUnknown, literalString } from '../core/terraform-values';

/** The app index and the views of it the report reads, built once. */
export interface ReportContext {
  readonly index: AppIndex;
  readonly clusters: ClusterMap;
  readonly accounts: ServiceAccountIdentities;
  readonly kubernetes: KubernetesObjects;
}

/** The views of `index` the report reads. */
export function reportContext(index: AppIndex): ReportContext {
  return { index, clusters: new ClusterMap(index), accounts: new ServiceAccountIdentities(index), kubernetes: new KubernetesObjects(index) };
}

/** Where a resource is: `stack: address`. */
export function where(resource: TfResource): string {
  return `${resource.stack.node.id}: ${resource.address}`;
}

/** A value as the report shows it: the literal, the referenced resource's address and attribute, or `(known at apply)`. */
export function shown(context: ReportContext, value: unknown, resource: TfResource): string {
  const literal = context.index.literalString(value, resource.element);
  if (literal !== undefined && !isUnknown(literal)) return literal;
  const target = context.index.target(value, resource.element);
  if (target) return `${target.resource.address}${target.attributePath.length > 0 ? `.${target.attributePath.join('.')}` : ''}`;
  const text = literalString(value);
  return text === undefined ? '(known at apply)' : text.replace(/\$\{([^}]*)\}/g, '<$1>');
}

/** Sorted copies, for deterministic output. */
export function sorted<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  return [...items].sort((a, b) => key(a).localeCompare(key(b), 'en'));
}

/** The strings of a list attribute, shown. */
export function shownList(context: ReportContext, value: unknown, resource: TfResource): string[] {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'number' ? String(v) : shown(context, v, resource))) : [];
}
