import { iamGrants } from './iam-grants';
import { Rule } from './rule';
import { SecuritySeverity } from './security-finding';
import { block, isUnknown, literalString } from '../core/terraform-values';

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
/** The claims that tie a GitHub Actions token to one repository or owner. */
const GITHUB_REPOSITORY_CLAIMS = /assertion\.(repository|repository_id|repository_owner|repository_owner_id|job_workflow_ref|sub)\b/;

/** WIF-1: external identity providers accept only the tokens of the intended subjects. */
export const WIF_1: Rule = {
  id: 'WIF-1',
  severity: SecuritySeverity.ERROR,
  title: 'Workload identity pool provider (OIDC, SAML, AWS) without an attribute_condition, or a GitHub provider whose condition names no repository',
  fix: 'set attribute_condition to the repository or subject allowed, such as assertion.repository == "OWNER/REPO" (DeployerIdentity does)',
  source: 'CKV_GCP_118, CKV_GCP_125; AVD-GCP-0068; Google Cloud "Best practices for using Workload Identity Federation" (always set an attribute condition for multi-tenant providers)',
  check(context) {
    for (const provider of context.index.resources('google_iam_workload_identity_pool_provider')) {
      const condition = provider.config.attribute_condition;
      if (isUnknown(condition) || provider.dynamic) continue;
      const kind = ['oidc', 'saml', 'aws', 'x509'].find((k) => block(provider.config, k) !== undefined || isUnknown(provider.config[k])) ?? 'the';
      const literal = literalString(condition)?.trim();
      if (literal === undefined || literal === '' || literal === 'true') {
        context.report(this, provider, `the ${kind} provider has ${literal === 'true' ? 'attribute_condition "true"' : 'no attribute_condition'}: ` +
          'every identity of the issuer (any GitHub repository, any tenant) can exchange its token in this pool');
        continue;
      }
      const issuer = literalString(block(provider.config, 'oidc')?.issuer_uri);
      if (issuer === GITHUB_ISSUER && !GITHUB_REPOSITORY_CLAIMS.test(literal)) {
        context.report(this, provider, `the GitHub Actions provider's attribute_condition ${JSON.stringify(literal)} names no repository or owner: every GitHub repository can use the pool`);
      }
    }
  },
};

const WHOLE_POOL = /^principalSet:\/\/iam\.googleapis\.com\/projects\/[^/]+\/locations\/global\/workloadIdentityPools\/([^/]+)\/\*$/;

/** WIF-2: grants name a subject or attribute, never every identity of a pool. */
export const WIF_2: Rule = {
  id: 'WIF-2',
  severity: SecuritySeverity.ERROR,
  title: 'Grant to principalSet://…/workloadIdentityPools/POOL/* (every identity of a pool; a GKE pool: warning)',
  fix: 'grant to the subject (principal://…/subject/SUBJECT) or to an attribute set (principalSet://…/attribute.repository/OWNER/REPO, …/namespace/NAMESPACE)',
  source: 'Guide 001 (principal identifiers: grant to one subject, namespace or attribute); Google Cloud "Best practices for using Workload Identity Federation"; CKV_GCP_125 (spirit)',
  check(context) {
    for (const grant of iamGrants(context)) {
      const pool = WHOLE_POOL.exec(grant.member)?.[1];
      if (pool === undefined || isUnknown(pool)) continue;
      const gke = pool.endsWith('.svc.id.goog');
      context.report(this, grant.resource, `grants ${grant.role ?? 'a role'} to every identity of the pool ${pool} (${gke
        ? 'every Kubernetes service account of every cluster of the project' : 'every external identity the providers accept'})`,
      gke ? { severity: SecuritySeverity.WARNING } : undefined);
    }
  },
};

/** The Workload Identity Federation rules for external identities. */
export const FEDERATION_RULES: Rule[] = [WIF_1, WIF_2];
