import { TfResource } from '../core/app-index';
import { RuleContext } from './rule';
import { blocks, isObject, literalString } from '../core/terraform-values';

/** Where a role is granted. */
export enum GrantLevel {
  ORGANIZATION = 'organization',
  FOLDER = 'folder',
  PROJECT = 'project',
  SERVICE_ACCOUNT = 'service account',
  /** Any other resource (a bucket, a CA pool, a repository, …). */
  RESOURCE = 'resource',
}

/** One member granted one role, by a `*_iam_member`, `*_iam_binding` or authoritative `*_iam_policy` resource. */
export interface IamGrant {
  readonly resource: TfResource;
  readonly level: GrantLevel;
  /** The literal role, undefined when unknown. */
  readonly role?: string;
  /** The member as written: may hold references, or be wholly unknown. */
  readonly member: string;
  /** For service-account grants: the raw `service_account_id`. */
  readonly serviceAccountId?: unknown;
}

const LEVELS: { readonly [prefix: string]: GrantLevel } = {
  google_organization: GrantLevel.ORGANIZATION,
  google_folder: GrantLevel.FOLDER,
  google_project: GrantLevel.PROJECT,
  google_service_account: GrantLevel.SERVICE_ACCOUNT,
};

const IAM_TYPE = /^(google_[a-z0-9_]+?)_iam_(member|binding|policy)$/;

/** The level and kind of an IAM resource type, or undefined for other types. */
function grantType(type: string): { level: GrantLevel; kind: string } | undefined {
  const match = IAM_TYPE.exec(type);
  return match ? { level: LEVELS[match[1]] ?? GrantLevel.RESOURCE, kind: match[2] } : undefined;
}

/** The `{ role, members }` bindings of an authoritative policy: a `data.google_iam_policy` it references, or literal JSON. */
function policyBindings(context: RuleContext, policy: TfResource): { role: unknown; members: unknown }[] {
  const data = context.index.target(policy.config.policy_data, policy.element)?.resource;
  if (data?.type === 'google_iam_policy') return blocks(data.config, 'binding').map((b) => ({ role: b.role, members: b.members }));
  const literal = literalString(policy.config.policy_data);
  if (literal === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(literal);
    const bindings = isObject(parsed) && Array.isArray(parsed.bindings) ? parsed.bindings.filter(isObject) : [];
    return bindings.map((b) => ({ role: b.role, members: b.members }));
  } catch {
    return [];
  }
}

/**
 * Every IAM grant of the app, one entry per member, computed once: organization, folder, project,
 * service-account and resource-level members, bindings and authoritative policies (read like members).
 */
export function iamGrants(context: RuleContext): IamGrant[] {
  return context.shared('iam-grants', () => context.index.resourceTypes().flatMap((type) => {
    const kind = grantType(type);
    if (!kind) return [];
    return context.index.resources(type).flatMap((resource) => {
      const { config } = resource;
      const serviceAccountId = kind.level === GrantLevel.SERVICE_ACCOUNT ? config.service_account_id : undefined;
      const entries = kind.kind === 'policy' ? policyBindings(context, resource)
        : [{ role: config.role, members: kind.kind === 'binding' ? config.members : [config.member] }];
      return entries.flatMap(({ role, members }) => {
        const literalRole = literalString(context.index.literal(role, resource.element));
        const list = Array.isArray(members) ? members : [members];
        return list.filter((m): m is string => typeof m === 'string')
          .map((member) => ({ resource, level: kind.level, member, role: literalRole, serviceAccountId }));
      });
    });
  }));
}

/** Whether a member is a Google service account or a workload identity (the subjects of the IAM rules). */
export function isServiceAccountMember(member: string): boolean {
  return /^(serviceAccount:|principal:\/\/|principalSet:\/\/)/.test(member);
}

/** Whether a member is everyone on the internet or every Google account. */
export function isPublicMember(member: string): boolean {
  return member === 'allUsers' || member === 'allAuthenticatedUsers';
}

/** Whether a member is a person, a group of people or a whole domain. */
export function isPersonMember(member: string): boolean {
  return /^(user:|group:|domain:)/.test(member);
}
