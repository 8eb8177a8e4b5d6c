import { TfResource } from '../core/app-index';
import { ClusterInfo } from './cluster-map';
import { RuleContext } from './rule';
import { block, isUnknown, literalBool, TfConfig } from '../core/terraform-values';

/** Where nodes get their configuration. */
export enum NodeSiteKind {
  /** A `google_container_node_pool`. */
  NODE_POOL = 'node pool',
  /** The cluster's `node_config`, which describes its default pool. */
  DEFAULT_POOL = 'default node pool',
  /** Autopilot and node auto-provisioning: `cluster_autoscaling.auto_provisioning_defaults`. */
  AUTO_PROVISIONED = 'auto-provisioned nodes',
}

/** One place that configures nodes. */
export interface NodeSite {
  readonly resource: TfResource;
  readonly kind: NodeSiteKind;
  /** The node configuration block (`node_config`, or the auto-provisioning defaults). */
  readonly config?: TfConfig;
  /** Whether the nodes are temporary: the default pool of a cluster that removes it after creation. */
  readonly temporary: boolean;
  /** The cluster, when known. */
  readonly cluster?: ClusterInfo;
}

/** Every node configuration of the app, computed once: pools, default pools and auto-provisioning defaults. */
export function nodeSites(context: RuleContext): NodeSite[] {
  return context.shared('node-sites', () => {
    const sites: NodeSite[] = [];
    for (const cluster of context.clusters.all) {
      const { config } = cluster.resource;
      const autoscaling = block(config, 'cluster_autoscaling');
      if (isUnknown(config.cluster_autoscaling) || isUnknown(config.node_config)) continue; // not managed here (lifecycle.ignore_changes)
      if (cluster.autopilot || literalBool(autoscaling?.enabled) === true) {
        sites.push({
          resource: cluster.resource, kind: NodeSiteKind.AUTO_PROVISIONED, cluster, temporary: false,
          config: block(autoscaling, 'auto_provisioning_defaults') ?? {},
        });
      }
      if (!cluster.autopilot) {
        sites.push({
          resource: cluster.resource, kind: NodeSiteKind.DEFAULT_POOL, cluster, config: block(config, 'node_config'),
          temporary: literalBool(config.remove_default_node_pool) === true,
        });
      }
    }
    for (const pool of context.index.resources('google_container_node_pool')) {
      const cluster = context.clusters.of(pool.config.cluster, pool.element);
      if (cluster?.autopilot || isUnknown(pool.config.node_config)) continue;
      sites.push({ resource: pool, kind: NodeSiteKind.NODE_POOL, cluster, config: block(pool.config, 'node_config'), temporary: false });
    }
    return sites;
  });
}

/** The node sites whose nodes run workloads: pools and default pools that stay. */
export function workloadNodeSites(context: RuleContext): NodeSite[] {
  return nodeSites(context).filter((site) => site.kind !== NodeSiteKind.AUTO_PROVISIONED && !site.temporary);
}
