import { Construct, IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { checkName, GCS_BUCKET_REFERENCE, IAM_ROLE, PROJECT_ID } from '../core/names';
import { inputError } from '../core/errors';
import { checkGrantableRole } from '../core/iam-roles';
import { IamMemberBinding, IGrantable } from '../core/grantable';

/** What every grant names: who gets which role. */
export interface GrantOptions {
  /** Who gets the role: a workload principal or identity, a principal set, a Google service account. */
  readonly grantee: IGrantable;
  /** The role; primitive roles (owner, editor, viewer) are refused. */
  readonly role: string;
}

/** A grant on a project. */
export interface ProjectGrantProps extends GrantOptions {
  /** The project id. */
  readonly project: string;
}

/** A grant on a Cloud Storage bucket. */
export interface BucketGrantProps extends GrantOptions {
  /** The bucket name (without `gs://`). */
  readonly bucket: string;
}

/** A grant on an Artifact Registry repository. */
export interface RepositoryGrantProps extends GrantOptions {
  /** The repository's project. */
  readonly project: string;
  /** The repository's location, such as `us-east1` or `us`. */
  readonly location: string;
  /** The repository id. */
  readonly repository: string;
}

/**
 * IAM grants to a grantee on the resources the guides use, one `*_iam_member` each (never an
 * authoritative `*_iam_binding` or `*_iam_policy`, which would remove other members). For any other
 * resource, {@link Grant.binding} gives the checked role and member to spread into its `*_iam_member`.
 */
export class Grant {
  /** `roles/...` on a project (`google_project_iam_member`). */
  public static onProject(scope: Construct, id: string, props: ProjectGrantProps): ProjectIamMember {
    checkName(scope, 'project', props.project, PROJECT_ID);
    return new ProjectIamMember(scope, id, { project: props.project, ...Grant.binding(scope, props.grantee, props.role) });
  }

  /** A role on a Cloud Storage bucket (`google_storage_bucket_iam_member`). */
  public static onBucket(scope: Construct, id: string, props: BucketGrantProps): StorageBucketIamMember {
    if (!Token.isUnresolved(props.bucket) && IAM_ROLE.test(props.bucket)) {
      throw inputError(scope, 'bucket', props.bucket,
        `is an IAM role, not a bucket name: give the role as role and the bucket name as bucket (grantBucketRole takes the role first: grantBucketRole('${props.bucket}', bucketName))`);
    }
    checkName(scope, 'bucket', props.bucket, GCS_BUCKET_REFERENCE);
    return new StorageBucketIamMember(scope, id, { bucket: props.bucket, ...Grant.binding(scope, props.grantee, props.role) });
  }

  /** A role on an Artifact Registry repository (`google_artifact_registry_repository_iam_member`). */
  public static onRepository(scope: Construct, id: string, props: RepositoryGrantProps): ArtifactRegistryRepositoryIamMember {
    checkName(scope, 'project', props.project, PROJECT_ID);
    return new ArtifactRegistryRepositoryIamMember(scope, id, {
      project: props.project,
      location: props.location,
      repository: props.repository,
      ...Grant.binding(scope, props.grantee, props.role),
    });
  }

  /**
   * The checked role and member of a grant created in `scope`'s stack, with its dependencies: the
   * generic way to grant on any resource with a `*_iam_member`.
   */
  public static binding(scope: IConstruct, grantee: IGrantable, role: string): IamMemberBinding {
    checkGrantableRole(scope, 'role', role);
    const dependsOn = grantee.grantDependencies(scope);
    return { role, member: grantee.grantMember(scope), dependsOn: dependsOn.length > 0 ? dependsOn : undefined };
  }
}
