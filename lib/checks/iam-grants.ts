import { TfResource } from './app-index';
import { RuleContext } from './rule';
import { literalString } from './terraform-values';

/** Where a role is granted. */
export enum GrantLevel {
  PROJECT = 'project',
  SERVICE_ACCOUNT = 'service account',
}

/** One member granted one role, by a `*_iam_member` or `*_iam_binding` resource. */
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

const GRANT_TYPES: { readonly [type: string]: GrantLevel } = {
  google_project_iam_member: GrantLevel.PROJECT,
  google_project_iam_binding: GrantLevel.PROJECT,
  google_service_account_iam_member: GrantLevel.SERVICE_ACCOUNT,
  google_service_account_iam_binding: GrantLevel.SERVICE_ACCOUNT,
};

/** Every project and service-account grant of the app, one entry per member, computed once. */
export function iamGrants(context: RuleContext): IamGrant[] {
  return context.shared('iam-grants', () => Object.entries(GRANT_TYPES).flatMap(([type, level]) =>
    context.index.resources(type).flatMap((resource) => {
      const { config } = resource;
      const members = type.endsWith('_binding') ? config.members : [config.member];
      const list = Array.isArray(members) ? members : [members];
      return list.filter((m): m is string => typeof m === 'string').map((member) => ({
        resource, level, member,
        role: literalString(context.index.literal(config.role, resource.element)),
        serviceAccountId: level === GrantLevel.SERVICE_ACCOUNT ? config.service_account_id : undefined,
      }));
    })));
}

/** Whether a member is a Google service account or a workload identity (the subjects of the IAM rules). */
export function isServiceAccountMember(member: string): boolean {
  return /^(serviceAccount:|principal:\/\/|principalSet:\/\/)/.test(member);
}
