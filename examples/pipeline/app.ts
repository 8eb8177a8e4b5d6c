import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CiPlatform, DeployerIdentity, GcpProject, ProjectServices, SecurityChecks, StateBucket } from '../../lib';
import { buildApp as buildBlueprint } from '../secure-mesh/app';

/** The example's values; github-actions-deploy.yml repeats the deployer's, and the pipeline test checks they match. */
export const PIPELINE = {
  project: new GcpProject({ id: 'demo-proj', number: '123456789012' }),
  region: 'us-east1',
  repository: 'example-org/platform-infra',
  /** The repository's and its owner's numeric ids (GitHub API: `id` and `owner.id` of the repository). */
  repositoryId: '812345678',
  repositoryOwnerId: '91234567',
  /** The protected environment of the deploy job: only its jobs may impersonate the deployer. */
  environment: 'production',
  stateBucket: 'demo-proj-tfstate',
};

/**
 * A keyless deploy pipeline for the blueprint: the blueprint's stacks keep their state in a versioned
 * bucket, and a `bootstrap` stack (applied once by an administrator) holds that bucket, the Workload
 * Identity Federation pool and GitHub provider pinned to one repository by its numeric ids, the deployer
 * service account, whose custom role holds exactly the permissions of the blueprint's resource types and
 * which only jobs of the protected `production` environment may impersonate, and a read-only planner for
 * pull requests. The CI workflow is github-actions-deploy.yml.
 * The blueprint is imported in one line; the deployer adapts to whichever stacks it builds.
 */
export function buildApp(app: App): void {
  buildBlueprint(app);
  const { project, region } = PIPELINE;
  const deployed = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));

  const bootstrap = new TerraformStack(app, 'bootstrap');
  new GoogleProvider(bootstrap, 'google', { project: project.id, region });
  const apis = new ProjectServices(bootstrap, 'apis', {
    project,
    services: [...DeployerIdentity.REQUIRED_SERVICES, 'storage.googleapis.com', 'serviceusage.googleapis.com'],
  });
  const state = new StateBucket(bootstrap, 'state', { project, name: PIPELINE.stateBucket, location: region });
  deployed.forEach((stack) => state.backendFor(stack));

  const deployer = new DeployerIdentity(bootstrap, 'deployer', {
    project,
    ci: CiPlatform.GITHUB_ACTIONS,
    repository: PIPELINE.repository,
    repositoryId: PIPELINE.repositoryId,
    repositoryOwnerId: PIPELINE.repositoryOwnerId,
    deployGate: { environment: PIPELINE.environment },
    planner: {},
    apis,
    stateBucket: state,
  });
  // Last, once every stack exists: derive and grant the permissions, printed one line per role at synth.
  deployer.grantRolesFor(app);

  // The rule pack checks every stack, bootstrap included; its errors fail `cdktf synth` in the pipeline.
  SecurityChecks.applyTo(app);
}
