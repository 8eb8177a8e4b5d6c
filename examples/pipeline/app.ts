import { App, TerraformStack } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CiPlatform, DeployerIdentity, GcpProject, ProjectServices, SecurityChecks, StateBucket } from '../../lib';
import { buildApp as buildBlueprint } from '../secure-mesh/app';

/** The example's values; github-actions-deploy.yml repeats the deployer's, and the pipeline test checks they match. */
export const PIPELINE = {
  project: new GcpProject({ id: 'demo-proj', number: '123456789012' }),
  region: 'us-east1',
  repository: 'example-org/platform-infra',
  stateBucket: 'demo-proj-tfstate',
};

/**
 * A keyless deploy pipeline for the blueprint: the blueprint's stacks keep their state in a versioned
 * bucket, and a `bootstrap` stack (applied once by an administrator) holds that bucket, the Workload
 * Identity Federation pool and GitHub provider pinned to one repository, and the deployer service account
 * whose roles are derived from the blueprint's stacks. The CI workflow is github-actions-deploy.yml.
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
    apis,
    stateBucket: state,
  });
  // Last, once every stack exists: derive and grant the roles, printed one per line at synth.
  deployer.grantRolesFor(app);

  // The rule pack checks every stack, bootstrap included; its errors fail `cdktf synth` in the pipeline.
  SecurityChecks.applyTo(app);
  SecurityChecks.suppress(deployer, 'IAM-2', 'The deployer creates and changes the resources of the deployed stacks, ' +
    'so it holds their admin roles; they are derived from those stacks, and project IAM admin is limited to the roles the app grants.');
}
