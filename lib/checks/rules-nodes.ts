import { isPrimitiveRole, NODE_ALLOWED_ROLES } from '../core/iam-roles';
import { iamGrants, GrantLevel } from './iam-grants';
import { explicitOptOut } from './library-opt-outs';
import { nodeSites, NodeSiteKind, workloadNodeSites } from './node-sites';
import { Rule } from './rule';
import { SecuritySeverity } from './security-finding';
import { isUnknown, literalBool, literalString, map, read } from '../core/terraform-values';

const GUIDE_004 = 'Guide 004 (protecting cluster metadata)';

/** NODE-1: pods must get the GKE metadata server, never the node's Compute Engine metadata. */
export const NODE_1: Rule = {
  id: 'NODE-1',
  severity: SecuritySeverity.ERROR,
  title: 'Node pool without the GKE metadata server (workload_metadata_config.mode GKE_METADATA)',
  fix: 'set node_config.workload_metadata_config.mode = "GKE_METADATA" (ConcealedNodePool does by default)',
  source: `Guide 000, "Pod が Google Cloud で認証されない" (check that the node pool runs the GKE metadata server); ${GUIDE_004}, "メタデータ隠蔽" (GKE_METADATA replaces --workload-metadata-from-node=SECURE); CIS GKE Benchmark "Ensure the GKE Metadata Server is Enabled"`,
  check(context) {
    for (const site of workloadNodeSites(context)) {
      const mode = read(site.config, 'workload_metadata_config.mode');
      if (isUnknown(mode) || mode === 'GKE_METADATA') continue;
      if (mode === undefined) {
        context.report(this, site.resource, `the ${site.kind} does not set workload_metadata_config.mode, so whether pods reach the ` +
          'node\'s Compute Engine metadata (kube-env, instance identity token, node credentials) depends on GKE\'s default', { severity: SecuritySeverity.WARNING });
        continue;
      }
      const optOut = site.kind === NodeSiteKind.NODE_POOL ? explicitOptOut(site.resource, 'allowGceMetadata') : undefined;
      context.report(this, site.resource, `the ${site.kind} serves workload metadata mode ${JSON.stringify(mode)}: pods read kube-env, ` +
        `the instance identity token and the node service account, and bypass Workload Identity${optOut ?? ''}`,
      { severity: optOut ? SecuritySeverity.WARNING : SecuritySeverity.ERROR });
    }
  },
};

/** NODE-2: nodes never run as the Compute Engine default service account. */
export const NODE_2: Rule = {
  id: 'NODE-2',
  severity: SecuritySeverity.ERROR,
  title: 'Nodes run as the Compute Engine default service account',
  fix: 'set service_account to a least-privilege node service account (NodeServiceAccount)',
  source: `${GUIDE_004}, "ノードのサービス アカウントの構成"; CIS GKE Benchmark "Ensure GKE clusters are not running using the Compute Engine default service account"`,
  check(context) {
    for (const site of nodeSites(context)) {
      const account = site.config?.service_account;
      const isDefault = account === undefined || account === 'default' ||
        context.accounts.of(account, site.resource.element)?.defaultCompute === true;
      if (!isDefault) continue;
      if (site.temporary && site.config === undefined) {
        // the provider docs' pattern: a default pool that only exists while the cluster is created
        context.report(this, site.resource, 'the default node pool, created and then removed, runs as the Compute Engine default service account for a few minutes (no node_config)',
          { severity: SecuritySeverity.INFO });
        continue;
      }
      const shown = account === undefined ? 'no service_account' : `service_account ${JSON.stringify(account)}`;
      context.report(this, site.resource,
        `the ${site.kind} ${site.temporary ? '(created, then removed) ' : ''}runs as the Compute Engine default service account (${shown}), ` +
        'whose project-wide Editor role every pod could borrow', { severity: site.temporary ? SecuritySeverity.WARNING : SecuritySeverity.ERROR });
    }
  },
};

/** NODE-3: the legacy metadata endpoints stay disabled. */
export const NODE_3: Rule = {
  id: 'NODE-3',
  severity: SecuritySeverity.ERROR,
  title: 'Legacy metadata endpoints enabled (node metadata disable-legacy-endpoints)',
  fix: 'keep node_config.metadata["disable-legacy-endpoints"] = "true" whenever metadata is set',
  source: `${GUIDE_004}, "以前のメタデータ API の無効化と移行"; CIS GKE Benchmark "Ensure legacy Compute Engine instance metadata APIs are Disabled"; provider docs of node_config.metadata`,
  check(context) {
    for (const site of nodeSites(context)) {
      if (site.kind === NodeSiteKind.AUTO_PROVISIONED) continue;
      const metadata = site.config?.metadata;
      if (metadata === undefined || isUnknown(metadata) || !map(metadata)) continue;
      const value = map(metadata)!['disable-legacy-endpoints'];
      if (isUnknown(value)) continue;
      if (value === undefined) {
        context.report(this, site.resource, `the ${site.kind} sets metadata without "disable-legacy-endpoints" = "true": ` +
          'Terraform then tries to remove the value the API sets', { severity: SecuritySeverity.WARNING });
      } else if (literalBool(value) !== true) {
        context.report(this, site.resource, `the ${site.kind} sets metadata "disable-legacy-endpoints" = ${JSON.stringify(value)}, ` +
          'which re-opens the legacy metadata endpoints to pods');
      }
    }
  },
};

/** Roles a node service account may hold: logging, monitoring, and image pulls. */
const NODE_ROLES = new Set(NODE_ALLOWED_ROLES);

/** NODE-4: the node service account holds only the least-privilege roles. */
export const NODE_4: Rule = {
  id: 'NODE-4',
  severity: SecuritySeverity.WARNING,
  title: 'Node service account holds more than the least-privilege roles',
  fix: `grant the node service account only ${[...NODE_ROLES].join(', ')}; give workloads their own identity through Workload Identity`,
  source: `${GUIDE_004}, "ノードのサービス アカウントの構成" (monitoring.metricWriter, monitoring.viewer, logging.logWriter, artifactregistry.reader)`,
  check(context) {
    const nodeAccounts = new Set<string>();
    for (const site of nodeSites(context)) {
      const identity = context.accounts.of(site.config?.service_account, site.resource.element);
      if (identity && !identity.defaultCompute) nodeAccounts.add(identity.key);
    }
    for (const grant of iamGrants(context)) {
      if (grant.level !== GrantLevel.PROJECT || grant.role === undefined || NODE_ROLES.has(grant.role) || isPrimitiveRole(grant.role)) continue;
      const identity = context.accounts.of(grant.member, grant.resource.element);
      if (identity && nodeAccounts.has(identity.key)) {
        context.report(this, grant.resource, `grants ${grant.role} to the node service account ${grant.member}, which every pod on the nodes can use`);
      }
    }
  },
};

/** NODE-5: shielded GKE nodes. */
export const NODE_5: Rule = {
  id: 'NODE-5',
  severity: SecuritySeverity.WARNING,
  title: 'Shielded GKE nodes disabled',
  fix: 'remove enable_shielded_nodes = false (the default is true)',
  source: 'CIS GKE Benchmark "Ensure Shielded GKE Nodes are Enabled"; secure defaults of this library',
  check(context) {
    for (const cluster of context.clusters.all) {
      if (literalBool(cluster.resource.config.enable_shielded_nodes) === false) {
        context.report(this, cluster.resource, 'enable_shielded_nodes is false: nodes can be impersonated by a rogue VM joining the cluster');
      }
    }
  },
};

/** NODE-6: secure boot and integrity monitoring on shielded nodes. */
export const NODE_6: Rule = {
  id: 'NODE-6',
  severity: SecuritySeverity.WARNING,
  title: 'Secure boot or integrity monitoring off on nodes',
  fix: 'set node_config.shielded_instance_config { enable_secure_boot = true, enable_integrity_monitoring = true }',
  source: 'CIS GKE Benchmark "Ensure Secure Boot for Shielded GKE Nodes is Enabled" and "Ensure Integrity Monitoring for Shielded GKE Nodes is Enabled"',
  check(context) {
    for (const site of workloadNodeSites(context)) {
      const secureBoot = read(site.config, 'shielded_instance_config.enable_secure_boot');
      const integrity = read(site.config, 'shielded_instance_config.enable_integrity_monitoring');
      if (isUnknown(secureBoot) || isUnknown(integrity)) continue;
      const problems = [
        ...(literalBool(secureBoot) !== true ? [`enable_secure_boot is ${secureBoot === undefined ? 'not set (default false)' : JSON.stringify(secureBoot)}`] : []),
        ...(literalBool(integrity) === false ? ['enable_integrity_monitoring is false'] : []),
      ];
      if (problems.length > 0) context.report(this, site.resource, `the ${site.kind}'s ${problems.join(' and ')}`);
    }
  },
};

/** NODE-7: auto-repair and auto-upgrade on node pools. */
export const NODE_7: Rule = {
  id: 'NODE-7',
  severity: SecuritySeverity.WARNING,
  title: 'Node auto-repair or auto-upgrade off',
  fix: 'set management { auto_repair = true, auto_upgrade = true } (the defaults)',
  source: 'CIS GKE Benchmark "Ensure Node Auto-Repair is enabled" and "Ensure Node Auto-Upgrade is enabled"',
  check(context) {
    for (const pool of context.index.resources('google_container_node_pool')) {
      const off = ['auto_repair', 'auto_upgrade'].filter((field) => literalBool(read(pool.config, `management.${field}`)) === false);
      if (off.length > 0) context.report(this, pool, `management ${off.map((f) => `${f} = false`).join(', ')}: nodes miss security patches and are not replaced when unhealthy`);
    }
  },
};

/** NODE-8: Container-Optimized OS. */
export const NODE_8: Rule = {
  id: 'NODE-8',
  severity: SecuritySeverity.WARNING,
  title: 'Node image is not Container-Optimized OS',
  fix: 'set node_config.image_type = "COS_CONTAINERD" (the default)',
  source: 'CIS GKE Benchmark "Ensure Container-Optimized OS (cos_containerd) is used for GKE node images"; secure defaults of this library',
  check(context) {
    for (const site of workloadNodeSites(context)) {
      const image = literalString(site.config?.image_type);
      if (image !== undefined && !/^cos(_containerd)?$/i.test(image)) {
        context.report(this, site.resource, `the ${site.kind} runs image_type ${JSON.stringify(image)}, not the hardened Container-Optimized OS`);
      }
    }
  },
};

/** The node rules. */
export const NODE_RULES: Rule[] = [NODE_1, NODE_2, NODE_3, NODE_4, NODE_5, NODE_6, NODE_7, NODE_8];
