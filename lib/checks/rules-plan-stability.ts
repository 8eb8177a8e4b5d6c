import { providerAddressOf, TfResource } from '../core/app-index';
import { Rule, RuleContext } from './rule';
import { SecuritySeverity } from './security-finding';
import { block, IGNORED_ATTRIBUTE, isObject, literalString, map, read, TfConfig } from '../core/terraform-values';

// "Plans that settle": after an apply, the next `terraform plan` must show no changes. These rules catch the
// configurations that keep fighting a controller (GKE's or Kubernetes') over a value, so that every plan
// changes something again.

const JOB_TYPES = ['kubernetes_job_v1', 'kubernetes_job'];
const SERVICE_TYPES = ['kubernetes_service_v1', 'kubernetes_service'];
const NAMESPACE_TYPES = ['kubernetes_namespace_v1', 'kubernetes_namespace'];
const NEG_ANNOTATION = 'cloud.google.com/neg';
const NEG_STATUS_ANNOTATION = 'cloud.google.com/neg-status';
const PROVIDER_SOURCE = 'hashicorp/terraform-provider-kubernetes v2.38.0, kubernetes/structures.go (flattenMetadata: only ' +
  '`*.kubernetes.io` keys and keys matching the provider\'s ignore_annotations/ignore_labels are dropped from what is read)';

/** PLAN-1: a Job Terraform manages is not deleted by Kubernetes after it finishes. */
export const PLAN_1: Rule = {
  id: 'PLAN-1',
  severity: SecuritySeverity.ERROR,
  title: 'Job managed by Terraform with ttl_seconds_after_finished',
  fix: 'remove spec.ttl_seconds_after_finished and rename the Job to run it again (verification checks: runId)',
  source: 'Kubernetes "Automatic Cleanup for Finished Jobs" (the TTL controller deletes the Job); kubernetes_job_v1 ' +
    'schema: "If this field is set, ttlSecondsAfterFinished after the Job finishes, it is eligible to be automatically deleted"',
  check(context) {
    for (const job of context.index.resourcesOf(JOB_TYPES)) {
      const ttl = read(job.config, 'spec.ttl_seconds_after_finished');
      if (ttl === undefined || ttl === IGNORED_ATTRIBUTE) continue;
      context.report(this, job, `the Job sets ttl_seconds_after_finished ${JSON.stringify(ttl)}: Kubernetes deletes it after it finishes, ` +
        'Terraform then finds it missing, and every later plan creates it again');
    }
  },
};

/** PLAN-2: the NEG annotations GKE writes on Services are ignored by the Services' kubernetes provider. */
export const PLAN_2: Rule = {
  id: 'PLAN-2',
  severity: SecuritySeverity.ERROR,
  title: 'Service whose kubernetes provider does not ignore the NEG annotations GKE writes',
  fix: 'set the kubernetes provider\'s ignore_annotations to ["^cloud\\\\.google\\\\.com/neg-status$", "^cloud\\\\.google\\\\.com/neg$"] ' +
    '(cluster.connect() does), or lifecycle.ignore_changes = ["metadata[0].annotations"] on the Service',
  source: `GKE container-native load balancing (the NEG controller writes ${NEG_STATUS_ANNOTATION}; on VPC-native clusters GKE adds ` +
    `${NEG_ANNOTATION} {"ingress":true} to Services); terraform-provider-kubernetes issue 445 and pull request 930; ${PROVIDER_SOURCE}`,
  check(context) {
    for (const service of context.index.resourcesOf(SERVICE_TYPES)) {
      if (ignoresMetadataChanges(service, 'annotations')) continue;
      const annotations = map(block(service.config, 'metadata')?.annotations) ?? {};
      const ignored = providerIgnores(context, service, 'ignore_annotations');
      if (NEG_ANNOTATION in annotations) {
        if (ignored(NEG_STATUS_ANNOTATION) === false) {
          context.report(this, service, `the Service is annotated ${NEG_ANNOTATION}, so GKE's NEG controller writes ${NEG_STATUS_ANNOTATION}, ` +
            'which its kubernetes provider does not ignore: every plan removes it again');
        }
      } else if (ignored(NEG_ANNOTATION) === false) {
        context.report(this, service, `GKE adds ${NEG_ANNOTATION} {"ingress":true} (and then ${NEG_STATUS_ANNOTATION}) to Services of ` +
          'VPC-native clusters, which the Service\'s kubernetes provider does not ignore: every plan would remove them again',
        { severity: SecuritySeverity.WARNING });
      }
    }
  },
};

/** PLAN-3: a namespace the app creates is not labelled or annotated by a second resource of the app. */
export const PLAN_3: Rule = {
  id: 'PLAN-3',
  severity: SecuritySeverity.ERROR,
  title: 'Namespace resource and kubernetes_labels/kubernetes_annotations of the same namespace fight over its metadata',
  fix: 'set the labels or annotations on the namespace resource itself (for MeshSidecarInjection on a namespace a WorkloadIdentity ' +
    'creates: namespaceLabels { "istio-injection": "enabled" }), or add lifecycle.ignore_changes = ["metadata[0].labels"] (or annotations) to it',
  source: `${PROVIDER_SOURCE}; the namespace resource reads the whole label and annotation maps, so keys written by another resource ` +
    'show as removals in every plan',
  check(context) {
    const namespaces = new Map<string, TfResource>();
    for (const namespace of context.index.resourcesOf(NAMESPACE_TYPES)) {
      const name = context.index.literalString(block(namespace.config, 'metadata')?.name, namespace.element);
      if (name !== undefined) namespaces.set(clusterKey(namespace, name), namespace);
    }
    for (const [type, field] of [['kubernetes_labels', 'labels'], ['kubernetes_annotations', 'annotations']] as const) {
      for (const writer of context.index.resources(type).filter((r) => r.config.kind === 'Namespace')) {
        const name = context.index.literalString(block(writer.config, 'metadata')?.name, writer.element);
        const namespace = name === undefined ? undefined : namespaces.get(clusterKey(writer, name));
        if (!namespace || ignoresMetadataChanges(namespace, field)) continue;
        const ignored = providerIgnores(context, namespace, field === 'labels' ? 'ignore_labels' : 'ignore_annotations');
        const own = map(block(namespace.config, 'metadata')?.[field]) ?? {};
        const fought = Object.keys(map(writer.config[field]) ?? {}).filter((key) => !(key in own) && ignored(key) === false);
        if (fought.length === 0) continue;
        context.report(this, namespace, `${writer.address} writes the ${field} ${fought.join(', ')} on namespace ${JSON.stringify(name)}, ` +
          `which this resource creates without them: every plan removes them again`);
      }
    }
  },
};

/** PLAN-4: an autoscaled node pool does not also set node_count. */
export const PLAN_4: Rule = {
  id: 'PLAN-4',
  severity: SecuritySeverity.WARNING,
  title: 'Autoscaled node pool with node_count',
  fix: 'leave node_count unset under autoscaling (use initial_node_count with lifecycle.ignore_changes = ["initial_node_count"], as ' +
    'ConcealedNodePool does), or add lifecycle.ignore_changes = ["node_count"]',
  source: 'google_container_node_pool schema (google 6.50.0): node_count "can be used to update the number of nodes per instance ' +
    'group but should not be used alongside autoscaling"',
  check(context) {
    for (const pool of context.index.resources('google_container_node_pool')) {
      const autoscaling = block(pool.config, 'autoscaling');
      const count = pool.config.node_count;
      if (!autoscaling || count === undefined || ignoresChanges(pool, 'node_count')) continue;
      context.report(this, pool, `the pool autoscales and sets node_count ${JSON.stringify(count)}: once the autoscaler resizes it, ` +
        'every plan sets the count back');
    }
  },
};

/** Every plan-stability rule, in report order. */
export const PLAN_STABILITY_RULES: Rule[] = [PLAN_1, PLAN_2, PLAN_3, PLAN_4];

/** Whether `lifecycle.ignore_changes` is `all` or lists one of `paths` (dotted, without list indices: `metadata.labels`). */
function ignoresChanges(resource: TfResource, ...paths: string[]): boolean {
  const ignored = isObject(resource.config.lifecycle) ? resource.config.lifecycle.ignore_changes : undefined;
  if (ignored === 'all') return true;
  return Array.isArray(ignored) && ignored.some((path) =>
    typeof path === 'string' && paths.includes(path.replace(/\[0\]|\.0(?=\.|$)/g, '')));
}

/** Whether `lifecycle.ignore_changes` covers the metadata map `field` (`metadata`, `metadata[0].labels`, …, or `all`). */
function ignoresMetadataChanges(resource: TfResource, field: 'labels' | 'annotations'): boolean {
  return ignoresChanges(resource, 'metadata', `metadata.${field}`);
}

/**
 * Whether the kubernetes provider of `resource` drops a key from what it reads: true when an expression of
 * its `attribute` (`ignore_annotations`, `ignore_labels`) matches part of the key, as the provider's
 * `regexp.MatchString` does; undefined when that cannot be known at synth (an unknown list or expression,
 * or one JavaScript cannot compile).
 */
function providerIgnores(context: RuleContext, resource: TfResource, attribute: string): (key: string) => boolean | undefined {
  const provider: TfConfig | undefined = context.index.providerConfig(resource);
  const expressions = provider?.[attribute];
  if (expressions === undefined) return () => false;
  if (!Array.isArray(expressions)) return () => undefined;
  const literals = expressions.map((e) => literalString(e));
  return (key) => {
    let unknown = false;
    for (const expression of literals) {
      if (expression === undefined) { unknown = true; continue; }
      try {
        if (new RegExp(expression).test(key)) return true;
      } catch {
        unknown = true;
      }
    }
    return unknown ? undefined : false;
  };
}

/** Objects of one cluster are those written through the same provider configuration of the same stack. */
function clusterKey(resource: TfResource, name: string): string {
  return `${resource.stack.node.path}|${providerAddressOf(resource.type, resource.config)}|${name}`;
}
