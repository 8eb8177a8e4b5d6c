/** How a finding of the rule pack is treated. */
export enum SecuritySeverity {
  /** The deployment will fail or is insecure by the guides: `cdktf synth` fails until it is fixed or suppressed. */
  ERROR = 'error',
  /** A hardening gap or a risky but possible choice: printed; fix it or suppress it with a reason. */
  WARNING = 'warning',
  /**
   * A hardening option that is not used (checkov and trivy rate these LOW): recorded in the reports and
   * printed as an info annotation; it neither fails nor warns.
   */
  INFO = 'info',
}

/** A rule of the pack, as documented in docs/checks.md. */
export interface SecurityRuleInfo {
  /** The stable id, such as `WI-3`. */
  readonly id: string;
  /** The severity of its findings (some rules lower it for explicit opt-outs; the docs say which). */
  readonly severity: SecuritySeverity;
  /** What the rule checks, in one line. */
  readonly title: string;
  /** How to fix a finding. */
  readonly fix: string;
  /** The guide passage or benchmark the rule comes from. */
  readonly source: string;
}

/** One finding: a rule that a resource of the app breaks. */
export interface SecurityFinding {
  /** The rule id, such as `NODE-1`. */
  readonly ruleId: string;
  /** The severity of this finding. */
  readonly severity: SecuritySeverity;
  /** The id of the stack that synthesises the resource. */
  readonly stack: string;
  /** The Terraform address of the resource, such as `google_container_node_pool.pool`. */
  readonly resourceAddress: string;
  /** The construct path of the resource. */
  readonly constructPath: string;
  /** The one-line message: `[RULE-ID] <address>: <what, with the offending value>. Fix: <fix>`. */
  readonly message: string;
  /** The fix. */
  readonly fix: string;
  /** Whether a suppression with a reason covers the finding. */
  readonly suppressed: boolean;
  /**
   * The reason of the suppression.
   * @default - not suppressed
   */
  readonly suppressionReason?: string;
}
