import { PathMatch } from './path-match';

/** A header condition of an authorization rule. */
export interface AuthorizationHeaderMatch {
  /** The header name; `:authority` and `:method` match the request's authority and method. */
  readonly headerName: string;
  /** An ECMAScript regular expression the header value must match. */
  readonly regexMatch: string;
}

/** Options of {@link SecureMeshService.allow}: what the allowed principal may request. */
export interface AllowOptions {
  /** The HTTP methods allowed, such as `['GET']`. Listing them is required: there is no "any method". */
  readonly methods: string[];
  /**
   * The host names (`:authority`) allowed: exact names, `*.suffix`, `prefix.*`, or `*` for any host.
   * @default - the service's host names
   */
  readonly hosts?: string[];
  /**
   * The destination ports allowed.
   * @default - the service's application port
   */
  readonly ports?: number[];
  /**
   * The request paths allowed: `PathMatch.exact('/healthz')`, `PathMatch.prefix('/api/')` or
   * `PathMatch.regex('/orders/[0-9]+')`; a request matching any of them is allowed. Written as a `:path`
   * header match (`http_header_match`), so it cannot be combined with `headerMatch`.
   * @default - every path
   */
  readonly paths?: PathMatch[];
  /**
   * A header the request must also match. The policy holds one header condition per rule, so this cannot
   * be combined with `paths`.
   * @default - no header condition
   */
  readonly headerMatch?: AuthorizationHeaderMatch;
}

/** One rule of an authorization policy: who (SPIFFE ids) may send which requests. */
export interface AuthorizationRule {
  /** The peer identities, SPIFFE ids such as `spiffe://PROJECT.svc.id.goog/ns/NS/sa/KSA`. */
  readonly principals: string[];
  /** The host names allowed (see {@link AllowOptions.hosts}). */
  readonly hosts: string[];
  /** The destination ports. */
  readonly ports: number[];
  /** The HTTP methods. */
  readonly methods: string[];
  /**
   * A header the request must also match.
   * @default - no header condition
   */
  readonly headerMatch?: AuthorizationHeaderMatch;
}
