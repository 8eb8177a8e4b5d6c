import { Token } from 'cdktf';
import { inputError } from '../core/errors';
import { GCP_REGION_ZONES } from '../core/locations';
import { checkName, NameRule } from '../core/names';
import { checkProps, required } from '../core/props';

/** An Artifact Registry repository, named by project, location and repository id. */
export interface ArtifactRegistryRepositoryRef {
  /**
   * The repository's project.
   * @default - the node service account's project
   */
  readonly project?: string;
  /** The repository's location, such as `us-east1` or `us`. */
  readonly location: string;
  /** The repository id. */
  readonly repository: string;
}

/** An Artifact Registry repository id: lowercase letters, digits and hyphens, starting with a letter, at most 63. */
const REPOSITORY_NAME: NameRule = { description: 'a repository id: 1-63 lowercase letters, digits and hyphens, starting with a letter', test: (v) => /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/.test(v) };
/** An Artifact Registry location: a region or a multi-region (us, europe, asia). */
const REPOSITORY_LOCATION: NameRule = {
  description: `a region of ${'https://cloud.google.com/compute/docs/regions-zones'} or a multi-region (us, europe, asia)`,
  test: (v) => ['us', 'europe', 'asia'].includes(v) || v in GCP_REGION_ZONES,
};

/**
 * Whether nodes may pull private images from Artifact Registry (`roles/artifactregistry.reader`).
 */
export class ArtifactRegistryAccess {
  /** No Artifact Registry role: nodes pull public images only. */
  public static readonly NONE = new ArtifactRegistryAccess(false, []);
  /** Read access to every repository of the project, as the metadata protection guide grants it. */
  public static readonly PROJECT = new ArtifactRegistryAccess(true, []);

  /** Read access to the named repositories only: the narrowest grant. */
  public static repositories(repositories: ArtifactRegistryRepositoryRef[]): ArtifactRegistryAccess {
    const where = 'ArtifactRegistryAccess.repositories';
    checkProps(where, { repositories }, { repositories: required([{ project: 'string', location: 'string!', repository: 'string!' }]) });
    if (!Token.isUnresolved(repositories) && repositories.length === 0) {
      throw inputError(where, 'repositories', repositories, 'must name at least one repository. Fix: list one, or use ArtifactRegistryAccess.NONE');
    }
    repositories.forEach((ref, i) => {
      checkName(where, `repositories[${i}].repository`, ref.repository, REPOSITORY_NAME);
      checkName(where, `repositories[${i}].location`, ref.location, REPOSITORY_LOCATION);
    });
    return new ArtifactRegistryAccess(false, repositories);
  }

  /** Whether the role is granted on the whole project. */
  public readonly projectWide: boolean;
  /** The repositories the role is granted on, when not project-wide. */
  public readonly repositoryRefs: ArtifactRegistryRepositoryRef[];

  private constructor(projectWide: boolean, repositories: ArtifactRegistryRepositoryRef[]) {
    this.projectWide = projectWide;
    this.repositoryRefs = repositories;
  }
}
