import { isPrimitiveRole } from '../core/iam-roles';
import { GrantLevel, iamGrants, IamGrant, isServiceAccountMember } from './iam-grants';
import { Rule } from './rule';
import { SecuritySeverity } from './security-finding';

/** Roles that let a member act as service accounts. */
const IMPERSONATION_ROLES = new Set(['roles/iam.serviceAccountUser', 'roles/iam.serviceAccountTokenCreator', 'roles/iam.workloadIdentityUser']);

const CIS_GCP = 'CIS Google Cloud Platform Foundation Benchmark';
/** Grants that reach every project below them: on a project, a folder or the organization. */
const HIERARCHY_LEVELS = new Set([GrantLevel.PROJECT, GrantLevel.FOLDER, GrantLevel.ORGANIZATION]);
/** Admin roles that let their holder grant itself any role or take over every workload: errors, not warnings. */
export const ESCALATION_ROLES = new Set([
  'roles/container.admin', 'roles/resourcemanager.projectIamAdmin', 'roles/resourcemanager.folderIamAdmin',
  'roles/resourcemanager.organizationAdmin', 'roles/iam.securityAdmin', 'roles/iam.roleAdmin',
]);

/** Where a grant applies, for messages: "the project", "the organization". */
function where(grant: IamGrant): string {
  return `the ${grant.level}`;
}

/** IAM-1: no basic roles for service accounts and workloads. */
export const IAM_1: Rule = {
  id: 'IAM-1',
  severity: SecuritySeverity.ERROR,
  title: 'Basic (primitive) role granted to a service account or workload',
  fix: 'grant the predefined roles the workload needs instead of roles/owner, roles/editor or roles/viewer',
  source: `${CIS_GCP} 1.5 "Ensure that Service Account has no Admin privileges"; CKV_GCP_115, CKV_GCP_116, CKV_GCP_117; AVD-GCP-0007; secure defaults of this library (no primitive roles); Guide 004 (least privilege)`,
  check(context) {
    for (const grant of iamGrants(context)) {
      if (grant.role !== undefined && isPrimitiveRole(grant.role) && isServiceAccountMember(grant.member)) {
        context.report(this, grant.resource, `grants the basic role ${grant.role} to ${grant.member} on the ${grant.level}`);
      }
    }
  },
};

/** IAM-2: no administrator roles for service accounts and workloads. */
export const IAM_2: Rule = {
  id: 'IAM-2',
  severity: SecuritySeverity.WARNING,
  title: 'Administrator role granted to a service account or workload on a project, folder or organization (container.admin, projectIamAdmin and other self-escalating roles: error)',
  fix: 'grant the narrower role the workload needs; keep *Admin roles for people and break-glass accounts',
  source: `${CIS_GCP} 1.5 "Ensure that Service Account has no Admin privileges"; CKV_GCP_42; AVD-GCP-0007`,
  check(context) {
    for (const grant of iamGrants(context)) {
      if (!HIERARCHY_LEVELS.has(grant.level) || grant.role === undefined || !/admin$/i.test(grant.role) || !isServiceAccountMember(grant.member)) continue;
      const escalates = ESCALATION_ROLES.has(grant.role);
      context.report(this, grant.resource, `grants the administrator role ${grant.role} to ${grant.member} on ${where(grant)}` +
        (escalates ? ', which lets it grant itself any role (owner included) or run any workload as any account' : ''),
      escalates ? { severity: SecuritySeverity.ERROR } : undefined);
    }
  },
};

/** IAM-3: impersonation roles only on one service account, never project-wide. */
export const IAM_3: Rule = {
  id: 'IAM-3',
  severity: SecuritySeverity.ERROR,
  title: 'serviceAccountUser, serviceAccountTokenCreator or workloadIdentityUser on a project, folder or organization',
  fix: 'grant the role on the one service account that is used (google_service_account_iam_member)',
  source: `${CIS_GCP} 1.6 "Ensure that IAM users are not assigned the Service Account User or Service Account Token Creator roles at project level"; CKV_GCP_41, CKV_GCP_44, CKV_GCP_45, CKV_GCP_49; AVD-GCP-0005, AVD-GCP-0009, AVD-GCP-0011; Guide 001 (workloadIdentityUser is granted on one Google service account)`,
  check(context) {
    for (const grant of iamGrants(context)) {
      if (HIERARCHY_LEVELS.has(grant.level) && grant.role !== undefined && IMPERSONATION_ROLES.has(grant.role)) {
        context.report(this, grant.resource, `grants ${grant.role} to ${grant.member} on the whole ${grant.level}, so it can act as every service account in it`);
      }
    }
  },
};

/** IAM-4: no service account keys. */
export const IAM_4: Rule = {
  id: 'IAM-4',
  severity: SecuritySeverity.ERROR,
  title: 'Service account key created',
  fix: 'remove the key and let the workload authenticate with Workload Identity Federation for GKE',
  source: `${CIS_GCP} "Ensure that there are only GCP-managed service account keys for each service account"; Guide 003 (CronJob with Workload Identity, no downloaded keys)`,
  check(context) {
    for (const key of context.index.resources('google_service_account_key')) {
      context.report(this, key, `creates a user-managed key for ${JSON.stringify(key.config.service_account_id ?? 'a service account')}: a long-lived secret that can leak`);
    }
  },
};

/** IAM-5: nobody acts as the Compute Engine default service account. */
export const IAM_5: Rule = {
  id: 'IAM-5',
  severity: SecuritySeverity.ERROR,
  title: 'Workloads or members impersonate the Compute Engine default service account',
  fix: 'create a dedicated Google service account for the workload and bind the KSA to it',
  source: 'Guide 004, "ノードのサービス アカウントの構成" (never the default service account); Guide 002 binds its KSAs to the default service account, which this rule refuses',
  check(context) {
    for (const grant of iamGrants(context)) {
      if (grant.level !== GrantLevel.SERVICE_ACCOUNT || grant.role === undefined || !IMPERSONATION_ROLES.has(grant.role)) continue;
      if (context.accounts.of(grant.serviceAccountId, grant.resource.element)?.defaultCompute) {
        context.report(this, grant.resource, `lets ${grant.member} act as the Compute Engine default service account (${grant.role}), which holds Editor on the project`);
      }
    }
  },
};

/** IAM-6: no roles for the Compute Engine default service account. */
export const IAM_6: Rule = {
  id: 'IAM-6',
  severity: SecuritySeverity.WARNING,
  title: 'Role granted to the Compute Engine default service account',
  fix: 'grant the role to a dedicated service account instead',
  source: 'Guide 004, "ノードのサービス アカウントの構成"; Guide 002 grants roles/trafficdirector.client to the default service account, which this rule reports; CKV_GCP_46, CKV_GCP_47, CKV_GCP_48; AVD-GCP-0004, AVD-GCP-0006, AVD-GCP-0008',
  check(context) {
    for (const grant of iamGrants(context)) {
      if (HIERARCHY_LEVELS.has(grant.level) && context.accounts.of(grant.member, grant.resource.element)?.defaultCompute) {
        context.report(this, grant.resource, `grants ${grant.role ?? 'a role'} to the Compute Engine default service account ${grant.member} on ${where(grant)}`);
      }
    }
  },
};

/** The IAM rules. */
export const IAM_RULES: Rule[] = [IAM_1, IAM_2, IAM_3, IAM_4, IAM_5, IAM_6];
