import { explicitOptOut } from './library-opt-outs';
import { Rule } from './rule';
import { SecuritySeverity } from './security-finding';
import { block, blocks, isUnknown, literalBool, literalString, read } from '../core/terraform-values';

/** GKE-1: a release channel keeps the control plane and nodes patched. */
export const GKE_1: Rule = {
  id: 'GKE-1',
  severity: SecuritySeverity.WARNING,
  title: 'Cluster not enrolled in a release channel',
  fix: 'set release_channel { channel = "REGULAR" } (or RAPID/STABLE)',
  source: 'CIS GKE Benchmark "Automate GKE version management using Release Channels"; Guide 002 (the cluster is created with --release-channel)',
  check(context) {
    for (const cluster of context.clusters.all) {
      if (cluster.autopilot) continue;
      const channel = read(cluster.resource.config, 'release_channel.channel');
      if (isUnknown(channel)) continue;
      if (channel === undefined || channel === 'UNSPECIFIED') {
        context.report(this, cluster.resource, `release_channel is ${channel === undefined ? 'not set' : '"UNSPECIFIED"'}: versions are managed by hand and security patches may lag`);
      }
    }
  },
};

/** GKE-2: nodes have no public IP addresses. */
export const GKE_2: Rule = {
  id: 'GKE-2',
  severity: SecuritySeverity.ERROR,
  title: 'Nodes have public IP addresses (private nodes off)',
  fix: 'set private_cluster_config { enable_private_nodes = true, master_ipv4_cidr_block = "<a /28>" }',
  source: 'CIS GKE Benchmark "Ensure clusters are created with Private Nodes"; CKV_GCP_25, CKV_GCP_64; AVD-GCP-0059; Guide 003 (private cluster)',
  check(context) {
    for (const cluster of context.clusters.all) {
      const privateNodes = read(cluster.resource.config, 'private_cluster_config.enable_private_nodes');
      if (isUnknown(privateNodes) || literalBool(privateNodes) === true) continue;
      const optOut = explicitOptOut(cluster.resource, 'publicNodes');
      context.report(this, cluster.resource, `private_cluster_config.enable_private_nodes is ${privateNodes === undefined ? 'not set' : JSON.stringify(privateNodes)}: ` +
        `every node gets a public IP address${optOut ?? ''}`, optOut ? { severity: SecuritySeverity.WARNING } : undefined);
    }
  },
};

/** GKE-3: authorized networks never open the control plane to every address. */
export const GKE_3: Rule = {
  id: 'GKE-3',
  severity: SecuritySeverity.ERROR,
  title: 'Master authorized network 0.0.0.0/0',
  fix: 'list only the networks that administer the cluster in master_authorized_networks_config.cidr_blocks',
  source: 'CIS GKE Benchmark "Ensure Control Plane Authorized Networks is Enabled"; secure defaults of this library (authorized networks never 0.0.0.0/0)',
  check(context) {
    for (const cluster of context.clusters.all) {
      for (const entry of blocks(block(cluster.resource.config, 'master_authorized_networks_config'), 'cidr_blocks')) {
        const cidr = literalString(entry.cidr_block);
        if (cidr !== undefined && /\/0$/.test(cidr.trim())) {
          context.report(this, cluster.resource, `master_authorized_networks_config allows ${JSON.stringify(cidr)}, every address on the internet`);
        }
      }
    }
  },
};

/** GKE-4: the control plane endpoint is restricted. */
export const GKE_4: Rule = {
  id: 'GKE-4',
  severity: SecuritySeverity.WARNING,
  title: 'Control plane endpoint reachable from any address',
  fix: 'add master_authorized_networks_config with the admin networks, or enable the private endpoint',
  source: 'CIS GKE Benchmark "Ensure Control Plane Authorized Networks is Enabled" and "Ensure clusters are created with Private Endpoint Enabled and Public Access Disabled"',
  check(context) {
    for (const cluster of context.clusters.all) {
      const { config } = cluster.resource;
      const privateEndpoint = read(config, 'private_cluster_config.enable_private_endpoint');
      const publicCidrs = read(config, 'master_authorized_networks_config.gcp_public_cidrs_access_enabled');
      if (isUnknown(privateEndpoint) || literalBool(privateEndpoint) === true || isUnknown(config.master_authorized_networks_config)) continue;
      if (config.master_authorized_networks_config === undefined) {
        context.report(this, cluster.resource, 'master_authorized_networks_config is not set: the public control plane endpoint accepts ' +
          `connections from any address${explicitOptOut(cluster.resource, 'openControlPlane') ?? ''}`);
      } else if (literalBool(publicCidrs) === true) {
        context.report(this, cluster.resource, 'master_authorized_networks_config.gcp_public_cidrs_access_enabled is true: every Google Cloud public IP address reaches the control plane');
      }
    }
  },
};

/** GKE-5: no client certificate authentication. */
export const GKE_5: Rule = {
  id: 'GKE-5',
  severity: SecuritySeverity.ERROR,
  title: 'Client certificate issued for the cluster',
  fix: 'set master_auth.client_certificate_config.issue_client_certificate = false, or drop master_auth',
  source: 'CIS GKE Benchmark "Ensure authentication using Client Certificates is Disabled"',
  check(context) {
    for (const cluster of context.clusters.all) {
      if (literalBool(read(cluster.resource.config, 'master_auth.client_certificate_config.issue_client_certificate')) === true) {
        context.report(this, cluster.resource, 'master_auth issues a client certificate: a long-lived credential that cannot be revoked');
      }
    }
  },
};

/** GKE-6: no legacy ABAC. */
export const GKE_6: Rule = {
  id: 'GKE-6',
  severity: SecuritySeverity.ERROR,
  title: 'Legacy ABAC authorization enabled',
  fix: 'set enable_legacy_abac = false (the default) and authorize with RBAC and IAM',
  source: 'CIS GKE Benchmark "Ensure Legacy Authorization (ABAC) is Disabled"; Guide 000, "RBAC と IAM"',
  check(context) {
    for (const cluster of context.clusters.all) {
      if (literalBool(cluster.resource.config.enable_legacy_abac) === true) {
        context.report(this, cluster.resource, 'enable_legacy_abac is true: ABAC grants bypass RBAC');
      }
    }
  },
};

/** GKE-7: NetworkPolicy is enforced. */
export const GKE_7: Rule = {
  id: 'GKE-7',
  severity: SecuritySeverity.WARNING,
  title: 'No NetworkPolicy enforcement (neither Dataplane V2 nor network_policy)',
  fix: 'set datapath_provider = "ADVANCED_DATAPATH" (Dataplane V2), or network_policy { enabled = true, provider = "CALICO" } with the addon',
  source: 'CIS GKE Benchmark "Ensure Network Policy is Enabled and set as appropriate"; secure defaults of this library',
  check(context) {
    for (const cluster of context.clusters.all) {
      if (cluster.dataplaneV2 !== false) continue;
      const enabled = read(cluster.resource.config, 'network_policy.enabled');
      if (isUnknown(enabled) || literalBool(enabled) === true) continue;
      const datapath = cluster.resource.config.datapath_provider;
      context.report(this, cluster.resource, `datapath_provider is ${datapath === undefined ? 'not set' : JSON.stringify(datapath)} and ` +
        'network_policy is not enabled: NetworkPolicies are accepted but not enforced');
    }
  },
};

/** The control-plane hardening rules. */
export const CONTROL_PLANE_RULES: Rule[] = [GKE_1, GKE_2, GKE_3, GKE_4, GKE_5, GKE_6, GKE_7];
