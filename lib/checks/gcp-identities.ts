import { IConstruct } from 'constructs';
import { AppIndex, TfResource } from '../core/app-index';
import { expressionsIn, isUnknown, literalString } from '../core/terraform-values';

/**
 * A Google service account as far as synth time knows it: by e-mail when the e-mail is literal or
 * derivable (a `google_service_account` with a literal account id and project), else by the address of
 * the resource that creates it. Two identities are the same account when their keys are equal.
 */
export interface ServiceAccountIdentity {
  /** `email:<e-mail>` or `resource:<stack path>|<address>`. */
  readonly key: string;
  /** The e-mail, when known. */
  readonly email?: string;
  /** The `google_service_account` resource of this app that creates it, when there is one. */
  readonly resource?: TfResource;
  /** Whether it is the Compute Engine default service account. */
  readonly defaultCompute: boolean;
  /** How findings name it: the e-mail, or the Terraform address of the resource. */
  readonly display: string;
}

const DEFAULT_COMPUTE_EMAIL = /^\d+-compute@developer\.gserviceaccount\.com$/;

/** Reads service account identities from IAM members, resource ids, annotations and node configs. */
export class ServiceAccountIdentities {
  private readonly byEmail = new Map<string, TfResource>();

  constructor(private readonly index: AppIndex) {
    for (const account of index.resources('google_service_account')) {
      const email = this.derivedEmail(account);
      if (email) this.byEmail.set(email, account);
    }
  }

  /**
   * The identity named by `value`: an e-mail, `serviceAccount:EMAIL`, `projects/P/serviceAccounts/EMAIL`,
   * or a reference to a `google_service_account` / `data.google_service_account` /
   * `data.google_compute_default_service_account`. Undefined when it cannot be known at synth time.
   */
  public of(value: unknown, from: IConstruct): ServiceAccountIdentity | undefined {
    if (typeof value !== 'string') return undefined;
    const stripped = value.replace(/^serviceAccount:/, '').replace(/^projects\/[^/]+\/serviceAccounts\//, '');
    const literal = literalString(stripped);
    if (literal !== undefined) return this.ofEmail(literal);
    const target = this.index.target(stripped, from);
    if (!target) return undefined;
    const { resource } = target;
    if (resource.type === 'google_compute_default_service_account') {
      return { key: `resource:${resource.stack.node.path}|${resource.address}`, defaultCompute: true, display: resource.address };
    }
    if (resource.type !== 'google_service_account') return undefined;
    const email = this.derivedEmail(resource);
    if (email) return this.ofEmail(email);
    return resource.isData ? undefined
      : { key: `resource:${resource.stack.node.path}|${resource.address}`, resource, defaultCompute: false, display: resource.address };
  }

  private ofEmail(email: string): ServiceAccountIdentity {
    return { key: `email:${email}`, email, resource: this.byEmail.get(email), defaultCompute: DEFAULT_COMPUTE_EMAIL.test(email), display: email };
  }

  /** `ACCOUNT_ID@PROJECT.iam.gserviceaccount.com` when both parts are literal (data sources may name the e-mail). */
  private derivedEmail(account: TfResource): string | undefined {
    const accountId = this.index.literalString(account.config.account_id, account.element);
    if (accountId === undefined) return undefined;
    if (accountId.includes('@')) return accountId;
    const project = this.index.projectOf(account);
    return project === undefined ? undefined : `${accountId}@${project}.iam.gserviceaccount.com`;
  }
}

/** A Kubernetes service account named by a Workload Identity IAM member. */
export interface WorkloadMember {
  /** The workload pool, `PROJECT_ID.svc.id.goog`, when literal. */
  readonly pool?: string;
  /** The namespace, when literal. */
  readonly namespace?: string;
  /** The Kubernetes service account name, when literal. */
  readonly serviceAccount?: string;
}

const LEGACY_MEMBER = /^serviceAccount:([^[\]]+)\.svc\.id\.goog\[([^/\]]+)\/([^\]]+)\]$/;
const PRINCIPAL_MEMBER = /^principal:\/\/iam\.googleapis\.com\/projects\/[^/]+\/locations\/global\/workloadIdentityPools\/([^/]+)\.svc\.id\.goog\/subject\/ns\/([^/]+)\/sa\/([^/]+)$/;

/**
 * The KSA a Workload Identity member names: `serviceAccount:POOL[NS/KSA]` or
 * `principal://…/workloadIdentityPools/POOL/subject/ns/NS/sa/KSA`. Parts holding references stay undefined.
 */
export function parseWorkloadMember(member: string): WorkloadMember | undefined {
  const match = LEGACY_MEMBER.exec(member) ?? PRINCIPAL_MEMBER.exec(member);
  if (!match) return undefined;
  const known = (part: string): string | undefined => (isUnknown(part) ? undefined : part);
  return { pool: known(`${match[1]}.svc.id.goog`), namespace: known(match[2]), serviceAccount: known(match[3]) };
}

const PROJECT_ID = '[a-z][-a-z0-9]{4,28}[a-z0-9]';
/** What a Terraform reference in a member is replaced by before the literal parts are judged. */
const REFERENCE = 'refvalue0';
/** A project number, or a reference (such as a TerraformVariable) that Terraform resolves to one. */
const PROJECT_NUMBER = `(?:\\d+|${REFERENCE})`;
const LABEL = '[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?';
const SUBDOMAIN = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*';
const WELL_FORMED = [
  new RegExp(`^serviceAccount:${PROJECT_ID}\\.svc\\.id\\.goog\\[${LABEL}/${SUBDOMAIN}\\]$`),
  new RegExp(`^principal://iam\\.googleapis\\.com/projects/${PROJECT_NUMBER}/locations/global/workloadIdentityPools/${PROJECT_ID}\\.svc\\.id\\.goog/subject/ns/${LABEL}/sa/${SUBDOMAIN}$`),
  new RegExp(`^principalSet://iam\\.googleapis\\.com/projects/${PROJECT_NUMBER}/locations/global/workloadIdentityPools/${PROJECT_ID}\\.svc\\.id\\.goog/(?:namespace/${LABEL}|kubernetes\\.cluster/\\S+|kubernetes\\.serviceaccount\\.uid/\\S+|attribute\\.\\S+|\\*)$`),
];

/**
 * Why a member that names a Workload Identity pool is malformed, or undefined when it is well formed
 * or names no pool. References are replaced by a placeholder that is valid in every position (a project
 * number's too), so only the literal parts are judged.
 */
export function workloadMemberProblem(member: string): string | undefined {
  if (!member.includes('.svc.id.goog')) return undefined;
  const probe = expressionsIn(member).reduce((text, expression) => text.replace(`\${${expression}}`, REFERENCE), member);
  if (WELL_FORMED.some((pattern) => pattern.test(probe))) return undefined;
  if (new RegExp(`^principal(Set)?://iam\\.googleapis\\.com/projects/(?!${REFERENCE}/)[^/\\d][^/]*/`).test(probe)) {
    return 'principal identifiers name the project by NUMBER, not by id';
  }
  return 'must be serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/KSA] or ' +
    'principal://iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/PROJECT_ID.svc.id.goog/subject/ns/NAMESPACE/sa/KSA';
}
