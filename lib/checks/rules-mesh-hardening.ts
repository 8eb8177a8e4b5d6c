import { caHierarchyOf } from './ca-hierarchy';
import { Rule } from './rule';
import { SecuritySeverity } from './security-finding';
import { block, blocks, cidrContains, isUnknown, list, literalBool, literalNumber, literalString, read } from '../core/terraform-values';

const GUIDE_002 = 'Guide 002 (Cloud Service Mesh security)';

/** Why an ALLOW authorization policy admits every source, or undefined. */
function openSource(config: { readonly [key: string]: unknown }): string | undefined {
  if (isUnknown(config.rules)) return undefined;
  const rules = blocks(config, 'rules');
  if (rules.length === 0) return 'has no rules, so it allows every request from every source';
  for (const rule of rules) {
    if (isUnknown(rule.sources)) continue;
    const sources = blocks(rule, 'sources');
    if (sources.length === 0) return 'has a rule without sources, which matches every caller, with or without a mesh certificate';
    for (const source of sources) {
      const open = (list(source.ip_blocks) ?? []).map(literalString).find((cidr) => cidr !== undefined && (/\/0$/.test(cidr.trim()) && cidrContains(cidr, '8.8.8.8') || cidr.trim() === '::/0'));
      if (open !== undefined) return `admits ip_blocks ${JSON.stringify(open)}: every address`;
    }
  }
  return undefined;
}

/** MESH-8: ALLOW authorization policies name their sources. */
export const MESH_8: Rule = {
  id: 'MESH-8',
  severity: SecuritySeverity.ERROR,
  title: 'ALLOW authorization policy that admits every source (no rules, a rule without sources, or ip_blocks 0.0.0.0/0)',
  fix: 'give every rule sources { principals = [spiffe://PROJECT_ID.svc.id.goog/ns/NAMESPACE/sa/KSA] } (SecureMeshService.allow)',
  source: `${GUIDE_002}, "認可ポリシーでのサービスレベルのアクセスを構成する" (the pitfall: a rule that names no source allows everyone)`,
  check(context) {
    for (const policy of context.index.resources('google_network_security_authorization_policy')) {
      if (policy.dynamic || literalString(policy.config.action) !== 'ALLOW') continue;
      const problem = openSource(policy.config);
      if (problem) context.report(this, policy, `the ALLOW policy ${problem}`);
    }
  },
};

/** MESH-9: clients check the server's certificate. */
export const MESH_9: Rule = {
  id: 'MESH-9',
  severity: SecuritySeverity.WARNING,
  title: 'Client TLS policy without server validation',
  fix: 'add server_validation_ca { certificate_provider_instance { plugin_instance = "google_cloud_private_spiffe" } }',
  source: `${GUIDE_002}, "バックエンド サービスへの送信トラフィックを保護する" (client-mtls-policy with serverValidationCa)`,
  check(context) {
    for (const policy of context.index.resources('google_network_security_client_tls_policy')) {
      if (policy.dynamic || isUnknown(policy.config.server_validation_ca)) continue;
      if (blocks(policy.config, 'server_validation_ca').length === 0) {
        context.report(this, policy, 'has no server_validation_ca: clients accept any server certificate, so a workload can pose as the server');
      }
    }
  },
};


/** PKI-9: the root CA pool is on the Enterprise tier. */
export const PKI_9: Rule = {
  id: 'PKI-9',
  severity: SecuritySeverity.WARNING,
  title: 'Root CA pool on the DEVOPS tier (no certificate tracking or revocation)',
  fix: 'set tier = "ENTERPRISE" on the pool of the root CA; keep DEVOPS for the pool that issues short-lived workload certificates',
  source: `${GUIDE_002}, "CA Service でルート CA とサブオーディネート CA を作成する" (root pool on the Enterprise tier); CA Service tiers (DevOps keeps no record of issued certificates and cannot revoke them)`,
  check(context) {
    const cas = caHierarchyOf(context);
    for (const pool of cas.pools) {
      if (pool.resource.config.tier !== 'DEVOPS' || !pool.authorities.some((ca) => ca.root === true)) continue;
      context.report(this, pool.resource, `the pool holds a root CA (${pool.authorities.find((ca) => ca.root)?.resource.address}) on the DEVOPS tier, which cannot revoke the subordinate it signs`);
    }
  },
};

/** PKI-10: subordinate CAs cannot create further CAs. */
export const PKI_10: Rule = {
  id: 'PKI-10',
  severity: SecuritySeverity.WARNING,
  title: 'Subordinate CA without a path-length limit',
  fix: 'set config.x509_config.ca_options { is_ca = true, zero_max_issuer_path_length = true } (or max_issuer_path_length = 0) on the subordinate CA',
  source: `${GUIDE_002}, "CA Service でルート CA とサブオーディネート CA を作成する" (--max-chain-length=0 on the subordinate); RFC 5280 4.2.1.9 (pathLenConstraint)`,
  check(context) {
    for (const ca of caHierarchyOf(context).authorities) {
      if (ca.root !== false || ca.resource.dynamic) continue;
      const options = block(block(block(ca.resource.config, 'config'), 'x509_config'), 'ca_options');
      const max = read(options, 'max_issuer_path_length');
      const zero = read(options, 'zero_max_issuer_path_length');
      if (isUnknown(max) || isUnknown(zero) || isUnknown(ca.resource.config.config)) continue;
      if (literalNumber(max) === undefined && literalBool(zero) !== true) {
        context.report(this, ca.resource, 'the subordinate CA sets neither max_issuer_path_length nor zero_max_issuer_path_length: a leaked subordinate key can mint further CAs');
      }
    }
  },
};

/** The mesh and CA hardening rules beyond the guides' pitfalls. */
export const MESH_HARDENING_RULES: Rule[] = [MESH_8, MESH_9, PKI_9, PKI_10];
