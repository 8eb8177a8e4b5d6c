import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { inputError, repeatedValueError } from '../core/errors';
import { checkPort, MESH_HOSTNAME } from '../core/names';
import { AuthorizationRule } from './authorization-rule';

/** Principals that match every peer: `*`, `**`, `spiffe://*`. */
const ANY_PRINCIPAL = /^(\*+|spiffe:\/\/\*+)$/;
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE'];

/** Throws an input error naming the first part of `rule` the API would reject or that allows nothing. */
export function checkAuthorizationRule(scope: IConstruct, rule: AuthorizationRule): void {
  nonEmpty(scope, 'principals', rule.principals);
  rule.principals.forEach((principal, i) => {
    if (Token.isUnresolved(principal)) return;
    if (ANY_PRINCIPAL.test(principal)) {
      throw inputError(scope, `principals[${i}]`, principal, 'admits every peer, in any trust domain: name the callers by SPIFFE id ' +
        '(spiffe://PROJECT_ID.svc.id.goog/ns/NAMESPACE/sa/KSA), or a namespace (spiffe://PROJECT_ID.svc.id.goog/ns/NAMESPACE/*)');
    }
    if (!/^(spiffe:\/\/\S+|\*\S+|\S+\*)$/.test(principal)) {
      throw inputError(scope, `principals[${i}]`, principal, 'must be a SPIFFE id (spiffe://…), or a prefix or suffix pattern with *');
    }
  });
  nonEmpty(scope, 'methods', rule.methods);
  noRepeats(scope, 'methods', rule.methods);
  (Token.isUnresolved(rule.methods) ? [] : rule.methods).forEach((method, i) => {
    if (!Token.isUnresolved(method) && !HTTP_METHODS.includes(method)) {
      throw inputError(scope, `methods[${i}]`, method, `must be an upper-case HTTP method: ${HTTP_METHODS.join(', ')}`);
    }
  });
  nonEmpty(scope, 'hosts', rule.hosts);
  noRepeats(scope, 'hosts', rule.hosts);
  rule.hosts.forEach((host, i) => checkHostPattern(scope, `hosts[${i}]`, host));
  nonEmpty(scope, 'ports', rule.ports);
  noRepeats(scope, 'ports', rule.ports);
  rule.ports.forEach((port, i) => checkPort(scope, `ports[${i}]`, port));
  if (rule.headerMatch) {
    if (rule.headerMatch.headerName === '') throw inputError(scope, 'headerMatch.headerName', '', 'must name a header');
    checkRegex(scope, rule.headerMatch.regexMatch);
  }
}

/** `*`, `prefix.*`, or a host name (optionally `*.suffix`). */
function checkHostPattern(scope: IConstruct, field: string, host: string): void {
  if (Token.isUnresolved(host) || host === '*') return;
  const name = host.endsWith('.*') ? host.slice(0, -2) : host;
  if (!MESH_HOSTNAME.test(name)) {
    throw inputError(scope, field, host, `must be * or a host pattern: ${MESH_HOSTNAME.description}, or such a name followed by ".*"`);
  }
}

function checkRegex(scope: IConstruct, regex: string): void {
  if (Token.isUnresolved(regex)) return;
  try {
    new RegExp(regex);
  } catch (e) {
    throw inputError(scope, 'headerMatch.regexMatch', regex, `must be a valid regular expression (${(e as Error).message})`);
  }
  const unsupported = RE2_UNSUPPORTED.find(([pattern]) => pattern.test(regex));
  if (unsupported) {
    throw inputError(scope, 'headerMatch.regexMatch', regex, `must be an RE2 regular expression, as Envoy matches headers with RE2: ` +
      `${unsupported[1]} is not supported (https://github.com/google/re2/wiki/Syntax). Fix: rewrite it without ${unsupported[1]}`);
  }
}

/** JavaScript regular expression features RE2 refuses, found by linear scans. */
const RE2_UNSUPPORTED: [RegExp, string][] = [
  [/\(\?<?[=!]/, 'a lookahead or lookbehind such as (?=…) or (?<=…)'],
  [/\\[1-9]/, 'a backreference such as \\1'],
  [/\\k</, 'a named backreference \\k<name>'],
  [/\(\?>/, 'an atomic group (?>…)'],
  [/[*+?}][+]/, 'a possessive quantifier such as a*+'],
];

function nonEmpty(scope: IConstruct, field: string, values: readonly unknown[]): void {
  if (!Array.isArray(values)) throw inputError(scope, field, values, 'must be a list');
  if (values.length === 0) throw inputError(scope, field, values, 'must list at least one value: an empty list matches nothing');
}

function noRepeats(scope: IConstruct, field: string, values: readonly unknown[]): void {
  if (Token.isUnresolved(values)) return;
  const repeated = values.find((v, i) => values.indexOf(v) !== i);
  if (repeated !== undefined) throw repeatedValueError(scope, field, repeated);
}
