import { Annotations, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { reportInputError } from './errors';

/**
 * The public Google Cloud regions and the letters of their standard zones, as Google's "Regions and zones"
 * page lists them (https://cloud.google.com/compute/docs/regions-zones, "Available regions and zones";
 * checked against it on 2026-11-28, which added asia-southeast3, Bangkok). AI zones (such as
 * us-west4-ai2b), and regions opened later, are accepted when listed in the app context
 * {@link ADDITIONAL_LOCATIONS_CONTEXT}, with a warning.
 */
export const GCP_REGION_ZONES: Readonly<Record<string, string>> = {
  'africa-south1': 'abc',
  'asia-east1': 'abc', 'asia-east2': 'abc', 'asia-northeast1': 'abc', 'asia-northeast2': 'abc', 'asia-northeast3': 'abc',
  'asia-south1': 'abc', 'asia-south2': 'abc', 'asia-southeast1': 'abc', 'asia-southeast2': 'abc', 'asia-southeast3': 'abc',
  'australia-southeast1': 'abc', 'australia-southeast2': 'abc',
  'europe-central2': 'abc', 'europe-north1': 'abc', 'europe-north2': 'abc', 'europe-southwest1': 'abc', 'europe-west1': 'bcd',
  'europe-west2': 'abc', 'europe-west3': 'abc', 'europe-west4': 'abc', 'europe-west6': 'abc', 'europe-west8': 'abc',
  'europe-west9': 'abc', 'europe-west10': 'abc', 'europe-west12': 'abc',
  'me-central1': 'abc', 'me-central2': 'abc', 'me-west1': 'abc',
  'northamerica-northeast1': 'abc', 'northamerica-northeast2': 'abc', 'northamerica-south1': 'abc',
  'southamerica-east1': 'abc', 'southamerica-west1': 'abc',
  'us-central1': 'abcf', 'us-east1': 'bcd', 'us-east4': 'abc', 'us-east5': 'abc', 'us-south1': 'abc',
  'us-west1': 'abc', 'us-west2': 'abc', 'us-west3': 'abc', 'us-west4': 'abc',
};

/**
 * App context key (`cdktf.json` `context`, or `app.node.setContext`) listing regions or zones opened after
 * this library's list, such as `["europe-west15", "europe-west15-a"]`. Each is accepted with a warning.
 */
export const ADDITIONAL_LOCATIONS_CONTEXT = 'cdktf-gke-secure-mesh:additionalLocations';

const LOCATIONS_SOURCE = 'https://cloud.google.com/compute/docs/regions-zones';

/** The regions of {@link GCP_REGION_ZONES}, or of `list` when given. */
function isKnown(location: string, kind: 'region' | 'zone' | 'region or zone', regions: readonly string[]): boolean {
  const zone = /^(.+)-([a-z])$/.exec(location);
  const asZone = zone !== null && regions.includes(zone[1]) && (GCP_REGION_ZONES[zone[1]] ?? 'abcdef').includes(zone[2]);
  const asRegion = regions.includes(location);
  return kind === 'region' ? asRegion : kind === 'zone' ? asZone : asRegion || asZone;
}

function additionalLocations(scope: IConstruct): string[] {
  const listed: unknown = scope.node.tryGetContext(ADDITIONAL_LOCATIONS_CONTEXT);
  return Array.isArray(listed) ? listed.filter((l): l is string => typeof l === 'string') : [];
}

/**
 * Whether the app context {@link ADDITIONAL_LOCATIONS_CONTEXT} lists `location`; if so, warns on `scope` that
 * the location is accepted outside the library's list.
 */
export function acceptAdditionalLocation(scope: IConstruct, field: string, location: string, source: string): boolean {
  if (!additionalLocations(scope).includes(location)) return false;
  Annotations.of(scope).addWarning(`${field} "${location}" is not in this library's list of locations (${source}); ` +
    `accepted because the app context ${ADDITIONAL_LOCATIONS_CONTEXT} lists it`);
  return true;
}

/**
 * Reports an input error unless `location` is a real region or zone (of `regions`, all public regions by
 * default), or is listed in the {@link ADDITIONAL_LOCATIONS_CONTEXT} context (then a warning). Tokens pass.
 */
export function checkKnownLocation(scope: IConstruct, field: string, location: string | undefined,
  kind: 'region' | 'zone' | 'region or zone', regions: readonly string[] = Object.keys(GCP_REGION_ZONES), source = LOCATIONS_SOURCE): void {
  if (location === undefined || typeof location !== 'string' || Token.isUnresolved(location)) return;
  if (isKnown(location, kind, regions) || acceptAdditionalLocation(scope, field, location, source)) return;
  const example = kind === 'zone' ? 'us-east1-b' : 'us-east1';
  reportInputError(scope, field, location, `must be a ${kind} that exists, such as ${example} (${source}). ` +
    `Fix: use a listed ${kind}, or, for a ${kind} opened after this release, add it to the app context "${ADDITIONAL_LOCATIONS_CONTEXT}"`);
}
