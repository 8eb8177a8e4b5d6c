import { PrivatecaCertificateAuthorityConfigX509Config } from '@cdktf/provider-google/lib/privateca-certificate-authority';

/**
 * The X.509 profile of the guide's root: `gcloud privateca roots create --max-chain-length=1`, which is
 * a CA certificate that signs certificates and CRLs, with at most one CA below it.
 */
export function rootCaX509Config(): PrivatecaCertificateAuthorityConfigX509Config {
  return {
    caOptions: { isCa: true, maxIssuerPathLength: 1 },
    keyUsage: {
      baseKeyUsage: { certSign: true, crlSign: true },
      extendedKeyUsage: {},
    },
  };
}

/**
 * The X.509 profile of gcloud's preset `subordinate_mtls_pathlen_0`: a CA that signs certificates and
 * CRLs for mTLS (server and client auth) and no CA below it. Path length zero needs
 * `zero_max_issuer_path_length`, since `max_issuer_path_length = 0` means unset.
 */
export function subordinateMtlsPathlen0X509Config(): PrivatecaCertificateAuthorityConfigX509Config {
  return {
    caOptions: { isCa: true, zeroMaxIssuerPathLength: true },
    keyUsage: {
      baseKeyUsage: { certSign: true, crlSign: true },
      extendedKeyUsage: { serverAuth: true, clientAuth: true },
    },
  };
}
