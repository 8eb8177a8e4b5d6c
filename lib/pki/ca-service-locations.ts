import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { inputError } from '../core/errors';
import { acceptAdditionalLocation, ADDITIONAL_LOCATIONS_CONTEXT } from '../core/locations';
import { regionOfLocation } from '../core/names';

/**
 * The regions CA Service supports, from Google's "CA Service locations" page
 * (https://cloud.google.com/certificate-authority-service/docs/locations), as the Cloud Service Mesh security
 * guide lists them; `gcloud privateca locations list` shows the current list. A region added later is accepted
 * with a warning when listed in the app context `cdktf-gke-secure-mesh:additionalLocations`.
 */
export const CA_SERVICE_REGIONS: readonly string[] = [
  'asia-east1', 'asia-east2', 'asia-northeast1', 'asia-northeast2', 'asia-northeast3', 'asia-south1', 'asia-south2',
  'asia-southeast1', 'asia-southeast2', 'australia-southeast1', 'australia-southeast2',
  'europe-central2', 'europe-north1', 'europe-southwest1', 'europe-west1', 'europe-west2', 'europe-west3',
  'europe-west4', 'europe-west6', 'europe-west8', 'europe-west9', 'europe-west10', 'europe-west12',
  'me-central1', 'me-central2', 'me-west1',
  'northamerica-northeast1', 'northamerica-northeast2', 'southamerica-east1', 'southamerica-west1',
  'us-central1', 'us-east1', 'us-east4', 'us-east5', 'us-south1', 'us-west1', 'us-west2', 'us-west3', 'us-west4',
];

/**
 * Throws an input error unless `location` is a CA Service region or listed in the app context
 * `cdktf-gke-secure-mesh:additionalLocations` (then a warning); unresolved tokens pass.
 */
export function checkCaServiceLocation(scope: IConstruct, field: string, location: string): void {
  if (Token.isUnresolved(location) || CA_SERVICE_REGIONS.includes(location)) return;
  if (acceptAdditionalLocation(scope, field, location, CA_SERVICE_LOCATIONS_SOURCE)) return;
  throw inputError(scope, field, location, `must be a region CA Service supports: ${CA_SERVICE_REGIONS.join(', ')} ` +
    `(${CA_SERVICE_LOCATIONS_SOURCE}; \`gcloud privateca locations list\` shows the current list). Fix: use a listed region, or, for a region ` +
    `CA Service opened after this release, add it to the app context "${ADDITIONAL_LOCATIONS_CONTEXT}"`);
}

const CA_SERVICE_LOCATIONS_SOURCE = 'https://cloud.google.com/certificate-authority-service/docs/locations';

/**
 * The region of a GKE cluster location: the location itself for a region, the region part for a zone
 * (`us-east1-b` → `us-east1`).
 */
export function regionOf(location: string): string {
  return regionOfLocation(location);
}
