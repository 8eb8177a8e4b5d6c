import { Rule } from './rule';
import { SecuritySeverity } from './security-finding';
import { block, isUnknown, literalBool, literalString, map, read } from '../core/terraform-values';

const CIS_GKE = 'CIS GKE Benchmark';

/** GKE-8: Binary Authorization enforces the image policy. */
export const GKE_8: Rule = {
  id: 'GKE-8',
  severity: SecuritySeverity.WARNING,
  title: 'Binary Authorization disabled (not set: info)',
  fix: 'set binary_authorization { evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE" }',
  source: `${CIS_GKE} "Ensure use of Binary Authorization"; CKV_GCP_66`,
  check(context) {
    for (const cluster of context.clusters.all) {
      const settings = cluster.resource.config.binary_authorization;
      const mode = read(cluster.resource.config, 'binary_authorization.evaluation_mode');
      const enabled = read(cluster.resource.config, 'binary_authorization.enabled');
      if (isUnknown(settings) || isUnknown(mode) || isUnknown(enabled)) continue;
      if (mode === 'DISABLED' || (mode === undefined && literalBool(enabled) === false)) {
        context.report(this, cluster.resource, `binary_authorization is ${mode === 'DISABLED' ? 'evaluation_mode "DISABLED"' : 'enabled = false'}: any image, from any registry, runs`);
      } else if (settings === undefined) {
        context.report(this, cluster.resource, 'binary_authorization is not set: no policy decides which images may run', { severity: SecuritySeverity.INFO });
      }
    }
  },
};

function componentsOff(config: { readonly [key: string]: unknown }, key: string): boolean {
  const components = read(config, `${key}.enable_components`);
  return Array.isArray(components) && components.length === 0;
}

/** GKE-9: Cloud Logging and Cloud Monitoring stay on. */
export const GKE_9: Rule = {
  id: 'GKE-9',
  severity: SecuritySeverity.WARNING,
  title: 'Cloud Logging or Cloud Monitoring turned off ("none")',
  fix: 'remove logging_service = "none" and monitoring_service = "none" (the defaults send system logs and metrics to Cloud Logging and Monitoring)',
  source: `${CIS_GKE} "Ensure Logging and Cloud Monitoring is Enabled"; CKV_GCP_1, CKV_GCP_8; AVD-GCP-0060, AVD-GCP-0052`,
  check(context) {
    for (const cluster of context.clusters.all) {
      const { config } = cluster.resource;
      const off = [
        ...(config.logging_service === 'none' || componentsOff(config, 'logging_config') ? ['logging'] : []),
        ...(config.monitoring_service === 'none' || componentsOff(config, 'monitoring_config') ? ['monitoring'] : []),
      ];
      if (off.length > 0) context.report(this, cluster.resource, `${off.join(' and ')} ${off.length > 1 ? 'are' : 'is'} off: attacks and failures leave no trace`);
    }
  },
};

/** GKE-10: no alpha clusters. */
export const GKE_10: Rule = {
  id: 'GKE-10',
  severity: SecuritySeverity.WARNING,
  title: 'Kubernetes alpha features enabled',
  fix: 'remove enable_kubernetes_alpha = true: alpha clusters get no upgrades or support and are deleted after 30 days',
  source: 'CKV2_GCP_19 ("Ensure GCP Kubernetes engine clusters have alpha cluster feature disabled")',
  check(context) {
    for (const cluster of context.clusters.all) {
      if (literalBool(cluster.resource.config.enable_kubernetes_alpha) === true) {
        context.report(this, cluster.resource, 'enable_kubernetes_alpha is true: untested API features, no security patches by auto-upgrade');
      }
    }
  },
};

/** GKE-11: VPC-native (alias IP) networking. */
export const GKE_11: Rule = {
  id: 'GKE-11',
  severity: SecuritySeverity.WARNING,
  title: 'Routes-based networking (no alias IP ranges)',
  fix: 'set networking_mode = "VPC_NATIVE" with an ip_allocation_policy (the default for new clusters)',
  source: `${CIS_GKE} "Enable VPC-Native Clusters"; CKV_GCP_23; AVD-GCP-0049`,
  check(context) {
    for (const cluster of context.clusters.all) {
      if (literalString(cluster.resource.config.networking_mode) === 'ROUTES') {
        context.report(this, cluster.resource, 'networking_mode is "ROUTES": pod addresses are not VPC addresses, so firewall rules and anti-spoofing cannot tell pods apart');
      }
    }
  },
};

/** GKE-12: intranode visibility. */
export const GKE_12: Rule = {
  id: 'GKE-12',
  severity: SecuritySeverity.INFO,
  title: 'Intranode visibility off',
  fix: 'set enable_intranode_visibility = true, so pod-to-pod traffic on one node passes the VPC (flow logs, firewall rules)',
  source: `${CIS_GKE} "Enable VPC Flow Logs and Intranode Visibility"; CKV_GCP_61`,
  check(context) {
    for (const cluster of context.clusters.all) {
      const value = cluster.resource.config.enable_intranode_visibility;
      if (cluster.autopilot || isUnknown(value) || literalBool(value) === true) continue;
      context.report(this, cluster.resource, 'enable_intranode_visibility is not true: traffic between pods of one node bypasses VPC flow logs and firewall rules');
    }
  },
};

/** GKE-13: clusters carry labels. */
export const GKE_13: Rule = {
  id: 'GKE-13',
  severity: SecuritySeverity.INFO,
  title: 'Cluster without resource labels',
  fix: 'set resource_labels (owner, environment, cost centre)',
  source: 'CKV_GCP_21; AVD-GCP-0051',
  check(context) {
    for (const cluster of context.clusters.all) {
      const labels = cluster.resource.config.resource_labels;
      if (isUnknown(labels)) continue;
      if (Object.keys(map(labels) ?? {}).length === 0) context.report(this, cluster.resource, 'resource_labels is empty: nobody can tell who owns the cluster or filter its costs and logs');
    }
  },
};

/** GKE-14: Secrets are encrypted at the application layer with Cloud KMS. */
export const GKE_14: Rule = {
  id: 'GKE-14',
  severity: SecuritySeverity.INFO,
  title: 'Kubernetes Secrets not encrypted with a Cloud KMS key (application-layer Secrets encryption)',
  fix: 'set database_encryption { state = "ENCRYPTED", key_name = <a Cloud KMS key in the cluster\'s region> }',
  source: `${CIS_GKE} "Ensure Kubernetes Secrets are encrypted using keys managed in Cloud KMS"`,
  check(context) {
    for (const cluster of context.clusters.all) {
      const encryption = cluster.resource.config.database_encryption;
      const state = read(cluster.resource.config, 'database_encryption.state');
      if (isUnknown(encryption) || isUnknown(state) || state === 'ENCRYPTED') continue;
      context.report(this, cluster.resource, `database_encryption is ${state === undefined ? 'not set' : `state ${JSON.stringify(state)}`}: Secrets in etcd are only protected by Google's default encryption, with no key you control or can revoke`);
    }
  },
};

/** GKE-15: the legacy bindings of system:unauthenticated and system:authenticated stay off. */
export const GKE_15: Rule = {
  id: 'GKE-15',
  severity: SecuritySeverity.ERROR,
  title: 'Insecure RBAC bindings to system:unauthenticated or system:authenticated allowed',
  fix: 'set rbac_binding_config { enable_insecure_binding_system_unauthenticated = false, enable_insecure_binding_system_authenticated = false }',
  source: 'CIS GKE 1.9 4.1.9 and 4.1.10 (avoid non-default bindings to system:unauthenticated and system:authenticated)',
  check(context) {
    for (const cluster of context.clusters.all) {
      const settings = block(cluster.resource.config, 'rbac_binding_config');
      const open = ['unauthenticated', 'authenticated'].filter((who) => literalBool(settings?.[`enable_insecure_binding_system_${who}`]) === true);
      if (open.length > 0) {
        context.report(this, cluster.resource, `rbac_binding_config allows bindings to ${open.map((w) => `system:${w}`).join(' and ')}: one careless binding opens the cluster to every ${open.includes('unauthenticated') ? 'anonymous caller' : 'Google account'}`);
      }
    }
  },
};

/** Cluster hardening beyond the guides: image policy, logging, alpha, networking, visibility, labels, Secrets encryption. */
export const CLUSTER_HARDENING_RULES: Rule[] = [GKE_8, GKE_9, GKE_10, GKE_11, GKE_12, GKE_13, GKE_14, GKE_15];

