import { Construct } from 'constructs';
import { NetworkSecurityServerTlsPolicy } from '@cdktf/provider-google/lib/network-security-server-tls-policy';
import { GcpProject } from '../core/gcp-project';
import { meshCertificateProvider } from './mesh-certificates';

/** Inputs of {@link meshServerTlsPolicy}. */
export interface MeshServerTlsPolicyInput {
  readonly project: GcpProject;
  readonly name: string;
  /** Require and validate client certificates (mTLS), or only present the server certificate (TLS). */
  readonly clientValidation: boolean;
  /** Accept plaintext connections as well. */
  readonly allowOpen: boolean;
  readonly description: string;
}

/**
 * A global server TLS policy on GKE mesh certificates: the server presents its workload certificate and,
 * for mTLS, validates the client's against the mesh trust bundle.
 */
export function meshServerTlsPolicy(scope: Construct, id: string, input: MeshServerTlsPolicyInput): NetworkSecurityServerTlsPolicy {
  return new NetworkSecurityServerTlsPolicy(scope, id, {
    project: input.project.id,
    name: input.name,
    location: 'global',
    description: input.description,
    allowOpen: input.allowOpen,
    serverCertificate: meshCertificateProvider(),
    mtlsPolicy: input.clientValidation ? { clientValidationCa: [meshCertificateProvider()] } : undefined,
  });
}
