/**
 * The certificate provider plugin of GKE mesh certificates: Envoy reads the workload's CA Service
 * certificate and the trust bundle from it, both as its own identity and to validate its peer.
 */
export const MESH_CERTIFICATE_PLUGIN = 'google_cloud_private_spiffe';

/** `{ certificateProviderInstance: { pluginInstance: 'google_cloud_private_spiffe' } }`, the block every TLS policy uses. */
export function meshCertificateProvider(): { certificateProviderInstance: { pluginInstance: string } } {
  return { certificateProviderInstance: { pluginInstance: MESH_CERTIFICATE_PLUGIN } };
}
