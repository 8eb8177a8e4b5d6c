// Public API of cdktf-gke-secure-mesh: re-exports only.
export * from './core/gcp-project';
export * from './cluster/project-services';
export * from './cluster/release-channel';
export * from './cluster/workload-metadata';
export * from './cluster/artifact-registry-access';
export * from './cluster/node-service-account';
export * from './cluster/node-taint';
export * from './cluster/cluster-ref';
export * from './cluster/cluster-props';
export * from './cluster/cluster-base';
export * from './cluster/workload-identity-cluster';
export * from './cluster/autopilot-cluster';
export * from './cluster/concealed-node-pool';
export * from './identity/workload-principal';
export * from './cluster/adopted-cluster';
export * from './cluster/adopted-node-pool';
