/**
 * Annotations GKE's controllers write on the Kubernetes objects the library creates, as the regular
 * expressions of the kubernetes provider's `ignore_annotations`. The provider (2.38.0) drops a key from
 * what it reads when any expression matches part of it (`regexp.MatchString`), unless the configuration
 * sets that key; on its own it drops only `*.kubernetes.io` keys. Without these, every plan after GKE wrote
 * them would remove them again.
 *
 * - `cloud.google.com/neg-status`: the NEG controller records the NEGs and zones of every Service annotated
 *   `cloud.google.com/neg` (terraform-provider-kubernetes issue 445 shows the diff it causes).
 * - `cloud.google.com/neg`: on VPC-native clusters GKE adds `{"ingress":true}` to Services that do not set it
 *   (container-native load balancing is the default; terraform-provider-kubernetes pull request 930). A
 *   Service that sets the key itself keeps it managed.
 */
export const GKE_CONTROLLER_ANNOTATIONS: readonly string[] = [
  '^cloud\\.google\\.com/neg-status$',
  '^cloud\\.google\\.com/neg$',
];
