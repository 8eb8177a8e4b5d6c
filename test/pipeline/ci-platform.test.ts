import * as fc from 'fast-check';
import { CiPlatform } from '../../lib';

const github = CiPlatform.GITHUB_ACTIONS;

describe('CiPlatform.GITHUB_ACTIONS', () => {
  it('reads GitHub tokens: issuer, subject and the repository attribute the principal set matches', () => {
    expect(github.name).toBe('github-actions');
    expect(github.issuerUri).toBe('https://token.actions.githubusercontent.com');
    expect(github.allowedAudiences).toEqual([]);
    expect(github.attributeMapping).toEqual({ 'google.subject': 'assertion.sub', 'attribute.repository': 'assertion.repository' });
  });
  it('pins the repository alone by default', () => {
    expect(github.attributeCondition({ repository: 'example-org/platform-infra' }))
      .toBe("assertion.repository == 'example-org/platform-infra'");
  });
  it('adds the repository id, branch and environment pins', () => {
    expect(github.attributeCondition({
      repository: 'example-org/platform-infra', repositoryId: '123456789', branch: 'release/1.x', environment: 'production',
    })).toBe("assertion.repository == 'example-org/platform-infra' && assertion.repository_id == '123456789' && " +
      "assertion.ref == 'refs/heads/release/1.x' && assertion.environment == 'production'");
  });
  it('pins the owner by its numeric id too, as google-github-actions/auth recommends', () => {
    expect(github.attributeCondition({ repository: 'example-org/platform-infra', repositoryId: '260064828', repositoryOwnerId: '1342004' }))
      .toBe("assertion.repository == 'example-org/platform-infra' && assertion.repository_id == '260064828' && " +
        "assertion.repository_owner_id == '1342004'");
    expect(CiPlatform.GITLAB.attributeCondition({ repository: 'g/p', repositoryOwnerId: '7' })).toBe("assertion.project_path == 'g/p' && assertion.namespace_id == '7'");
  });
  it('names the subject of jobs in a deploy gate', () => {
    expect(github.gateSubject('x', 'o/r', { environment: 'production' })).toBe('repo:o/r:environment:production');
    expect(github.gateSubject('x', 'o/r', { branch: 'main' })).toBe('repo:o/r:ref:refs/heads/main');
    expect(() => github.gateSubject('x', 'o/r', { branch: "main' || true" })).toThrow(/x: invalid deployGate.branch "main' \|\| true"/);
    expect(() => github.gateSubject('x', 'o/r', { environment: 'e'.repeat(120) })).toThrow(/longer than the 127 bytes Google accepts/);
    expect(() => CiPlatform.oidc({ name: 'forgejo', issuerUri: 'https://forgejo.example.com' }).gateSubject('x', 'o/r', { branch: 'main' }))
      .toThrow(/cannot be read from the subject of forgejo tokens \(not known for a custom issuer\)/);
  });
  it.each([
    [{ repository: '' }, /CiPlatform github-actions: invalid repository "": is required: a provider without an attribute condition accepts every repository of https:\/\/token\.actions\.githubusercontent\.com/],
    [{ repository: undefined as unknown as string }, /invalid repository undefined: is required/],
    [{ repository: 'platform-infra' }, /invalid repository "platform-infra": must be OWNER\/REPO, such as example-org\/platform-infra/],
    [{ repository: 'example-org/platform-infra/extra' }, /invalid repository "example-org\/platform-infra\/extra": must be OWNER\/REPO/],
    [{ repository: "example-org/x' || true || '" }, /invalid repository "example-org\/x' \|\| true \|\| '": must be OWNER\/REPO/],
    [{ repository: '-org/repo' }, /invalid repository "-org\/repo"/],
    [{ repository: 'org/..' }, /invalid repository "org\/\.\."/],
    [{ repository: 'a/b', branch: "main' || true" }, /invalid branch "main' \|\| true": must be a branch name such as main/],
    [{ repository: 'a/b', branch: 'feature//x' }, /invalid branch "feature\/\/x"/],
    [{ repository: 'a/b', environment: "prod'" }, /invalid environment "prod'": must be an environment name/],
    [{ repository: 'a/b', repositoryId: '12a' }, /invalid repositoryId "12a": must be the numeric repository id/],
    [{ repository: 'a/b', repositoryOwnerId: "1' || true" }, /invalid repositoryOwnerId "1' \|\| true": must be the numeric repository id/],
  ])('refuses %o', (pin, message) => {
    expect(() => github.attributeCondition(pin)).toThrow(message);
  });
});

describe('CiPlatform.GITLAB and self-managed GitLab', () => {
  it('pins the project path, with subgroups, and a branch by ref type and name', () => {
    expect(CiPlatform.GITLAB.issuerUri).toBe('https://gitlab.com');
    expect(CiPlatform.GITLAB.attributeMapping['attribute.repository']).toBe('assertion.project_path');
    expect(CiPlatform.GITLAB.attributeCondition({ repository: 'group/sub/project', branch: 'main', repositoryId: '42' }))
      .toBe("assertion.project_path == 'group/sub/project' && assertion.project_id == '42' && " +
        "assertion.ref_type == 'branch' && assertion.ref == 'main'");
  });
  it('keeps GitLab claims on a self-managed issuer', () => {
    const platform = CiPlatform.gitlabSelfManaged('https://gitlab.example.com');
    expect(platform.issuerUri).toBe('https://gitlab.example.com');
    expect(platform.name).toBe('gitlab-self-managed');
    expect(platform.attributeCondition({ repository: 'infra/platform', environment: 'production' }))
      .toBe("assertion.project_path == 'infra/platform' && assertion.environment == 'production'");
  });
  it('refuses a project without a group', () => {
    expect(() => CiPlatform.GITLAB.attributeCondition({ repository: 'project' }))
      .toThrow(/CiPlatform gitlab: invalid repository "project": must be OWNER\/REPO as GitLab writes a project path/);
  });
  it.each(['http://gitlab.example.com', 'https://gitlab.example.com/', 'gitlab.example.com'])('refuses the issuer %s', (issuer) => {
    expect(() => CiPlatform.gitlabSelfManaged(issuer))
      .toThrow(new RegExp(`CiPlatform.gitlabSelfManaged: invalid issuerUri "${issuer.replace(/[./]/g, '\\$&')}": must be an https URL without a trailing slash`));
  });
});

describe('CiPlatform.oidc', () => {
  it('uses the given claims and audiences', () => {
    const platform = CiPlatform.oidc({
      name: 'forgejo', issuerUri: 'https://code.example.com/api/actions', repositoryClaim: 'repo', refClaim: 'git_ref',
      branchRefPrefix: 'refs/heads/', environmentClaim: 'env', allowedAudiences: ['https://iam.googleapis.com/custom'],
    });
    expect(platform.allowedAudiences).toEqual(['https://iam.googleapis.com/custom']);
    expect(platform.attributeMapping['attribute.repository']).toBe('assertion.repo');
    expect(platform.attributeCondition({ repository: 'team/app', branch: 'main', environment: 'prod' }))
      .toBe("assertion.repo == 'team/app' && assertion.git_ref == 'refs/heads/main' && assertion.env == 'prod'");
  });
  it('defaults to the GitHub-style claim names', () => {
    const platform = CiPlatform.oidc({ name: 'generic', issuerUri: 'https://ci.example.com' });
    expect(platform.attributeCondition({ repository: 'team/app', branch: 'main' }))
      .toBe("assertion.repository == 'team/app' && assertion.ref == 'refs/heads/main'");
  });
  it.each([
    [{ name: 'gcp-ci', issuerUri: 'https://ci.example.com' }, /CiPlatform.oidc: invalid name "gcp-ci": must be 4-32 lowercase letters, digits and hyphens, not starting with "gcp-"/],
    [{ name: 'ci', issuerUri: 'https://ci.example.com' }, /invalid name "ci"/],
    [{ name: 'generic', issuerUri: 'https://ci.example.com', repositoryClaim: 'repo.name' }, /CiPlatform.oidc: invalid repositoryClaim "repo.name": must be a claim name CEL can read/],
    [{ name: 'generic', issuerUri: 'https://ci.example.com', branchRefPrefix: "x'" }, /CiPlatform.oidc: invalid branchRefPrefix "x'": must not contain quotes/],
  ])('refuses %o', (options, message) => {
    expect(() => CiPlatform.oidc(options)).toThrow(message);
  });
  it('refuses a repository that is not exactly OWNER/REPO', () => {
    const platform = CiPlatform.oidc({ name: 'generic', issuerUri: 'https://ci.example.com' });
    expect(() => platform.attributeCondition({ repository: 'a/b/c' })).toThrow(/CiPlatform generic: invalid repository "a\/b\/c": must be OWNER\/REPO: two parts/);
  });
});

describe('attribute conditions (properties)', () => {
  const part = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,20}$/).filter((s) => s !== '.' && s !== '..');
  const owner = fc.stringMatching(/^[A-Za-z0-9]{1,20}$/);
  const text = fc.string({ maxLength: 40 });

  it('always pins the exact repository, first, for every valid OWNER/REPO', () => {
    fc.assert(fc.property(owner, part, (o, r) => {
      const condition = github.attributeCondition({ repository: `${o}/${r}` });
      return condition === `assertion.repository == '${o}/${r}'`;
    }));
  });
  it('never lets a quote or backslash into a condition: such input is refused', () => {
    fc.assert(fc.property(text, text, (branch, environment) => {
      let condition: string;
      try {
        condition = github.attributeCondition({ repository: 'example-org/platform-infra', branch, environment });
      } catch {
        return true;
      }
      const literals = condition.split(' && ').map((clause) => clause.slice(clause.indexOf(" == '") + 5, -1));
      return literals.every((literal) => !/['\\]/.test(literal)) && condition.startsWith("assertion.repository == 'example-org/platform-infra'");
    }), { numRuns: 500 });
  });
});
