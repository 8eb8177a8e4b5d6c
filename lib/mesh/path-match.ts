import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { inputError, repeatedValueError } from '../core/errors';

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;
/** Constructs Envoy's RE2 engine does not support: lookaround and backreferences. */
const NOT_RE2 = /\(\?[=!<]|\\[1-9]/;
/** What may follow a path in the `:path` header: the query string. */
const OPTIONAL_QUERY = '(?:\\?.*)?';

/**
 * How a request path is matched, in authorization rules ({@link AllowOptions.paths}) and gateway routes:
 * the whole path, a prefix, or an RE2 regular expression over the whole path. The query string is never
 * part of the match.
 */
export class PathMatch {
  /** Exactly this path, such as `/healthz` (a query string may follow). */
  public static exact(path: string): PathMatch {
    return new PathMatch('exact', path);
  }

  /** Every path starting with `prefix`, such as `/api/` (a plain string prefix: `/api` also matches `/apiary`). */
  public static prefix(prefix: string): PathMatch {
    return new PathMatch('prefix', prefix);
  }

  /** Every path the RE2 regular expression matches as a whole, such as `/orders/[0-9]+`. */
  public static regex(regex: string): PathMatch {
    return new PathMatch('regex', regex);
  }

  /** `exact`, `prefix` or `regex`. */
  public readonly kind: string;
  /** The path, prefix or regular expression. */
  public readonly value: string;

  private constructor(kind: string, value: string) {
    this.kind = kind;
    this.value = value;
  }

  /** The RE2 expression, anchored, that the `:path` header (path and query) matches exactly when this path does. */
  public get headerRegex(): string {
    return `^${this.pathRegex}${OPTIONAL_QUERY}$`;
  }

  /** A readable form, such as `prefix /api/`. */
  public toString(): string {
    return `${this.kind} ${this.value}`;
  }

  /** The unanchored RE2 expression of the path alone (no query string). */
  public get pathRegex(): string {
    return this.kind === 'regex' ? `(?:${this.value})` : `${escapeRegex(this.value)}${this.kind === 'prefix' ? '.*' : ''}`;
  }
}

/**
 * The `:path` header expression that matches any of `paths` (query string allowed), for an authorization
 * rule's `http_header_match`.
 */
export function pathsHeaderRegex(paths: PathMatch[]): string {
  if (paths.length === 1) return paths[0].headerRegex;
  return `^(?:${paths.map((p) => p.pathRegex).join('|')})${OPTIONAL_QUERY}$`;
}

/** Throws an input error naming the first path match that is not a path or a usable RE2 expression. */
export function checkPathMatches(scope: IConstruct, field: string, paths: PathMatch[]): void {
  if (paths.length === 0) {
    throw inputError(scope, field, [], 'must list at least one path match, or be left out to allow every path');
  }
  paths.forEach((path, i) => {
    const where = `${field}[${i}]`;
    if (Token.isUnresolved(path.value)) return;
    if (paths.findIndex((p) => p.kind === path.kind && p.value === path.value) !== i) {
      throw repeatedValueError(scope, where, path.toString());
    }
    if (path.kind === 'regex') {
      checkRe2(scope, where, path.value);
    } else if (!/^\/[^\s?#]*$/.test(path.value)) {
      throw inputError(scope, where, path.toString(),
        'must be a path starting with "/", without spaces, "?" or "#" (the query string is never matched), such as /api/');
    }
  });
}

function checkRe2(scope: IConstruct, field: string, regex: string): void {
  try {
    new RegExp(regex);
  } catch (e) {
    throw inputError(scope, field, `regex ${regex}`, `must be a valid regular expression (${(e as Error).message})`);
  }
  if (NOT_RE2.test(regex)) {
    throw inputError(scope, field, `regex ${regex}`,
      'uses lookaround or a backreference, which RE2 (the engine of Envoy and the mesh APIs) does not support; rewrite it without them');
  }
  if (regex.startsWith('^') || regex.endsWith('$')) {
    throw inputError(scope, field, `regex ${regex}`, `is always matched against the whole path; drop the anchors: PathMatch.regex('${regex.replace(/^\^|\$$/g, '')}')`);
  }
}

function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIALS, '\\$&');
}
