import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { reportInputError } from './errors';
import { NameRule } from './names';

/** Keys and values of Google Cloud resource labels (https://cloud.google.com/resource-manager/docs/labels-overview). */
const GCP_LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const GCP_LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;
const GCP_MAX_LABELS = 64;

/** Reports every label that breaks Google Cloud's label rules; tokens pass. */
export function checkGcpLabels(scope: IConstruct, field: string, labels: { [key: string]: string } | undefined): void {
  if (labels === undefined || Token.isUnresolved(labels) || typeof labels !== 'object') return;
  const entries = Object.entries(labels);
  if (entries.length > GCP_MAX_LABELS) {
    reportInputError(scope, field, `${entries.length} labels`, `must hold at most ${GCP_MAX_LABELS} labels. Fix: drop ${entries.length - GCP_MAX_LABELS}`);
  }
  for (const [key, value] of entries) {
    if (Token.isUnresolved(key)) continue;
    if (!GCP_LABEL_KEY.test(key)) {
      reportInputError(scope, `${field} key`, key, 'must be 1-63 lowercase letters, digits, "_" and "-", starting with a lowercase letter (Google Cloud label keys)');
    }
    if (typeof value === 'string' && !Token.isUnresolved(value) && !GCP_LABEL_VALUE.test(value)) {
      reportInputError(scope, `${field}.${key}`, value, 'must be at most 63 lowercase letters, digits, "_" and "-" (Google Cloud label values)');
    }
  }
}

const K8S_NAME_PART = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const K8S_PREFIX = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)*$/;

/** Whether `key` is a Kubernetes label or annotation key: an optional DNS subdomain prefix and `/`, then a name. */
export function isKubernetesLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  return (prefix === undefined || (prefix.length <= 253 && K8S_PREFIX.test(prefix))) && K8S_NAME_PART.test(name);
}

/** Reports every label that breaks the Kubernetes label syntax (keys: [prefix/]name; values: 0-63 characters); tokens pass. */
export function checkKubernetesLabels(scope: IConstruct, field: string, labels: { [key: string]: string } | undefined): void {
  if (labels === undefined || Token.isUnresolved(labels) || typeof labels !== 'object') return;
  for (const [key, value] of Object.entries(labels)) {
    if (Token.isUnresolved(key)) continue;
    if (!isKubernetesLabelKey(key)) {
      reportInputError(scope, `${field} key`, key, 'must be a Kubernetes label key: an optional DNS subdomain prefix and "/", then 1-63 letters, ' +
        'digits, "-", "_" and ".", starting and ending with a letter or digit');
    }
    if (typeof value === 'string' && !Token.isUnresolved(value) && value !== '' && !K8S_NAME_PART.test(value)) {
      reportInputError(scope, `${field}.${key}`, value, 'must be a Kubernetes label value: empty, or 1-63 letters, digits, "-", "_" and ".", ' +
        'starting and ending with a letter or digit');
    }
  }
}

/** Reports a number that is not a whole number within [min, max]; tokens pass. */
export function checkWholeNumber(scope: IConstruct, field: string, value: number | undefined, min: number, max: number, why = ''): void {
  if (value === undefined || typeof value !== 'number' || Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    reportInputError(scope, field, value, `must be a whole number from ${min} to ${max}${why ? ` (${why})` : ''}`);
  }
}

/** Reports a value outside `allowed` (compared case-insensitively when `ignoreCase`); tokens pass. */
export function checkOneOf(scope: IConstruct, field: string, value: string | undefined, allowed: readonly string[], ignoreCase = false): void {
  if (value === undefined || typeof value !== 'string' || Token.isUnresolved(value)) return;
  const norm = (v: string) => (ignoreCase ? v.toUpperCase() : v);
  if (!allowed.some((a) => norm(a) === norm(value))) {
    reportInputError(scope, field, value, `must be one of ${allowed.join(', ')}`);
  }
}

/** Reports the second and later occurrences of a literal value in a list, by index; tokens pass. */
export function checkNoRepeats(scope: IConstruct, field: string, values: readonly string[] | undefined): void {
  if (values === undefined || !Array.isArray(values) || Token.isUnresolved(values)) return;
  values.forEach((value, i) => {
    if (!Token.isUnresolved(value) && values.indexOf(value) !== i) {
      reportInputError(scope, `${field}[${i}]`, value, `repeats ${field}[${values.indexOf(value)}]: each value must appear once. Fix: remove ${field}[${i}]`);
    }
  });
}

/** Reports every literal entry of a list that breaks `rule`, by index; tokens pass. */
export function checkNames(scope: IConstruct, field: string, values: readonly string[] | undefined, rule: NameRule): void {
  if (values === undefined || !Array.isArray(values) || Token.isUnresolved(values)) return;
  values.forEach((value, i) => {
    if (typeof value === 'string' && !Token.isUnresolved(value) && !rule.test(value)) reportInputError(scope, `${field}[${i}]`, value, `must be ${rule.description}`);
  });
}

/** Reports environment variable names Kubernetes refuses (with "=", empty, or not printable ASCII); tokens pass. */
export function checkEnvNames(scope: IConstruct, env: { [name: string]: string } | undefined, field = 'env'): void {
  if (env === undefined || Token.isUnresolved(env) || typeof env !== 'object') return;
  for (const name of Object.keys(env)) {
    if (!Token.isUnresolved(name) && !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) {
      reportInputError(scope, `${field} name`, name, 'must be letters, digits, "-", "_" and ".", not starting with a digit (a C identifier such as HTTP_PORT is portable)');
    }
  }
}

/** Reports a time zone that is not an IANA name the Node.js runtime knows (such as Etc/UTC or Europe/Berlin); tokens pass. */
export function checkTimeZone(scope: IConstruct, timeZone: string | undefined, field = 'timeZone'): void {
  if (timeZone === undefined || typeof timeZone !== 'string' || Token.isUnresolved(timeZone)) return;
  let known = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/.test(timeZone);
  try {
    if (known) new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    known = false;
  }
  if (!known) {
    reportInputError(scope, field, timeZone, 'must be an IANA time zone name such as Etc/UTC, Europe/Berlin or America/New_York (the tz database Kubernetes reads)');
  }
}
