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
