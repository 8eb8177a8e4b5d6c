import { GrantLevel, iamGrants, isPersonMember, isPublicMember, isServiceAccountMember } from './iam-grants';
import { Rule } from './rule';
import { SecuritySeverity } from './security-finding';

const CIS_GCP = 'CIS Google Cloud Platform Foundation Benchmark';
const OWNER_OR_EDITOR = new Set(['roles/owner', 'roles/editor']);

/** IAM-7: nobody holds owner or editor. */
export const IAM_7: Rule = {
  id: 'IAM-7',
  severity: SecuritySeverity.ERROR,
  title: 'roles/owner or roles/editor granted to a person, group, domain or the public (anywhere)',
  fix: 'grant predefined roles for the tasks; keep owner for a break-glass account managed outside Terraform',
  source: `${CIS_GCP} 1.x (no basic roles); CKV_GCP_115, CKV_GCP_116, CKV_GCP_117; AVD-GCP-0007`,
  check(context) {
    for (const grant of iamGrants(context)) {
      if (grant.role === undefined || !OWNER_OR_EDITOR.has(grant.role) || isServiceAccountMember(grant.member)) continue;
      const single = grant.member.startsWith('user:');
      context.report(this, grant.resource, `grants ${grant.role} to ${grant.member} on the ${grant.level}: read and write access to nearly everything in it`,
        single ? { severity: SecuritySeverity.WARNING } : undefined);
    }
  },
};

/** IAM-8: organization and folder grants are rare and deliberate. */
export const IAM_8: Rule = {
  id: 'IAM-8',
  severity: SecuritySeverity.WARNING,
  title: 'Role granted on an organization or folder (inherited by every project below)',
  fix: 'grant the role on the project (or resource) that needs it; manage organization and folder policy outside the workload stack',
  source: `${CIS_GCP} 1.x (least privilege); CKV_GCP_44, CKV_GCP_45 (organization and folder grants); AVD-GCP-0005, AVD-GCP-0009`,
  check(context) {
    for (const grant of iamGrants(context)) {
      if (grant.level !== GrantLevel.ORGANIZATION && grant.level !== GrantLevel.FOLDER) continue;
      context.report(this, grant.resource, `grants ${grant.role ?? 'a role'} to ${grant.member} on the ${grant.level}, so every project in it inherits the grant`);
    }
  },
};

/** IAM-9: nothing is granted to allUsers or allAuthenticatedUsers. */
export const IAM_9: Rule = {
  id: 'IAM-9',
  severity: SecuritySeverity.ERROR,
  title: 'Role granted to allUsers or allAuthenticatedUsers',
  fix: 'grant the role to the users, groups or service accounts that need it',
  source: `${CIS_GCP} 5.1 and 1.x (no public access); CKV_GCP_28, CKV_GCP_98–CKV_GCP_102, CKV_GCP_107, CKV_GCP_112, CKV_GCP_113, CKV2_GCP_6, CKV2_GCP_8, CKV2_GCP_9`,
  check(context) {
    for (const grant of iamGrants(context)) {
      if (isPublicMember(grant.member)) {
        context.report(this, grant.resource, `grants ${grant.role ?? 'a role'} to ${grant.member} on the ${grant.level}: ${grant.member === 'allUsers'
          ? 'anyone on the internet, signed in or not' : 'anyone with any Google account'} holds it`);
      }
    }
  },
};

/** IAM-10: people get admin roles on one resource or through just-in-time access, not on the hierarchy. */
export const IAM_10: Rule = {
  id: 'IAM-10',
  severity: SecuritySeverity.WARNING,
  title: 'Admin role granted to a person, group or domain on a project, folder or organization (a whole domain: error)',
  fix: 'grant admin roles through a group with just-in-time access, or on the one resource that needs administering',
  source: `${CIS_GCP} 1.x (least privilege for users); AVD-GCP-0003 (IAM granted directly to user); impersonation roles for people are IAM-3`,
  check(context) {
    for (const grant of iamGrants(context)) {
      if (grant.level === GrantLevel.SERVICE_ACCOUNT || grant.level === GrantLevel.RESOURCE || grant.role === undefined || !isPersonMember(grant.member)) continue;
      if (!/admin$/i.test(grant.role)) continue;
      const domain = grant.member.startsWith('domain:');
      context.report(this, grant.resource, `grants ${grant.role} to ${grant.member} on the ${grant.level}${domain ? ': every account of the domain holds it' : ''}`,
        domain ? { severity: SecuritySeverity.ERROR } : undefined);
    }
  },
};

/** The IAM member rules: basic roles, hierarchy-level grants, public members, people with powerful roles. */
export const IAM_MEMBER_RULES: Rule[] = [IAM_7, IAM_8, IAM_9, IAM_10];
