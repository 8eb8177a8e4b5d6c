import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  CaKeyAlgorithm, CaLifetime, GcpProject, MeshCertificateAuthorityProps, ProjectServices, WorkloadIdentityCluster,
  WorkloadKeyAlgorithm,
} from '../../lib';
import { newStack, resourcesOf, StackJson, synth } from '../helpers';
import { authorityIn, guideAuthority, platformAndWorkloads, project, warningsOf } from './fixtures';

const POOL = 'google_privateca_ca_pool';
const CA = 'google_privateca_certificate_authority';
const IAM = 'google_privateca_ca_pool_iam_member';
const SERVICE_AGENT = 'serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com';

/** The resource of a type whose construct id contains `part`, with its Terraform address key. */
function named(json: StackJson, type: string, part: string): { key: string; body: Record<string, unknown> } {
  const entries = Object.entries(json.resource?.[type] ?? {}).filter(([key]) => key.includes(`_${part}_`));
  if (entries.length !== 1) throw new Error(`expected one ${type} named ${part}, found ${entries.length}`);
  return { key: entries[0][0], body: entries[0][1] };
}

function members(json: StackJson): { pool: unknown; role: unknown; member: unknown }[] {
  return resourcesOf(json, IAM)
    .map((m) => ({ pool: m.ca_pool, role: m.role, member: m.member }))
    .sort((a, b) => `${a.role}${a.pool}${a.member}`.localeCompare(`${b.role}${b.pool}${b.member}`));
}

describe('MeshCertificateAuthority with the guide\'s values', () => {
  const { stack } = newStack('platform');
  const ca = authorityIn(stack);
  const json = synth(stack);
  const rootPool = named(json, POOL, 'RootPool');
  const subPool = named(json, POOL, 'SubordinatePool');
  const rootCa = named(json, CA, 'RootCa');
  const subCa = named(json, CA, 'SubordinateCa');

  it('creates the root pool in the ENTERPRISE tier, publishing CA certificates and CRLs as gcloud does', () => {
    expect(rootPool.body).toEqual({
      project: 'demo-proj', name: 'td-sec-pool', location: 'us-east1', tier: 'ENTERPRISE',
      publishing_options: { publish_ca_cert: true, publish_crl: true, encoding_format: 'PEM' },
    });
  });
  it('creates the subordinate pool in the DEVOPS tier, which cannot publish CRLs', () => {
    expect(subPool.body).toEqual({
      project: 'demo-proj', name: 'td-ca-pool', location: 'us-east1', tier: 'DEVOPS',
      publishing_options: { publish_ca_cert: true, publish_crl: false, encoding_format: 'PEM' },
    });
  });
  it('creates the root CA of `roots create --key-algorithm ec-p256-sha256 --max-chain-length=1`', () => {
    expect(rootCa.body).toEqual({
      project: 'demo-proj',
      location: 'us-east1',
      pool: `\${${POOL}.${rootPool.key}.name}`,
      certificate_authority_id: 'pkcs2-ca',
      type: 'SELF_SIGNED',
      key_spec: { algorithm: 'EC_P256_SHA256' },
      config: {
        subject_config: { subject: { common_name: 'pkcs2-ca', organization: 'TestCorpLLC' } },
        x509_config: {
          ca_options: { is_ca: true, max_issuer_path_length: 1 },
          key_usage: { base_key_usage: { cert_sign: true, crl_sign: true }, extended_key_usage: {} },
        },
      },
      lifetime: '315360000s',
      deletion_protection: true,
      skip_grace_period: false,
      ignore_active_certificates_on_deletion: false,
    });
  });
  it('creates the subordinate CA of `--use-preset-profile subordinate_mtls_pathlen_0`, signed by the root CA\'s full name', () => {
    expect(subCa.body).toEqual({
      project: 'demo-proj',
      location: 'us-east1',
      pool: `\${${POOL}.${subPool.key}.name}`,
      certificate_authority_id: 'td-ca',
      type: 'SUBORDINATE',
      subordinate_config: { certificate_authority: `\${${CA}.${rootCa.key}.name}` },
      key_spec: { algorithm: 'EC_P256_SHA256' },
      config: {
        subject_config: { subject: { common_name: 'td-ca', organization: 'TestCorpLLC' } },
        x509_config: {
          ca_options: { is_ca: true, zero_max_issuer_path_length: true },
          key_usage: {
            base_key_usage: { cert_sign: true, crl_sign: true },
            extended_key_usage: { server_auth: true, client_auth: true },
          },
        },
      },
      lifetime: '94608000s',
      deletion_protection: true,
      skip_grace_period: false,
      ignore_active_certificates_on_deletion: false,
    });
  });
  it('names the pools as the CRDs need them, as literal strings and as outputs', () => {
    expect(ca.rootPoolUri).toBe('//privateca.googleapis.com/projects/demo-proj/locations/us-east1/caPools/td-sec-pool');
    expect(ca.issuingPoolUri).toBe('//privateca.googleapis.com/projects/demo-proj/locations/us-east1/caPools/td-ca-pool');
    expect(ca.rootCaName).toBe('projects/demo-proj/locations/us-east1/caPools/td-sec-pool/certificateAuthorities/pkcs2-ca');
    expect(Object.values(json.output ?? {}).map((o) => (o as { value: string }).value).sort())
      .toEqual([ca.issuingPoolUri, ca.rootPoolUri]);
  });
  it('exposes the key algorithms, the issuing location and the resources', () => {
    expect(ca.keyAlgorithm).toBe(CaKeyAlgorithm.EC_P256_SHA256);
    expect(ca.rootKeyAlgorithm).toBe(CaKeyAlgorithm.EC_P256_SHA256);
    expect(ca.keyAlgorithm.workloadKeyAlgorithm).toBe(WorkloadKeyAlgorithm.ECDSA_P256);
    expect(ca.issuingLocation).toBe('us-east1');
    expect([ca.rootPool, ca.rootCa, ca.subordinatePool, ca.subordinateCa].map((r) => r?.node.id))
      .toEqual(['RootPool', 'RootCa', 'SubordinatePool', 'SubordinateCa']);
  });
  it('grants nothing until asked and warns about nothing', () => {
    expect(resourcesOf(json, IAM)).toEqual([]);
    expect(warningsOf(ca)).toEqual([]);
  });
});

describe('MeshCertificateAuthority.grantMeshCertificateIssuance', () => {
  it('grants the GKE service agent auditor on the root pool and certificateManager on the subordinate pool', () => {
    const { platform, cluster } = platformAndWorkloads();
    const ca = authorityIn(platform);
    ca.grantMeshCertificateIssuance(cluster);
    const json = synth(platform);
    const rootPool = named(json, POOL, 'RootPool').key;
    const subPool = named(json, POOL, 'SubordinatePool').key;
    expect(members(json)).toEqual([
      { pool: `\${${POOL}.${rootPool}.id}`, role: 'roles/privateca.auditor', member: SERVICE_AGENT },
      { pool: `\${${POOL}.${subPool}.id}`, role: 'roles/privateca.certificateManager', member: SERVICE_AGENT },
    ]);
    expect(warningsOf(ca)).toEqual([]);
  });
  it('grants once per project, and again for a cluster of another project', () => {
    const { platform, cluster } = platformAndWorkloads();
    const ca = authorityIn(platform);
    const other = new GcpProject({ id: 'other-proj', number: '210987654321' });
    ca.grantMeshCertificateIssuance(cluster);
    ca.grantMeshCertificateIssuance(new WorkloadIdentityCluster(platform, 'second', { project, name: 'second', location: 'us-east1' }));
    ca.grantMeshCertificateIssuance(new WorkloadIdentityCluster(platform, 'third', { project: other, name: 'third', location: 'us-east1' }));
    const granted = members(synth(platform)).map((m) => `${m.role} ${m.member}`);
    expect(granted).toEqual([
      `roles/privateca.auditor ${SERVICE_AGENT}`,
      'roles/privateca.auditor serviceAccount:service-210987654321@container-engine-robot.iam.gserviceaccount.com',
      `roles/privateca.certificateManager ${SERVICE_AGENT}`,
      'roles/privateca.certificateManager serviceAccount:service-210987654321@container-engine-robot.iam.gserviceaccount.com',
    ]);
  });
  it('looks the project number up when it was not given', () => {
    const { stack } = newStack('platform');
    const unnumbered = new GcpProject({ id: 'demo-proj' });
    const ca = authorityIn(stack, { project: unnumbered });
    ca.grantMeshCertificateIssuance(new WorkloadIdentityCluster(stack, 'cluster', { project: unnumbered, name: 'c1', location: 'us-east1' }));
    const json = synth(stack);
    const lookup = Object.keys(json.data?.google_project ?? {});
    expect(lookup).toHaveLength(1);
    expect(new Set(members(json).map((m) => m.member)))
      .toEqual(new Set([`serviceAccount:service-\${data.google_project.${lookup[0]}.number}@container-engine-robot.iam.gserviceaccount.com`]));
  });
  it('warns when the issuing pool is in another region than the cluster', () => {
    const { platform, cluster } = platformAndWorkloads({ location: 'europe-west1' });
    const ca = authorityIn(platform);
    ca.grantMeshCertificateIssuance(cluster);
    expect(warningsOf(ca)).toEqual([
      'platform/ca: the issuing pool is in us-east1 but cluster platform/cluster runs in europe-west1; ' +
      'the guide recommends the cluster\'s region for performance',
    ]);
  });
  it('compares the region of a zonal cluster', () => {
    const { platform, cluster } = platformAndWorkloads({ location: 'us-east1-b', zonal: true });
    const ca = authorityIn(platform);
    ca.grantMeshCertificateIssuance(cluster);
    expect(warningsOf(ca)).toEqual([]);
  });
});

describe('MeshCertificateAuthority options', () => {
  it('uses the key algorithm, lifetimes, names and locations it is given', () => {
    const { stack } = newStack('platform');
    const ca = authorityIn(stack, {
      keyAlgorithm: CaKeyAlgorithm.RSA_PKCS1_4096_SHA256,
      root: { poolId: 'root-pool', caId: 'root', location: 'europe-west1', commonName: 'Mesh Root', lifetime: CaLifetime.years(20) },
      subordinate: { poolId: 'sub-pool', caId: 'sub', commonName: 'Mesh Issuer', lifetime: CaLifetime.days(365) },
    });
    const json = synth(stack);
    const rootCa = named(json, CA, 'RootCa').body;
    const subCa = named(json, CA, 'SubordinateCa').body;
    expect([rootCa.key_spec, subCa.key_spec]).toEqual([{ algorithm: 'RSA_PKCS1_4096_SHA256' }, { algorithm: 'RSA_PKCS1_4096_SHA256' }]);
    expect([rootCa.lifetime, subCa.lifetime]).toEqual(['630720000s', '31536000s']);
    expect([rootCa.location, subCa.location]).toEqual(['europe-west1', 'us-east1']);
    expect((rootCa.config as { subject_config: unknown }).subject_config)
      .toEqual({ subject: { common_name: 'Mesh Root', organization: 'TestCorpLLC' } });
    expect((subCa.config as { subject_config: unknown }).subject_config)
      .toEqual({ subject: { common_name: 'Mesh Issuer', organization: 'TestCorpLLC' } });
    expect(ca.rootPoolUri).toBe('//privateca.googleapis.com/projects/demo-proj/locations/europe-west1/caPools/root-pool');
    expect(ca.issuingPoolUri).toBe('//privateca.googleapis.com/projects/demo-proj/locations/us-east1/caPools/sub-pool');
    expect(ca.keyAlgorithm.workloadKeyAlgorithm).toBe(WorkloadKeyAlgorithm.RSA_4096);
  });
  it('turns the teardown switches on for both CAs only when asked', () => {
    const { stack } = newStack('platform');
    authorityIn(stack, { deletionProtection: false, skipGracePeriod: true, ignoreActiveCertificatesOnDeletion: true });
    expect(resourcesOf(synth(stack), CA).map((ca) => [ca.deletion_protection, ca.skip_grace_period, ca.ignore_active_certificates_on_deletion]))
      .toEqual([[false, true, true], [false, true, true]]);
  });
  it('labels pools and CAs and makes the pools wait for the APIs', () => {
    const { stack } = newStack('platform');
    const apis = new ProjectServices(stack, 'apis', { project, services: ProjectServices.SERVICE_MESH });
    authorityIn(stack, { labels: { team: 'security' }, apis });
    const json = synth(stack);
    expect([...resourcesOf(json, POOL), ...resourcesOf(json, CA)].map((resource) => resource.labels)).toEqual(Array(4).fill({ team: 'security' }));
    const privateca = `google_project_service.${Object.keys(json.resource!.google_project_service).find((k) => k.includes('privateca'))}`;
    expect(resourcesOf(json, POOL).map((pool) => [(pool.depends_on as string[]).length, (pool.depends_on as string[]).includes(privateca)]))
      .toEqual(Array(2).fill([ProjectServices.SERVICE_MESH.length, true]));
  });
  it('grants operators caManager and admin on the pools it creates', () => {
    const { stack } = newStack('platform');
    authorityIn(stack, { operators: { caManagers: ['user:alice@example.com'], admins: ['group:pki-admins@example.com'] } });
    const json = synth(stack);
    const rootPool = `\${${POOL}.${named(json, POOL, 'RootPool').key}.id}`;
    const subPool = `\${${POOL}.${named(json, POOL, 'SubordinatePool').key}.id}`;
    expect(members(json)).toEqual([
      { pool: rootPool, role: 'roles/privateca.admin', member: 'group:pki-admins@example.com' },
      { pool: subPool, role: 'roles/privateca.admin', member: 'group:pki-admins@example.com' },
      { pool: rootPool, role: 'roles/privateca.caManager', member: 'user:alice@example.com' },
      { pool: subPool, role: 'roles/privateca.caManager', member: 'user:alice@example.com' },
    ].sort((a, b) => `${a.role}${a.pool}${a.member}`.localeCompare(`${b.role}${b.pool}${b.member}`)));
  });
});

describe('MeshCertificateAuthority adopting an existing root', () => {
  const existingRoot = { poolId: 'corp-root-pool', caId: 'corp-root', projectId: 'pki-proj', location: 'us-central1' };

  it('creates only the subordinate, signed by the adopted root\'s full name, and grants on the adopted pool', () => {
    const { platform, cluster } = platformAndWorkloads();
    const ca = authorityIn(platform, { root: undefined, existingRoot, operators: { caManagers: ['user:alice@example.com'] } });
    ca.grantMeshCertificateIssuance(cluster);
    const json = synth(platform);
    expect(resourcesOf(json, POOL).map((p) => p.name)).toEqual(['td-ca-pool']);
    expect(resourcesOf(json, CA).map((c) => c.subordinate_config)).toEqual([
      { certificate_authority: 'projects/pki-proj/locations/us-central1/caPools/corp-root-pool/certificateAuthorities/corp-root' },
    ]);
    const subPool = `\${${POOL}.${named(json, POOL, 'SubordinatePool').key}.id}`;
    expect(members(json)).toEqual([
      { pool: 'projects/pki-proj/locations/us-central1/caPools/corp-root-pool', role: 'roles/privateca.auditor', member: SERVICE_AGENT },
      { pool: subPool, role: 'roles/privateca.caManager', member: 'user:alice@example.com' },
      { pool: subPool, role: 'roles/privateca.certificateManager', member: SERVICE_AGENT },
    ]);
    expect(ca.rootPoolUri).toBe('//privateca.googleapis.com/projects/pki-proj/locations/us-central1/caPools/corp-root-pool');
    expect(ca.rootPool).toBeUndefined();
    expect(ca.rootCa).toBeUndefined();
    expect(ca.rootKeyAlgorithm).toBeUndefined();
  });
  it('warns when the adopted root\'s key family differs from the subordinate\'s', () => {
    const { stack } = newStack('platform');
    const ca = authorityIn(stack, { root: undefined, existingRoot: { ...existingRoot, keyAlgorithm: CaKeyAlgorithm.RSA_PSS_4096_SHA256 } });
    expect(warningsOf(ca)).toEqual([
      'platform/ca: the root CA uses RSA keys and the subordinate CA ECDSA keys; the guide recommends one key family for the whole hierarchy',
    ]);
  });
  it('can issue from the adopted root, creating only the grants', () => {
    const { platform, cluster } = platformAndWorkloads();
    const ca = authorityIn(platform, {
      root: undefined, subordinate: undefined, issueFromRoot: true,
      existingRoot: { ...existingRoot, keyAlgorithm: CaKeyAlgorithm.EC_P384_SHA384 },
    });
    ca.grantMeshCertificateIssuance(cluster);
    const json = synth(platform);
    expect(Object.keys(json.resource ?? {}).filter((type) => type.startsWith('google_privateca')).sort()).toEqual([IAM]);
    expect(ca.keyAlgorithm).toBe(CaKeyAlgorithm.EC_P384_SHA384);
    expect(ca.issuingPoolUri).toBe(ca.rootPoolUri);
    expect(ca.issuingLocation).toBe('us-central1');
  });
});

describe('MeshCertificateAuthority issuing from its own root', () => {
  const { platform, cluster } = platformAndWorkloads();
  const ca = authorityIn(platform, { subordinate: undefined, issueFromRoot: true });
  ca.grantMeshCertificateIssuance(cluster);
  const json = synth(platform);

  it('creates no subordinate and issues from the root pool', () => {
    expect(resourcesOf(json, POOL).map((p) => p.tier)).toEqual(['ENTERPRISE']);
    expect(resourcesOf(json, CA).map((c) => c.type)).toEqual(['SELF_SIGNED']);
    expect(ca.issuingPoolUri).toBe(ca.rootPoolUri);
    expect(ca.subordinateCa).toBeUndefined();
  });
  it('grants both roles on the root pool', () => {
    const rootPool = `\${${POOL}.${named(json, POOL, 'RootPool').key}.id}`;
    expect(members(json).map((m) => [m.pool, m.role])).toEqual([
      [rootPool, 'roles/privateca.auditor'], [rootPool, 'roles/privateca.certificateManager'],
    ]);
  });
  it('warns that the guide strongly recommends a subordinate', () => {
    expect(warningsOf(ca)).toHaveLength(1);
    expect(warningsOf(ca)[0]).toMatch(/^platform\/ca: issues mesh certificates straight from the root CA \(issueFromRoot\)\. The guide strongly recommends a subordinate CA/);
  });
});

describe('MeshCertificateAuthority warnings', () => {
  it('warns when the subordinate outlives the root', () => {
    const { stack } = newStack('platform');
    const ca = authorityIn(stack, {
      root: { ...guideAuthority.root!, lifetime: CaLifetime.years(2) },
      subordinate: { ...guideAuthority.subordinate!, lifetime: CaLifetime.years(3) },
    });
    expect(warningsOf(ca)).toEqual([
      'platform/ca: the subordinate CA lifetime (94608000s) exceeds the root\'s (63072000s); certificates stop validating when the root expires',
    ]);
  });
});

describe('MeshCertificateAuthority bad input', () => {
  const hierarchy = { root: guideAuthority.root!, subordinate: guideAuthority.subordinate! };
  const cases: [string, Partial<MeshCertificateAuthorityProps>, string][] = [
    ['the guide\'s demo root pool id td_sec_pool', { root: { poolId: 'td_sec_pool', caId: 'pkcs2-ca' } },
      'platform/ca: invalid root.poolId "td_sec_pool": must be 1-63 letters, digits and hyphens, without underscores ' +
      '(the provider parses CA Service names with [a-zA-Z0-9-]+); use "td-sec-pool" instead'],
    ['an underscore in a CA id', { subordinate: { poolId: 'td-ca-pool', caId: 'td_ca' } },
      'platform/ca: invalid subordinate.caId "td_ca": must be 1-63 letters, digits and hyphens, without underscores ' +
      '(the provider parses CA Service names with [a-zA-Z0-9-]+); use "td-ca" instead'],
    ['a pool id with a dot', { subordinate: { poolId: 'td.ca', caId: 'td-ca' } },
      'platform/ca: invalid subordinate.poolId "td.ca": must be 1-63 letters, digits and hyphens, without underscores ' +
      '(the provider parses CA Service names with [a-zA-Z0-9-]+)'],
    ['a 64-character root CA id', { root: { poolId: 'td-sec-pool', caId: 'a'.repeat(64) } },
      `platform/ca: invalid root.caId "${'a'.repeat(64)}": must be 1-63 letters`],
    ['a region CA Service does not list', { location: 'africa-south1' },
      'platform/ca: invalid location "africa-south1": must be a region CA Service supports: asia-east1, asia-east2,'],
    ['a zone as location', { location: 'us-east1-b' }, 'platform/ca: invalid location "us-east1-b": must be a region CA Service supports'],
    ['an unlisted subordinate region', { subordinate: { ...hierarchy.subordinate, location: 'us-east7' } },
      'platform/ca: invalid subordinate.location "us-east7": must be a region CA Service supports'],
    ['an unlisted root region', { root: { ...hierarchy.root, location: 'mars-north1' } },
      'platform/ca: invalid root.location "mars-north1": must be a region CA Service supports'],
    ['both root and existingRoot', { existingRoot: { poolId: 'x', caId: 'y' } },
      'platform/ca: invalid root {"poolId":"td-sec-pool","caId":"pkcs2-ca"}: give exactly one of root (create a root CA) and existingRoot (adopt one by name)'],
    ['neither root nor existingRoot', { root: undefined },
      'platform/ca: invalid root null: give exactly one of root (create a root CA) and existingRoot'],
    ['no subordinate without issueFromRoot', { subordinate: undefined },
      'platform/ca: invalid subordinate null: is required: the guide strongly recommends a subordinate CA for mesh certificates; ' +
      'set issueFromRoot: true to issue from the root instead'],
    ['a subordinate with issueFromRoot', { issueFromRoot: true },
      'platform/ca: invalid issueFromRoot true: cannot be combined with subordinate; choose one issuing CA'],
    ['one pool for root and subordinate', { subordinate: { poolId: 'td-sec-pool', caId: 'td-ca' } },
      'platform/ca: invalid subordinate.poolId "td-sec-pool": must differ from the root pool id'],
    ['an empty organization', { organization: ' ' }, 'platform/ca: invalid organization " ": must name the organization of the CA subjects (O=)'],
    ['an empty common name', { root: { ...hierarchy.root, commonName: '' } }, 'platform/ca: invalid root.commonName "": must not be empty'],
    ['an invalid adopted root project', { root: undefined, existingRoot: { poolId: 'p', caId: 'c', projectId: 'PKI' } },
      'platform/ca: invalid existingRoot.projectId "PKI": must be 6-30 characters'],
    ['an underscore in an adopted root pool', { root: undefined, existingRoot: { poolId: 'corp_root', caId: 'c' } },
      'platform/ca: invalid existingRoot.poolId "corp_root": must be 1-63 letters, digits and hyphens, without underscores ' +
      '(the provider parses CA Service names with [a-zA-Z0-9-]+); use "corp-root" instead'],
    ['issuing from an adopted root of unknown algorithm', { root: undefined, subordinate: undefined, issueFromRoot: true, existingRoot: { poolId: 'p', caId: 'c' } },
      'platform/ca: invalid existingRoot.keyAlgorithm null: is required with issueFromRoot'],
    ['a key algorithm when no CA is created',
      { root: undefined, subordinate: undefined, issueFromRoot: true, keyAlgorithm: CaKeyAlgorithm.EC_P384_SHA384,
        existingRoot: { poolId: 'p', caId: 'c', keyAlgorithm: CaKeyAlgorithm.EC_P384_SHA384 } },
      'platform/ca: invalid keyAlgorithm "EC_P384_SHA384": applies to the CAs this authority creates, and it creates none'],
    ['operators when no pool is created',
      { root: undefined, subordinate: undefined, issueFromRoot: true, operators: { admins: ['user:a@example.com'] },
        existingRoot: { poolId: 'p', caId: 'c', keyAlgorithm: CaKeyAlgorithm.EC_P256_SHA256 } },
      'platform/ca: invalid operators {"admins":["user:a@example.com"]}: are granted roles on the pools this authority creates, and it creates none'],
    ['allUsers as operator', { operators: { admins: ['allUsers'] } },
      'platform/ca: invalid operators.admins[0] "allUsers": must be an IAM member such as user:alice@example.com'],
    ['a bare e-mail as operator', { operators: { caManagers: ['user:alice@example.com', 'bob@example.com'] } },
      'platform/ca: invalid operators.caManagers[1] "bob@example.com": must be an IAM member'],
    ['an operator listed twice', { operators: { caManagers: ['user:alice@example.com', 'user:alice@example.com'] } },
      'platform/ca: invalid operators.caManagers[1] "user:alice@example.com": is listed twice'],
  ];
  it.each(cases)('refuses %s', (_name, overrides, message) => {
    const { stack } = newStack('platform');
    expect(() => authorityIn(stack, overrides)).toThrow(message);
  });
  it('refuses APIs that do not include CA Service', () => {
    const { stack } = newStack('platform');
    const apis = new ProjectServices(stack, 'apis', { project, services: ProjectServices.WORKLOAD_IDENTITY });
    expect(() => authorityIn(stack, { apis })).toThrow('platform/ca: invalid apis "platform/apis": must enable privateca.googleapis.com');
  });
  it('lets unresolved tokens pass the eager checks', () => {
    const { stack } = newStack('platform');
    const text = (id: string) => new TerraformVariable(stack, id, { type: 'string' }).stringValue;
    const ca = authorityIn(stack, {
      location: text('region'), organization: text('org'),
      root: { poolId: text('rootPool'), caId: text('rootCa') },
      subordinate: { poolId: text('subPool'), caId: text('subCa') },
    });
    expect(resourcesOf(synth(stack), CA)).toHaveLength(2);
    expect(ca.issuingPoolUri).toMatch(/^\/\/privateca\.googleapis\.com\/projects\/demo-proj\/locations\/\$\{TfToken/);
  });
});

describe('MeshCertificateAuthority construct ids', () => {
  it('keeps stable ids for the stateful resources', () => {
    const { stack } = newStack('platform');
    authorityIn(stack);
    const json = Testing.synth(stack);
    for (const id of ['ca_RootPool_', 'ca_RootCa_', 'ca_SubordinatePool_', 'ca_SubordinateCa_']) expect(json).toContain(`"${id}`);
  });
  it('lives in the stack it is created in', () => {
    const { stack } = newStack('platform');
    expect(TerraformStack.of(authorityIn(stack))).toBe(stack);
  });
});
