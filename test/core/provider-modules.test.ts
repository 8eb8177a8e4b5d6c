import { spawnSync } from 'child_process';
import * as path from 'path';
import { cronJobV1Module, deploymentV1Module, jobV1Module } from '../../lib/core/provider-modules';

const root = path.join(__dirname, '..', '..');
const LAZY_MODULES = ['@cdktf/provider-kubernetes/lib/cron-job-v1', '@cdktf/provider-kubernetes/lib/deployment-v1', '@cdktf/provider-kubernetes/lib/job-v1'];

/** The provider modules a fresh node process has loaded after importing the library's index. */
function providerModulesLoadedByIndex(): string[] {
  const result = spawnSync(process.execPath, ['-r', path.join(root, 'scripts', 'register-ts.js'), '-e',
    "require('./lib'); process.stdout.write(JSON.stringify(Object.keys(require.cache)))"], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return (JSON.parse(result.stdout) as string[])
    .map((file) => /node_modules\/(@cdktf\/provider-[a-z-]+\/lib\/[a-z0-9-]+)\//.exec(file)?.[1])
    .filter((name): name is string => name !== undefined);
}

describe('provider modules loaded on first use', () => {
  it('are not loaded by importing the library', () => {
    const loaded = providerModulesLoadedByIndex();
    expect(loaded).toContain('@cdktf/provider-google/lib/container-cluster'); // the probe sees eager imports
    expect(loaded.filter((name) => LAZY_MODULES.includes(name))).toEqual([]);
  });

  it('load the classes the constructs create', () => {
    expect(typeof cronJobV1Module().CronJobV1).toBe('function');
    expect(typeof deploymentV1Module().DeploymentV1).toBe('function');
    expect(cronJobV1Module().CronJobV1.tfResourceType).toBe('kubernetes_cron_job_v1');
    expect(deploymentV1Module().DeploymentV1.tfResourceType).toBe('kubernetes_deployment_v1');
    expect(jobV1Module().JobV1.tfResourceType).toBe('kubernetes_job_v1');
  });
});
