import { IConstruct } from 'constructs';
import { ITerraformDependable } from 'cdktf';

/**
 * Something IAM roles can be granted to: a workload principal, a principal set, a workload identity or a
 * Google service account. Every grant helper of the library ({@link Grant}, `grantProjectRole`, …) accepts
 * one, so the member string is written in exactly one place.
 */
export interface IGrantable {
  /**
   * The IAM member a grant created in `scope`'s stack names: `principal://…`, `principalSet://…` or
   * `serviceAccount:EMAIL`. `scope` locates the project-number lookup when the number was not given.
   */
  grantMember(scope: IConstruct): string;

  /**
   * What a grant created in `scope`'s stack must wait for: the cluster when it is in that stack (its
   * workload pool must exist, or IAM answers "Identity Pool does not exist"), otherwise nothing.
   */
  grantDependencies(scope: IConstruct): ITerraformDependable[];
}

/**
 * A checked role and member for any `google_*_iam_member` resource, with what it must wait for. Spread it
 * into the resource's configuration: `new SecretManagerSecretIamMember(scope, 'x', { secretId, ...binding })`.
 */
export interface IamMemberBinding {
  /** The role (never a primitive role). */
  readonly role: string;
  /** The member, from the grantee. */
  readonly member: string;
  /**
   * The resources the binding waits for.
   * @default - nothing to wait for
   */
  readonly dependsOn?: ITerraformDependable[];
}
