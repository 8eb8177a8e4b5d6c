import * as fc from 'fast-check';
import {
  DATAPLANE_V2_METADATA_ENDPOINT, LINK_LOCAL_METADATA_ENDPOINT, LOOPBACK_METADATA_ENDPOINT, metadataServerEndpointsRequired,
  metadataServerEndpointsToOpen,
} from '../../lib/core/gke-facts';

describe('the metadata-server endpoints', () => {
  it('require port 80 of 169.254.169.254 on Dataplane V2, the port-988 endpoints elsewhere, any when unknown', () => {
    expect(metadataServerEndpointsRequired(true)).toEqual([DATAPLANE_V2_METADATA_ENDPOINT]);
    expect(metadataServerEndpointsRequired(false)).toEqual([LINK_LOCAL_METADATA_ENDPOINT, LOOPBACK_METADATA_ENDPOINT]);
    expect(metadataServerEndpointsRequired(undefined).map((e) => `${e.ip}:${e.port}`))
      .toEqual(['169.254.169.254:80', '169.254.169.252:988', '127.0.0.1:988']);
  });

  it('open the version\'s port-988 endpoint and, on Dataplane V2, port 80 as well', () => {
    expect(metadataServerEndpointsToOpen({ dataplaneV2: true }).map((e) => `${e.ip}:${e.port}`)).toEqual(['169.254.169.252:988', '169.254.169.254:80']);
    expect(metadataServerEndpointsToOpen({ dataplaneV2: false, controlPlaneVersion: '1.20.15-gke.100' }).map((e) => `${e.ip}:${e.port}`))
      .toEqual(['169.254.169.252:988', '127.0.0.1:988']);
  });

  it('open at least one endpoint the rule pack requires, for every datapath and version (property)', () => {
    const version = fc.option(fc.tuple(fc.integer({ min: 1, max: 1 }), fc.integer({ min: 15, max: 33 }), fc.nat(20), fc.nat(3000))
      .map(([major, minor, patch, build]) => `${major}.${minor}.${patch}-gke.${build}`), { nil: undefined });
    fc.assert(fc.property(fc.boolean(), version, (dataplaneV2, controlPlaneVersion) => {
      const opened = metadataServerEndpointsToOpen({ dataplaneV2, controlPlaneVersion });
      expect(metadataServerEndpointsRequired(dataplaneV2).filter((e) => opened.includes(e)).length).toBeGreaterThan(0);
    }), { numRuns: 100 });
  });
});
