import { IConstruct } from 'constructs';
import { ITerraformDependable, Token } from 'cdktf';
import { IGrantable } from '../core/grantable';
import { inputError } from '../core/errors';
import { EMAIL } from '../core/names';

const KINDS: Record<string, { iamPrefix: string; subjectKind: string }> = {
  user: { iamPrefix: 'user', subjectKind: 'User' },
  group: { iamPrefix: 'group', subjectKind: 'Group' },
  serviceAccount: { iamPrefix: 'serviceAccount', subjectKind: 'User' },
};

/**
 * A Google identity (user, group or Google service account) as both IAM and Kubernetes RBAC name it.
 * GKE authenticates Google identities to the Kubernetes API by e-mail: users and service accounts are RBAC
 * `User` subjects, Google Groups are `Group` subjects (with Google Groups for RBAC enabled on the cluster).
 * IAM roles can be granted to it like to any other grantee (`Grant.onProject`, …).
 */
export class GoogleIdentity implements IGrantable {
  /** A Google user account, such as `alice@example.com`. */
  public static user(email: string): GoogleIdentity {
    return new GoogleIdentity('user', email);
  }

  /** A Google group, such as `platform-team@example.com` (needs Google Groups for RBAC on the cluster). */
  public static group(email: string): GoogleIdentity {
    return new GoogleIdentity('group', email);
  }

  /** A Google service account, such as a deployer `deployer@demo-proj.iam.gserviceaccount.com`. */
  public static serviceAccount(email: string): GoogleIdentity {
    return new GoogleIdentity('serviceAccount', email);
  }

  /** `user`, `group` or `serviceAccount`. */
  public readonly kind: string;
  /** The e-mail address. */
  public readonly email: string;
  /** The IAM member: `user:EMAIL`, `group:EMAIL` or `serviceAccount:EMAIL`. */
  public readonly iamMember: string;
  /** The RBAC subject kind: `User` (users and service accounts) or `Group`. */
  public readonly subjectKind: string;

  private constructor(kind: string, email: string) {
    if (!Token.isUnresolved(email) && !EMAIL.test(email)) {
      throw inputError(`GoogleIdentity.${kind}`, 'email', email, `must be ${EMAIL.description}`);
    }
    if (kind === 'serviceAccount' && !Token.isUnresolved(email) && !email.endsWith('.gserviceaccount.com')) {
      throw inputError(`GoogleIdentity.${kind}`, 'email', email, 'must be a service account e-mail ending in .gserviceaccount.com');
    }
    this.kind = kind;
    this.email = email;
    this.iamMember = `${KINDS[kind].iamPrefix}:${email}`;
    this.subjectKind = KINDS[kind].subjectKind;
  }

  /** The IAM member: {@link iamMember}, the same in every stack. */
  public grantMember(_scope: IConstruct): string {
    return this.iamMember;
  }

  /** Nothing: the identity exists outside the app. */
  public grantDependencies(_scope: IConstruct): ITerraformDependable[] {
    return [];
  }
}
