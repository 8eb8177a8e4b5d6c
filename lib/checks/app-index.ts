// The rule pack reads the app through the shared index of lib/core (also used by the access report and the
// deployer's role derivation).
export { AppIndex, appendTo, providerAddressOf, resolvedFragment } from '../core/app-index';
export type { ReferenceTarget, TfResource } from '../core/app-index';
