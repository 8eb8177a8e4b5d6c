import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { inputError } from './errors';
import { GcpProject } from './gcp-project';
import { checkName, EMAIL, SERVICE_ACCOUNT_ID } from './names';
import { claimName } from './name-claims';

const DEFAULT_ACCOUNT = /(?:-compute@developer\.gserviceaccount\.com|@appspot\.gserviceaccount\.com)$/;
const PROJECT_ACCOUNT = /^[^@]+@([^.]+)\.iam\.gserviceaccount\.com$/;

/** How a construct gets its Google service account: created from an id, or adopted by e-mail. */
export interface ServiceAccountSourceProps {
  readonly project: GcpProject;
  readonly accountId?: string;
  readonly existingEmail?: string;
  readonly displayName: string;
  readonly description: string;
  /** Refuse an adopted account of another project (true where the account's project is also its grants' scope). */
  readonly requireOwnProject: boolean;
}

/** The Google service account a construct ends up with. */
export interface ServiceAccountSource {
  /** The e-mail (an attribute reference when created). */
  readonly email: string;
  /** The created service account (construct id `Resource` under the scope), when one was created. */
  readonly serviceAccount?: ServiceAccount;
  /** The e-mail as a literal, when it is known at synth time. */
  readonly literalEmail?: string;
}

/**
 * Creates the service account `accountId` in `scope`, or adopts `existingEmail`: exactly one of the two.
 * An adopted account must not be the default Compute Engine or App Engine account (which holds Editor on
 * the project) and, with `requireOwnProject`, must belong to the given project.
 */
export function createOrAdoptServiceAccount(scope: Construct, props: ServiceAccountSourceProps): ServiceAccountSource {
  if (props.existingEmail !== undefined && props.accountId !== undefined) {
    throw inputError(scope, 'existingEmail', props.existingEmail, 'give either accountId (create) or existingEmail (adopt), not both');
  }
  if (props.existingEmail !== undefined) {
    return { email: props.existingEmail, literalEmail: checkExistingEmail(scope, props, props.existingEmail) };
  }
  if (props.accountId === undefined) throw inputError(scope, 'accountId', undefined, 'is required when existingEmail is not given');
  checkName(scope, 'accountId', props.accountId, SERVICE_ACCOUNT_ID);
  claimName(scope, 'accountId', `service account id in project ${props.project.id}`, props.accountId);
  const serviceAccount = new ServiceAccount(scope, 'Resource', {
    project: props.project.id,
    accountId: props.accountId,
    displayName: props.displayName,
    description: props.description,
  });
  const literal = !Token.isUnresolved(props.accountId) && !Token.isUnresolved(props.project.id);
  return {
    email: serviceAccount.email,
    serviceAccount,
    literalEmail: literal ? `${props.accountId}@${props.project.id}.iam.gserviceaccount.com` : undefined,
  };
}

function checkExistingEmail(scope: Construct, props: ServiceAccountSourceProps, email: string): string | undefined {
  const { project } = props;
  if (Token.isUnresolved(email)) return undefined;
  checkName(scope, 'existingEmail', email, EMAIL);
  if (DEFAULT_ACCOUNT.test(email)) {
    throw inputError(scope, 'existingEmail', email,
      'must not be the default Compute Engine or App Engine service account, which holds the Editor role on the project; ' +
      'create a dedicated account with accountId');
  }
  const owner = PROJECT_ACCOUNT.exec(email)?.[1];
  if (props.requireOwnProject && owner !== undefined && !Token.isUnresolved(project.id) && owner !== project.id) {
    throw inputError(scope, 'existingEmail', email,
      `belongs to project ${owner}, not to the given project ${project.id}: give the account's own project`);
  }
  return email;
}
