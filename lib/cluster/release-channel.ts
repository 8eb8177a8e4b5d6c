/**
 * A GKE release channel. Enrolment lets Google upgrade the control plane and nodes with tested
 * versions; leaving a cluster unenrolled is a hardening finding. Each value is `release_channel.channel`.
 */
export enum ReleaseChannel {
  /** Newest versions first; for test clusters. */
  RAPID = 'RAPID',
  /** The balance of features and stability; the default. */
  REGULAR = 'REGULAR',
  /** Versions that have been in REGULAR for a while. */
  STABLE = 'STABLE',
  /** Long support for one minor version. */
  EXTENDED = 'EXTENDED',
}
