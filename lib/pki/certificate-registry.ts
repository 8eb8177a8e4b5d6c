import { IConstruct } from 'constructs';
import { ITerraformDependable, TerraformStack } from 'cdktf';
import { inputError } from '../core/errors';

interface CertificateConfig {
  readonly owner: IConstruct;
  readonly resources: ITerraformDependable[];
}

interface ClusterEntry {
  readonly configs: CertificateConfig[];
  readonly consumers: IConstruct[];
}

const registries = new WeakMap<IConstruct, Map<string, ClusterEntry>>();

function entryFor(scope: IConstruct, clusterId: string): ClusterEntry {
  const root = scope.node.root;
  const registry = registries.get(root) ?? new Map<string, ClusterEntry>();
  registries.set(root, registry);
  const entry = registry.get(clusterId) ?? { configs: [], consumers: [] };
  registry.set(clusterId, entry);
  return entry;
}

/**
 * Records the workload certificate configuration of a cluster (its `kubernetes_manifest` resources), so
 * that pods with mesh certificates wait for it: in the same stack by `depends_on`, from another stack by
 * stack order. Pods registered earlier are ordered now.
 */
export function registerCertificateConfig(owner: IConstruct, clusterId: string, resources: ITerraformDependable[]): void {
  const entry = entryFor(owner, clusterId);
  entry.configs.push({ owner, resources });
  entry.consumers.forEach((consumer) => orderStacks(consumer, owner));
}

/**
 * Registers `consumer`, a pod that mounts mesh certificates of the cluster, and returns what it must wait
 * for in its own stack, evaluated when asked (at synthesis), so configurations created later count too.
 */
export function certificateConfigDependencies(consumer: IConstruct, clusterId: string): () => ITerraformDependable[] {
  const entry = entryFor(consumer, clusterId);
  entry.consumers.push(consumer);
  entry.configs.forEach((config) => orderStacks(consumer, config.owner));
  const stack = TerraformStack.of(consumer);
  return () => entry.configs.filter((config) => TerraformStack.of(config.owner) === stack).flatMap((config) => config.resources);
}

/** A consumer in another stack than the configuration deploys after it. */
function orderStacks(consumer: IConstruct, config: IConstruct): void {
  const consumerStack = TerraformStack.of(consumer);
  const configStack = TerraformStack.of(config);
  if (consumerStack === configStack) return;
  if (configStack.dependsOn(consumerStack)) {
    throw inputError(consumer, 'stack', consumerStack.node.id,
      `deploys before stack ${configStack.node.id}, which holds the workload certificate configuration ${config.node.path}, so its pods ` +
      'would start without mesh certificates; create WorkloadCertificates in this stack or in one deployed before it');
  }
  consumerStack.addDependency(configStack);
}
