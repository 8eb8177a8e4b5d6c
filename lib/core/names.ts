import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { inputError } from './errors';

/** A named syntax rule for a Google Cloud or Kubernetes identifier. */
export interface NameRule {
  /** What is allowed, in words, quoted in errors. */
  readonly description: string;
  /** Whether a literal value satisfies the rule. */
  readonly test: (value: string) => boolean;
}

function pattern(regex: RegExp, description: string, maxLength?: number): NameRule {
  return {
    description,
    test: (value) => regex.test(value) && (maxLength === undefined || value.length <= maxLength),
  };
}

/** Google service account id (the part before `@`): 6-30 chars. */
export const SERVICE_ACCOUNT_ID = pattern(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/,
  '6-30 characters, lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit ([a-z][-a-z0-9]*[a-z0-9])');

/** Google Cloud project id. */
export const PROJECT_ID = pattern(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/,
  '6-30 characters, lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen');

/** Google Cloud project number. */
export const PROJECT_NUMBER = pattern(/^[1-9][0-9]{5,19}$/, 'the numeric project number (digits only, e.g. 123456789012)');

/** GKE cluster and node pool names. */
export const GKE_NAME = pattern(/^[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?$/,
  '1-40 characters, lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit');

/** A Google Cloud region such as us-east1. */
export const REGION = pattern(/^[a-z]+(?:-[a-z]+)+[0-9]+$/, 'a region such as us-east1 or europe-west4');

/** A Google Cloud zone such as us-east1-b. */
export const ZONE = pattern(/^[a-z]+(?:-[a-z]+)+[0-9]+-[a-z]$/, 'a zone such as us-east1-b');

/** Kubernetes DNS-1123 label (namespaces, service account names, container names). */
export const DNS_1123_LABEL = pattern(/^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/,
  'a DNS-1123 label: at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit');

/** Kubernetes DNS-1123 subdomain (most object names). */
export const DNS_1123_SUBDOMAIN = pattern(/^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/,
  'a DNS-1123 subdomain: at most 253 lowercase letters, digits, hyphens and dots, each part starting and ending with a letter or digit', 253);

/** Compute Engine resource names (firewalls, health checks, backend services, network services objects). */
export const RESOURCE_NAME = pattern(/^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/,
  '1-63 characters, lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit (RFC 1035)');

/** An IPv4 CIDR block such as 10.0.0.0/8. */
export const IPV4_CIDR: NameRule = {
  description: 'an IPv4 CIDR block such as 10.0.0.0/8 (four octets 0-255 and a prefix length 0-32)',
  test: (value) => parseIpv4Cidr(value) !== undefined,
};

/** An e-mail address as IAM members use it. */
export const EMAIL = pattern(/^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/, 'an e-mail address such as alice@example.com');

/** Parses `a.b.c.d/n`; undefined when it is not a valid IPv4 CIDR block. */
export function parseIpv4Cidr(value: string): { readonly octets: number[]; readonly prefix: number } | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  return { octets, prefix };
}

/**
 * Throws an input error when a literal value breaks the rule. Unresolved tokens pass: their value is
 * only known at apply time.
 */
export function checkName(scope: IConstruct | string, field: string, value: string | undefined, rule: NameRule): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (typeof value !== 'string') throw inputError(scope, field, value, `must be a string: ${rule.description}`);
  if (!rule.test(value)) throw inputError(scope, field, value, `must be ${rule.description}`);
}

/**
 * CA Service pool and certificate authority ids. The API also accepts underscores, but the provider parses
 * issuer names with `[a-zA-Z0-9-]+`, so an id with `_` breaks subordinate activation and IAM imports.
 */
export const CA_SERVICE_ID = pattern(/^[a-zA-Z0-9-]{1,63}$/,
  '1-63 letters, digits and hyphens, without underscores (the provider parses CA Service names with [a-zA-Z0-9-]+)');

/** An IAM member that names who is granted: a user, group, service account, domain or federated principal. */
export const IAM_MEMBER = pattern(
  /^(?:(?:user|group|serviceAccount):[^@\s]+@[^@\s]+\.[^@\s]+|domain:[a-z0-9-]+(?:\.[a-z0-9-]+)+|principal(?:Set)?:\/\/iam\.googleapis\.com\/\S+)$/,
  'an IAM member such as user:alice@example.com, group:team@example.com, serviceAccount:name@project.iam.gserviceaccount.com, ' +
  'domain:example.com or principal://iam.googleapis.com/… (allUsers and allAuthenticatedUsers are refused)');

/**
 * A host name as mesh routes and authorization rules match it: DNS labels separated by dots, an optional
 * `*.` wildcard prefix and an optional `:port`.
 */
export const MESH_HOSTNAME = pattern(/^(?:\*\.)?[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)*(?::[0-9]{1,5})?$/,
  'a host name such as service-test or payments.example.com: lowercase DNS labels separated by dots, optionally starting with "*." and ending with ":PORT"', 253);

/** The scope of an OPEN_MESH gateway, which the gateway's Envoy proxies name in their bootstrap. */
export const GATEWAY_SCOPE = pattern(/^[a-zA-Z][-a-zA-Z0-9]{0,63}$/,
  '1-64 letters, digits and hyphens, starting with a letter');

/** Throws an input error unless `value` is a TCP port number (an integer from 1 to 65535). Unresolved tokens pass. */
export function checkPort(scope: IConstruct | string, field: string, value: number | undefined): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw inputError(scope, field, value, 'must be a port number: a whole number from 1 to 65535');
  }
}

/**
 * An IAM role: predefined (`roles/storage.objectViewer`) or custom (`projects/PROJECT/roles/ID`,
 * `organizations/NUMBER/roles/ID`).
 */
export const IAM_ROLE = pattern(
  /^(?:roles\/[A-Za-z0-9_.]+|projects\/[a-z][-a-z0-9]{4,28}[a-z0-9]\/roles\/[A-Za-z0-9_.]{3,64}|organizations\/[0-9]+\/roles\/[A-Za-z0-9_.]{3,64})$/,
  'an IAM role such as roles/storage.objectViewer, projects/PROJECT/roles/ID or organizations/NUMBER/roles/ID');

/** A CronJob name: a DNS-1123 subdomain of at most 52 characters (Kubernetes appends 11 to name each Job). */
export const CRON_JOB_NAME = pattern(/^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/,
  'a DNS-1123 subdomain of at most 52 characters (lowercase letters, digits, hyphens and dots; Kubernetes appends 11 characters to name each Job)', 52);

/** A container environment variable name. */
export const ENV_VAR_NAME = pattern(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/,
  'letters, digits, "-", "_" and ".", not starting with a digit (a C identifier such as GCE_METADATA_HOST is portable)');

const CRON_MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const CRON_MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const CRON_DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** minute, hour, day of month, month, day of week: [min, max, names (index + min = value), '?' allowed]. */
const CRON_FIELDS: [number, number, string[], boolean][] = [
  [0, 59, [], false], [0, 23, [], false], [1, 31, [], true], [1, 12, CRON_MONTHS, false], [0, 6, CRON_DAYS, true],
];

function cronValue(text: string, min: number, max: number, names: string[]): number | undefined {
  const named = names.indexOf(text.toUpperCase());
  if (named >= 0) return named + min;
  if (!/^[0-9]{1,2}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

function cronFieldValid(field: string, [min, max, names, question]: [number, number, string[], boolean]): boolean {
  if (question && field === '?') return true;
  return field.split(',').every((part) => {
    const [range, step, ...extra] = part.split('/');
    if (extra.length > 0 || (step !== undefined && !/^[1-9][0-9]{0,1}$/.test(step))) return false;
    if (range === '*') return true;
    const [from, to, ...more] = range.split('-');
    if (more.length > 0) return false;
    const low = cronValue(from, min, max, names);
    const high = to === undefined ? low : cronValue(to, min, max, names);
    return low !== undefined && high !== undefined && low <= high;
  });
}

/**
 * A Kubernetes CronJob schedule: five fields (minute, hour, day of month, month, day of week) with `*`,
 * ranges, lists and steps, or a macro such as `@hourly`. Time zones go in the CronJob's time zone, not
 * a `TZ=` prefix.
 */
export const CRON_SCHEDULE: NameRule = {
  description: 'a cron schedule of five fields (minute 0-59, hour 0-23, day of month 1-31, month 1-12 or JAN-DEC, ' +
    'day of week 0-6 or SUN-SAT; each *, a value, a range a-b, a list a,b or a step */n), or one of ' + CRON_MACROS.join(', '),
  test: (value) => {
    if (CRON_MACROS.includes(value)) return true;
    const fields = value.trim().split(/\s+/);
    return fields.length === 5 && fields.every((f, i) => cronFieldValid(f, CRON_FIELDS[i]));
  },
};

/**
 * Workload Identity Federation pool and provider ids: 4-32 lowercase letters, digits and hyphens. Google
 * reserves the prefix `gcp-`.
 */
export const WORKLOAD_IDENTITY_POOL_ID = pattern(/^(?!gcp-)[a-z0-9-]{4,32}$/,
  '4-32 lowercase letters, digits and hyphens, not starting with "gcp-" (reserved by Google)');

/** A Cloud Storage bucket name without dots (dotted names need domain verification). */
export const GCS_BUCKET_NAME: NameRule = {
  description: '3-63 lowercase letters, digits, hyphens and underscores, starting and ending with a letter or digit, ' +
    'not starting with "goog" and not containing "google" (dotted names need domain verification and are not supported)',
  test: (value) => /^[a-z0-9][-_a-z0-9]{1,61}[a-z0-9]$/.test(value) && !value.startsWith('goog') && !value.includes('google'),
};

/**
 * The name of an existing Cloud Storage bucket, dotted names included (3-63 characters, or up to 222 with dots,
 * each dot-separated part at most 63), as a grant on it names it.
 */
export const GCS_BUCKET_REFERENCE: NameRule = {
  description: 'a bucket name without gs://: 3-222 lowercase letters, digits, hyphens, underscores and dots, starting and ending ' +
    'with a letter or digit, each dot-separated part at most 63 characters (such as demo-proj-reports)',
  test: (value) => /^[a-z0-9][-_.a-z0-9]{1,220}[a-z0-9]$/.test(value) && value.split('.').every((part) => part.length <= 63)
    && (value.includes('.') || value.length <= 63),
};

/** A Cloud Storage location: a region, a multi-region or a predefined dual-region. */
export const GCS_LOCATION = pattern(/^(?:[a-z]+(?:-[a-z]+)+[0-9]+|[A-Z]+(?:-[A-Z]+)+[0-9]+|US|EU|ASIA|us|eu|asia|[A-Za-z]{3,4}[0-9])$/,
  'a Cloud Storage location: a region such as us-east1, a multi-region (US, EU or ASIA), or a predefined dual-region such as NAM4');

/** A GitHub repository as the `repository` claim of GitHub's OIDC tokens names it: `OWNER/REPO`. */
export const GITHUB_REPOSITORY = pattern(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/,
  'OWNER/REPO, such as example-org/platform-infra: an owner of 1-39 letters, digits and single inner hyphens, "/", ' +
  'and a repository name of 1-100 letters, digits, ".", "-" and "_"');

/** A GitLab project path as the `project_path` claim names it: `GROUP/PROJECT`, subgroups allowed. */
export const GITLAB_PROJECT_PATH = pattern(/^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)+$/,
  'OWNER/REPO as GitLab writes a project path: GROUP/PROJECT or GROUP/SUBGROUP/…/PROJECT, each part letters, digits, ".", "-" ' +
  'and "_", starting with a letter or digit', 255);

/** A repository of any other OIDC issuer: exactly `OWNER/REPO`. */
export const OIDC_REPOSITORY = pattern(/^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/,
  'OWNER/REPO: two parts of letters, digits, ".", "-" and "_" separated by one "/"', 255);

/** A git branch name (a subset of `git check-ref-format` that is safe inside a quoted CEL string). */
export const GIT_BRANCH = pattern(/^(?![-/])(?!.*\/\/)(?!.*\.\.)(?!.*\.lock(?:\/|$))(?!.*[/.]$)[A-Za-z0-9._/-]{1,255}$/,
  'a branch name such as main or release/1.x: letters, digits, ".", "_", "-" and "/", without "..", "//", a leading "-" or "/", ' +
  'or a trailing "/" or "."');

/** A CI deployment environment name, safe inside a quoted CEL string. */
export const CI_ENVIRONMENT = pattern(/^[A-Za-z0-9](?:[A-Za-z0-9 ._/-]{0,253}[A-Za-z0-9._-])?$/,
  'an environment name such as production: 1-255 letters, digits, spaces, ".", "_", "-" and "/", starting with a letter or digit');

/** A claim name of an OIDC token as CEL reads it (`assertion.NAME`). */
export const OIDC_CLAIM = pattern(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
  'a claim name CEL can read as assertion.NAME: 1-64 letters, digits and "_", not starting with a digit');

/** An OIDC issuer URL, exactly as the issuer writes it in the `iss` claim. */
export const OIDC_ISSUER_URI = pattern(/^https:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:\/[A-Za-z0-9._~%-]+)*$/,
  'an https URL without a trailing slash, exactly as the issuer writes it in the iss claim, such as https://gitlab.example.com');

/** The immutable numeric id of a repository (GitHub `repository_id`, GitLab `project_id`). */
export const REPOSITORY_ID = pattern(/^[1-9][0-9]{0,19}$/, 'the numeric repository id, such as 123456789');

/**
 * Whether two IPv4 CIDR blocks share an address; false when either is not a valid literal block (an
 * unresolved token, for example), since nothing is known about it.
 */
export function ipv4CidrsOverlap(a: string, b: string): boolean {
  const first = parseIpv4Cidr(a);
  const second = parseIpv4Cidr(b);
  if (!first || !second) return false;
  const prefix = Math.min(first.prefix, second.prefix);
  const network = (octets: number[]) => (prefix === 0 ? 0 : octets.reduce((n, o) => n * 256 + o, 0) >>> (32 - prefix));
  return network(first.octets) === network(second.octets);
}

/** Whether the address `ip` (a.b.c.d) lies inside the IPv4 CIDR block; false when either is not a valid literal. */
export function ipv4CidrContains(cidr: string, ip: string): boolean {
  return ipv4CidrsOverlap(cidr, `${ip}/32`);
}

/** A container image reference such as `curlimages/curl:8.11.1` or `REGISTRY/PATH@sha256:DIGEST`. */
export const CONTAINER_IMAGE = pattern(/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/,
  'a container image reference such as curlimages/curl:8.11.1 or registry.example/team/app@sha256:…: letters, digits, ".", "_", "-", ' +
  '"/", ":" and "@", without spaces', 512);

/** The path (and optional query) of an HTTP request, such as `/` or `/headers?full=1`. */
export const URL_PATH = pattern(/^\/[A-Za-z0-9._~%/-]*(?:\?[A-Za-z0-9._~%&=+-]*)?$/,
  'a URL path such as / or /headers: "/" followed by letters, digits, ".", "_", "~", "%", "-" and "/", optionally with a query ' +
  '("?" then the same characters and "&", "=", "+")', 1024);

/** An HTTP method whose response carries a body to check. */
export const HTTP_METHOD = pattern(/^(?:GET|POST|PUT|PATCH|DELETE|OPTIONS)$/,
  'one of GET, POST, PUT, PATCH, DELETE or OPTIONS, in upper case (HEAD answers without a body to check)');

/** A VPC network as GKE and Cloud NAT take it: a name, `projects/PROJECT/global/networks/NAME`, or its self link. */
export const NETWORK = pattern(
  /^(?:https:\/\/www\.googleapis\.com\/compute\/v1\/)?(?:projects\/[a-z][-a-z0-9.:]{0,61}[a-z0-9]\/global\/networks\/)?[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/,
  'a VPC network name such as default, projects/PROJECT/global/networks/NAME, or its self link');

/**
 * The region of a location: the location itself for a region, the region part for a zone
 * (`us-east1-b` → `us-east1`). A token passes through unchanged.
 */
export function regionOfLocation(location: string): string {
  return !Token.isUnresolved(location) && ZONE.test(location) ? location.replace(/-[a-z]$/, '') : location;
}
