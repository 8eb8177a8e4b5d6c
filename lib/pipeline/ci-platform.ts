import { IConstruct } from 'constructs';
import { inputError } from '../core/errors';
import {
  checkName, CI_ENVIRONMENT, GIT_BRANCH, GITHUB_REPOSITORY, GITLAB_PROJECT_PATH, NameRule, OIDC_CLAIM, OIDC_ISSUER_URI, OIDC_REPOSITORY,
  REPOSITORY_ID, WORKLOAD_IDENTITY_POOL_ID,
} from '../core/names';
import { checkProps } from '../core/props';

/** Options of {@link CiPlatform.oidc}: an OIDC issuer other than GitHub Actions and GitLab. */
export interface OidcIssuerOptions {
  /**
   * A short name for the issuer, used as the default provider id: 4-32 lowercase letters, digits and
   * hyphens, such as `forgejo`.
   */
  readonly name: string;
  /** The issuer URL, exactly as the `iss` claim of its tokens writes it. */
  readonly issuerUri: string;
  /**
   * The claim that names the repository as `OWNER/REPO`.
   * @default 'repository'
   */
  readonly repositoryClaim?: string;
  /**
   * The claim that names the git ref a job runs for.
   * @default 'ref'
   */
  readonly refClaim?: string;
  /**
   * What the issuer writes before a branch name in the ref claim. A branch pin compares the ref claim
   * with this prefix followed by the branch.
   * @default 'refs/heads/'
   */
  readonly branchRefPrefix?: string;
  /**
   * The claim that names the deployment environment of a job.
   * @default 'environment'
   */
  readonly environmentClaim?: string;
  /**
   * The claim that carries the repository's immutable numeric id.
   * @default 'repository_id'
   */
  readonly repositoryIdClaim?: string;
  /**
   * The claim that carries the immutable numeric id of the repository's owner.
   * @default 'repository_owner_id'
   */
  readonly repositoryOwnerIdClaim?: string;
  /**
   * Audiences the provider accepts in the `aud` claim.
   * @default - only the provider's own resource name, which is what Google's token exchange expects when a
   * job requests a token for Google Cloud
   */
  readonly allowedAudiences?: string[];
}

/** What pins a Workload Identity Federation provider to one repository. */
export interface RepositoryPin {
  /** The repository, `OWNER/REPO` (GitLab: `GROUP/PROJECT` with any subgroups). */
  readonly repository: string;
  /**
   * Only jobs that run for this branch get credentials.
   * @default - jobs of every branch, tag and pull request of the repository
   */
  readonly branch?: string;
  /**
   * Only jobs that run in this deployment environment get credentials.
   * @default - jobs in any environment or none
   */
  readonly environment?: string;
  /**
   * The repository's immutable numeric id. Pinning it as well refuses a repository that was deleted and
   * re-created under the same name by someone else.
   * @default - the name alone is pinned
   */
  readonly repositoryId?: string;
  /**
   * The immutable numeric id of the repository's owner (user, organization or GitLab namespace).
   * Pinning it refuses a repository moved to, or squatted under, another owner of the same name.
   * @default - the owner is pinned by name only, through the repository name
   */
  readonly repositoryOwnerId?: string;
}

/** Where the jobs run that may deploy: one protected deployment environment, or one protected branch. */
export interface DeployGate {
  /**
   * Jobs that run in this deployment environment, whose protection rules (required reviewers, allowed
   * branches) the CI system enforces before it issues the token.
   * @default - set `branch` instead
   */
  readonly environment?: string;
  /**
   * Jobs that run for this branch (protect it, so only reviewed changes reach it).
   * @default - set `environment` instead
   */
  readonly branch?: string;
}

interface CiPlatformSpec {
  readonly name: string;
  readonly issuerUri: string;
  readonly repositoryClaim: string;
  readonly repositoryRule: NameRule;
  readonly branchCondition: (branch: string) => string[];
  readonly environmentClaim: string;
  readonly repositoryIdClaim: string;
  readonly repositoryOwnerIdClaim: string;
  readonly allowedAudiences: string[];
  /** The `sub` claim of the repository's jobs in a deploy gate, or undefined when the issuer cannot tell. */
  readonly gateSubject: (repository: string, gate: DeployGate) => string | undefined;
  /** The subject format, for error messages. */
  readonly subjectFormat: string;
}

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
const GITLAB_ISSUER = 'https://gitlab.com';

/** A CEL string literal; every value that reaches it has passed a rule that excludes quotes and backslashes. */
function quoted(value: string): string {
  return `'${value}'`;
}

function gitlabSpec(issuerUri: string): CiPlatformSpec {
  return {
    name: 'gitlab',
    issuerUri,
    repositoryClaim: 'project_path',
    repositoryRule: GITLAB_PROJECT_PATH,
    branchCondition: (branch) => [`assertion.ref_type == 'branch'`, `assertion.ref == ${quoted(branch)}`],
    environmentClaim: 'environment',
    repositoryIdClaim: 'project_id',
    repositoryOwnerIdClaim: 'namespace_id',
    allowedAudiences: [],
    // GitLab's sub is project_path:GROUP/PROJECT:ref_type:branch:ref:BRANCH; environments are not in it
    gateSubject: (repository, gate) => (gate.branch === undefined ? undefined : `project_path:${repository}:ref_type:branch:ref:${gate.branch}`),
    subjectFormat: 'project_path:GROUP/PROJECT:ref_type:branch:ref:BRANCH, without the environment',
  };
}

/**
 * A CI system whose jobs get short-lived Google credentials through Workload Identity Federation: the
 * OIDC issuer, the claims that name the repository, branch and environment, and the repository name
 * format. No service account key is involved anywhere.
 */
export class CiPlatform {
  /**
   * GitHub Actions (`https://token.actions.githubusercontent.com`): `repository` is `OWNER/REPO`, a branch
   * pin compares `ref` with `refs/heads/BRANCH`.
   */
  public static readonly GITHUB_ACTIONS = new CiPlatform({
    name: 'github-actions',
    issuerUri: GITHUB_ISSUER,
    repositoryClaim: 'repository',
    repositoryRule: GITHUB_REPOSITORY,
    branchCondition: (branch) => [`assertion.ref == ${quoted(`refs/heads/${branch}`)}`],
    environmentClaim: 'environment',
    repositoryIdClaim: 'repository_id',
    repositoryOwnerIdClaim: 'repository_owner_id',
    allowedAudiences: [],
    // GitHub's sub is repo:OWNER/REPO:environment:NAME for a job in an environment, else
    // repo:OWNER/REPO:ref:refs/heads/BRANCH for a push to a branch
    gateSubject: (repository, gate) => (gate.environment !== undefined
      ? `repo:${repository}:environment:${gate.environment}` : `repo:${repository}:ref:refs/heads/${gate.branch}`),
    subjectFormat: 'repo:OWNER/REPO:environment:NAME or repo:OWNER/REPO:ref:refs/heads/BRANCH',
  });

  /**
   * GitLab.com CI/CD (`https://gitlab.com`): the repository is the `project_path` (`GROUP/PROJECT`), a branch
   * pin needs `ref_type == 'branch'` and `ref == BRANCH`.
   */
  public static readonly GITLAB = new CiPlatform(gitlabSpec(GITLAB_ISSUER));

  /** A self-managed GitLab instance, such as `https://gitlab.example.com`: the claims of GitLab.com. */
  public static gitlabSelfManaged(issuerUri: string): CiPlatform {
    checkProps('CiPlatform.gitlabSelfManaged', { issuerUri }, { issuerUri: 'string!' });
    checkName('CiPlatform.gitlabSelfManaged', 'issuerUri', issuerUri, OIDC_ISSUER_URI);
    return new CiPlatform({ ...gitlabSpec(issuerUri), name: 'gitlab-self-managed' });
  }

  /** Any other OIDC issuer whose tokens name the repository as `OWNER/REPO`. */
  public static oidc(options: OidcIssuerOptions): CiPlatform {
    const where = 'CiPlatform.oidc';
    checkName(where, 'name', options.name, WORKLOAD_IDENTITY_POOL_ID);
    checkName(where, 'issuerUri', options.issuerUri, OIDC_ISSUER_URI);
    const claims = {
      repositoryClaim: options.repositoryClaim ?? 'repository',
      refClaim: options.refClaim ?? 'ref',
      environmentClaim: options.environmentClaim ?? 'environment',
      repositoryIdClaim: options.repositoryIdClaim ?? 'repository_id',
      repositoryOwnerIdClaim: options.repositoryOwnerIdClaim ?? 'repository_owner_id',
    };
    for (const [field, claim] of Object.entries(claims)) checkName(where, field, claim, OIDC_CLAIM);
    const prefix = options.branchRefPrefix ?? 'refs/heads/';
    if (/['\\\s]/.test(prefix)) {
      throw inputError(where, 'branchRefPrefix', prefix, 'must not contain quotes, backslashes or spaces (it becomes part of a CEL string)');
    }
    return new CiPlatform({
      name: options.name,
      issuerUri: options.issuerUri,
      repositoryClaim: claims.repositoryClaim,
      repositoryRule: OIDC_REPOSITORY,
      branchCondition: (branch) => [`assertion.${claims.refClaim} == ${quoted(prefix + branch)}`],
      environmentClaim: claims.environmentClaim,
      repositoryIdClaim: claims.repositoryIdClaim,
      repositoryOwnerIdClaim: claims.repositoryOwnerIdClaim,
      allowedAudiences: [...(options.allowedAudiences ?? [])],
      gateSubject: () => undefined,
      subjectFormat: 'not known for a custom issuer',
    });
  }

  /** A short name of the platform, the default id of its Workload Identity Federation provider. */
  public readonly name: string;
  /** The OIDC issuer URL. */
  public readonly issuerUri: string;
  /** The audiences the provider accepts; empty means only the provider's own resource name. */
  public readonly allowedAudiences: string[];
  /**
   * How token claims become Google attributes: the subject, and `attribute.repository`, which the
   * deployer's `principalSet://…/attribute.repository/OWNER/REPO` matches.
   */
  public readonly attributeMapping: { [attribute: string]: string };
  private readonly spec: CiPlatformSpec;

  private constructor(spec: CiPlatformSpec) {
    this.spec = spec;
    this.name = spec.name;
    this.issuerUri = spec.issuerUri;
    this.allowedAudiences = spec.allowedAudiences;
    this.attributeMapping = {
      'google.subject': 'assertion.sub',
      'attribute.repository': `assertion.${spec.repositoryClaim}`,
    };
  }

  /**
   * The CEL attribute condition that accepts only tokens of the pinned repository (and branch,
   * environment, repository id when given), such as
   * `assertion.repository == 'example-org/platform-infra' && assertion.ref == 'refs/heads/main'`.
   * Throws when the repository is missing or not `OWNER/REPO`: a provider without a condition would let
   * every repository of the issuer in.
   */
  public attributeCondition(pin: RepositoryPin): string {
    this._checkPin(`CiPlatform ${this.name}`, pin);
    const clauses = [`assertion.${this.spec.repositoryClaim} == ${quoted(pin.repository)}`];
    if (pin.repositoryId !== undefined) clauses.push(`assertion.${this.spec.repositoryIdClaim} == ${quoted(pin.repositoryId)}`);
    if (pin.repositoryOwnerId !== undefined) clauses.push(`assertion.${this.spec.repositoryOwnerIdClaim} == ${quoted(pin.repositoryOwnerId)}`);
    if (pin.branch !== undefined) clauses.push(...this.spec.branchCondition(pin.branch));
    if (pin.environment !== undefined) clauses.push(`assertion.${this.spec.environmentClaim} == ${quoted(pin.environment)}`);
    return clauses.join(' && ');
  }

  /** @internal Throws an input error at `scope` unless the pin names one repository in this platform's format. */
  public _checkPin(scope: IConstruct | string, pin: RepositoryPin): void {
    if (pin.repository === undefined || pin.repository === '') {
      throw inputError(scope, 'repository', pin.repository,
        `is required: a provider without an attribute condition accepts every repository of ${this.issuerUri}; pin it to OWNER/REPO`);
    }
    checkName(scope, 'repository', pin.repository, this.spec.repositoryRule);
    checkName(scope, 'branch', pin.branch, GIT_BRANCH);
    checkName(scope, 'environment', pin.environment, CI_ENVIRONMENT);
    checkName(scope, 'repositoryId', pin.repositoryId, REPOSITORY_ID);
    checkName(scope, 'repositoryOwnerId', pin.repositoryOwnerId, REPOSITORY_ID);
  }

  /**
   * The subject (`google.subject`, mapped from the `sub` claim) of the repository's jobs that run in
   * `gate`, such as `repo:example-org/platform-infra:environment:production`: the one principal a deployer
   * trusts when pull requests plan with another identity. Throws when the gate names neither or both of
   * an environment and a branch, or when this issuer's subject does not carry it.
   */
  public gateSubject(scope: IConstruct | string, repository: string, gate: DeployGate): string {
    if ((gate.environment === undefined) === (gate.branch === undefined)) {
      throw inputError(scope, 'deployGate', JSON.stringify(gate), 'must name exactly one of environment or branch, such as { environment: \'production\' }');
    }
    checkName(scope, 'deployGate.branch', gate.branch, GIT_BRANCH);
    checkName(scope, 'deployGate.environment', gate.environment, CI_ENVIRONMENT);
    const subject = this.spec.gateSubject(repository, gate);
    if (subject === undefined) {
      throw inputError(scope, 'deployGate', JSON.stringify(gate),
        `cannot be read from the subject of ${this.name} tokens (${this.spec.subjectFormat}): use an environment or branch gate on GitHub Actions, or a branch gate on GitLab`);
    }
    if (Buffer.byteLength(subject) > 127) {
      throw inputError(scope, 'deployGate', JSON.stringify(gate), `makes the subject ${subject} longer than the 127 bytes Google accepts: use a shorter name`);
    }
    return subject;
  }
}
