import { runsAtLeast } from './gke-version';

/**
 * Facts about GKE that both the constructs and the rule pack rely on, written once (Guide 000, "Pod が
 * Google Cloud で認証されない", and the metadata protection guide).
 */

/** The Kubernetes service account annotation that names the Google service account a KSA acts as. */
export const GCP_SERVICE_ACCOUNT_ANNOTATION = 'iam.gke.io/gcp-service-account';

/** The address pods use for the metadata server (`GCE_METADATA_HOST`, `metadata.google.internal`). */
export const METADATA_SERVER_ADDRESS = '169.254.169.254';

/** The GKE version from which the metadata server listens on 169.254.169.252:988 instead of 127.0.0.1:988. */
export const LINK_LOCAL_METADATA_VERSION = '1.21.0-gke.1000';

/** One address and port through which pods reach the GKE metadata server, as network policy sees it. */
export interface MetadataServerAddress {
  /** The destination address. */
  readonly ip: string;
  /** The destination TCP port. */
  readonly port: number;
  /** Why the endpoint is needed. */
  readonly reason: string;
}

/** The metadata server on GKE 1.21.0-gke.1000 and later. */
export const LINK_LOCAL_METADATA_ENDPOINT: MetadataServerAddress = {
  ip: '169.254.169.252', port: 988, reason: `GKE metadata server on GKE ${LINK_LOCAL_METADATA_VERSION} and later`,
};
/** The metadata server before GKE 1.21.0-gke.1000. */
export const LOOPBACK_METADATA_ENDPOINT: MetadataServerAddress = {
  ip: '127.0.0.1', port: 988, reason: `GKE metadata server before GKE ${LINK_LOCAL_METADATA_VERSION}`,
};
/** The metadata address as GKE Dataplane V2 policies see it, before it is rewritten. */
export const DATAPLANE_V2_METADATA_ENDPOINT: MetadataServerAddress = {
  ip: METADATA_SERVER_ADDRESS, port: 80, reason: 'metadata address as GKE Dataplane V2 policies see it',
};

/** What is known of a cluster's network path to the metadata server. */
export interface MetadataServerPath {
  /** Whether the cluster runs GKE Dataplane V2; undefined when unknown. */
  readonly dataplaneV2?: boolean;
  /** The pinned minimum control-plane version; undefined means the release channel's (current) version. */
  readonly controlPlaneVersion?: string;
}

/**
 * Every endpoint an egress policy opens so pods of the cluster reach the metadata server: the version's
 * port-988 endpoint (both when the version is older or unknown) and, on Dataplane V2, port 80 of
 * 169.254.169.254. Opening the port-988 endpoint on Dataplane V2 as well keeps pods working whichever path
 * the node's datapath takes.
 */
export function metadataServerEndpointsToOpen(cluster: MetadataServerPath): MetadataServerAddress[] {
  const endpoints = [LINK_LOCAL_METADATA_ENDPOINT];
  if (!runsAtLeast(cluster.controlPlaneVersion, LINK_LOCAL_METADATA_VERSION)) endpoints.push(LOOPBACK_METADATA_ENDPOINT);
  if (cluster.dataplaneV2) endpoints.push(DATAPLANE_V2_METADATA_ENDPOINT);
  return endpoints;
}

/**
 * The endpoints of which an egress policy must allow at least one, or Workload Identity times out (the
 * troubleshooting guide, check 6): on Dataplane V2 port 80 of 169.254.169.254 ("must allow"), whose policies
 * see the address before it is rewritten, so allowing only 169.254.169.252:988 there is not enough; on other
 * datapaths 169.254.169.252:988 or 127.0.0.1:988; any of the three when the datapath is unknown.
 * {@link metadataServerEndpointsToOpen} always includes one of them.
 */
export function metadataServerEndpointsRequired(dataplaneV2: boolean | undefined): MetadataServerAddress[] {
  if (dataplaneV2 === true) return [DATAPLANE_V2_METADATA_ENDPOINT];
  if (dataplaneV2 === false) return [LINK_LOCAL_METADATA_ENDPOINT, LOOPBACK_METADATA_ENDPOINT];
  return [DATAPLANE_V2_METADATA_ENDPOINT, LINK_LOCAL_METADATA_ENDPOINT, LOOPBACK_METADATA_ENDPOINT];
}
