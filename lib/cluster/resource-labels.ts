import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { inputError } from '../core/errors';

/** Google Cloud allows at most 64 labels on a resource. */
const MAX_LABELS = 64;
const LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

/**
 * Throws an input error unless `labels` follow Google Cloud's label rules (as the Compute Engine and GKE
 * APIs apply them): at most 64 labels; keys of 1-63 lowercase letters, digits, `_` and `-`, starting with
 * a letter; values of 0-63 of the same characters. Unresolved tokens pass.
 */
export function checkResourceLabels(scope: IConstruct, field: string, labels: { [key: string]: string } | undefined): void {
  if (labels === undefined || Token.isUnresolved(labels)) return;
  const entries = Object.entries(labels);
  if (entries.length > MAX_LABELS) {
    throw inputError(scope, field, `${entries.length} labels`, `may hold at most ${MAX_LABELS} labels (a Google Cloud limit); drop some`);
  }
  for (const [key, value] of entries) {
    if (!Token.isUnresolved(key) && !LABEL_KEY.test(key)) {
      throw inputError(scope, `${field} key`, key,
        'must be a Google Cloud label key: 1-63 lowercase letters, digits, "_" and "-", starting with a lowercase letter, ' +
        `such as ${suggestedKey(key)}`);
    }
    if (!Token.isUnresolved(value) && !LABEL_VALUE.test(value)) {
      throw inputError(scope, `${field}.${key}`, value,
        'must be a Google Cloud label value: at most 63 lowercase letters, digits, "_" and "-" (may be empty), ' +
        `such as ${JSON.stringify(suggestedValue(value))}`);
    }
  }
}

function suggestedValue(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9_-]/g, '-').slice(0, 63);
}

function suggestedKey(key: string): string {
  const value = suggestedValue(key);
  return JSON.stringify(/^[a-z]/.test(value) ? value : `l-${value}`.slice(0, 63));
}
