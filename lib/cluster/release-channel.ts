/**
 * A GKE release channel. Enrolment lets Google upgrade the control plane and nodes with tested
 * versions; leaving a cluster unenrolled is a hardening finding.
 */
export class ReleaseChannel {
  /** Newest versions first; for test clusters. */
  public static readonly RAPID = new ReleaseChannel('RAPID');
  /** The balance of features and stability; the default. */
  public static readonly REGULAR = new ReleaseChannel('REGULAR');
  /** Versions that have been in REGULAR for a while. */
  public static readonly STABLE = new ReleaseChannel('STABLE');
  /** Long support for one minor version. */
  public static readonly EXTENDED = new ReleaseChannel('EXTENDED');

  /** The value of `release_channel.channel`. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}
