import type * as cronJobV1 from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import type * as deploymentV1 from '@cdktf/provider-kubernetes/lib/deployment-v1';
import type * as jobV1 from '@cdktf/provider-kubernetes/lib/job-v1';

// The largest provider modules the library uses, loaded when a construct first creates one of their
// resources instead of when the library is imported. Each is about 5 MB of JavaScript and costs a process
// 60 to 80 ms and 17 MB to load; importing the library's index must not make every app pay for them
// (docs/performance.md). Other provider classes are small and imported as usual; import the types of
// these modules with `import type`, so that only the functions below load them.

/** `@cdktf/provider-kubernetes/lib/cron-job-v1`, loaded on first use (WorkloadCronJob). */
export function cronJobV1Module(): typeof cronJobV1 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return require('@cdktf/provider-kubernetes/lib/cron-job-v1');
}

/** `@cdktf/provider-kubernetes/lib/deployment-v1`, loaded on first use (MeshWorkload, MeshDemoClient, MeshGatewayProxy). */
export function deploymentV1Module(): typeof deploymentV1 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return require('@cdktf/provider-kubernetes/lib/deployment-v1');
}

/** `@cdktf/provider-kubernetes/lib/job-v1`, loaded on first use (verification Jobs). */
export function jobV1Module(): typeof jobV1 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return require('@cdktf/provider-kubernetes/lib/job-v1');
}
