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
  if (!rule.test(value)) throw inputError(scope, field, value, `must be ${rule.description}`);
}
