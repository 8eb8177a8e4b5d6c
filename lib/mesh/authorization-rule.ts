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
   * A header the request must also match.
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
