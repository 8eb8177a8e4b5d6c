import { TerraformStack, TerraformVariable, Token } from 'cdktf';

/** The JavaScript shape a field expects, which decides its wrong-type and token probes. */
export type FieldType = 'string' | 'number' | 'boolean' | 'stringList' | 'numberList' | 'stringMap' | 'object' | 'enum';

/**
 * What a field accepts: valid edge values (must be accepted) and well-typed invalid values (must be refused
 * with a clear error). Values are functions of the stack so that tokens and constructs can be made there.
 */
export interface Domain {
  readonly type: FieldType;
  readonly valid: readonly unknown[];
  readonly invalid: readonly unknown[];
}

const long = (n: number, c = 'a') => c.repeat(n);
/** Control, unicode and layout characters that no Google Cloud or Kubernetes identifier accepts. */
export const HOSTILE_CHARACTERS = ['\u0000', '\n', '\t', ' ', 'é', '\u202e', '😀', '/', '"', '$'];
const hostile = (valid: string) => HOSTILE_CHARACTERS.map((c) => `${valid.slice(0, 2)}${c}${valid.slice(2)}`);

const domain = (type: FieldType, valid: unknown[], invalid: unknown[]): Domain => ({ type, valid, invalid });

export const D = {
  gkeName: domain('string', ['a', `a${long(38)}9`], ['', 'Upper', '1abc', 'a_b', 'a-', long(41), long(10000), ...hostile('cluster')]),
  resourceName: domain('string', ['a', `a${long(61)}9`], ['', 'Upper', '1abc', 'a_b', 'a-', long(64), long(10000), ...hostile('name')]),
  k8sLabel: domain('string', ['a', '0', long(63)], ['', 'A', '-a', 'a-', 'a.b', long(64), long(10000), ...hostile('name')]),
  k8sName: domain('string', ['a', 'a.b', long(63)], ['', 'A', '-a', 'a-', 'a..b', long(254), long(10000), ...hostile('name')]),
  region: domain('string', ['us-east1', 'europe-west4', 'africa-south1', 'northamerica-south1'],
    ['us-east9', 'us-east1-a', 'MARS', '', 'us east1', long(10000), ...hostile('us-east1')]),
  zone: domain('string', ['us-east1-b', 'europe-west4-a'], ['us-east1', 'us-east9-b', 'us-east1-a', 'MARS', '', long(10000), ...hostile('us-east1-b')]),
  caRegion: domain('string', ['us-east1', 'europe-west4'], ['us-east9', 'us-east1-b', 'MARS', '', long(10000)]),
  gcsLocation: domain('string', ['us-east1', 'US', 'EU', 'NAM4'], ['us-east9', 'MARS', 'us-east1-b', '', long(10000)]),
  bucket: domain('string', ['abc', `a${long(61)}9`, 'a_b-c'], ['gs://abc', 'ab', 'Upper', 'a..b', 'googlebucket', long(64), ...hostile('bucket')]),
  accountId: domain('string', ['abcdef', `a${long(28)}9`], ['abc', 'Upper-case', '1abcdef', long(31), long(10000), ...hostile('account')]),
  projectId: domain('string', ['abcdef', `a${long(28)}9`], ['abc', 'Upper-proj', '1abcdef', 'proj-', long(31), long(10000), ...hostile('project')]),
  projectNumber: domain('string', ['123456789012'], ['abc', '0123', '-5', '1.5', long(10000, '9')]),
  caId: domain('string', ['a', 'A-1', long(63)], ['', 'a_b', long(64), long(10000), ...hostile('caid')]),
  organization: domain('string', ['TestCorpLLC', 'Example Corp'], ['', long(10000)]),
  machineType: domain('string', ['e2-standard-2', 'n2-standard-4', 'e2-medium', 'n2-custom-4-8192'], ['big', 'E2-STANDARD-2', '', 'e2 standard', long(10000)]),
  diskType: domain('string', ['pd-standard', 'pd-balanced', 'pd-ssd'], ['ssd', 'PD-SSD', '', 'pd-fast']),
  imageType: domain('string', ['COS_CONTAINERD', 'UBUNTU_CONTAINERD'], ['COS', 'cos', '', 'WINDOWS']),
  diskSize: domain('number', [10, 100, 65536], [0, 9, -1, 1.5, 65537, Number.NaN, Number.POSITIVE_INFINITY]),
  nodeCount: domain('number', [0, 1, 1000], [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -8.1e298]),
  replicas: domain('number', [0, 1, 100], [-1, 1.5, Number.NaN]),
  port: domain('number', [1, 65535], [0, -1, 65536, 1.5, Number.NaN]),
  historyLimit: domain('number', [0, 3], [-1, 1.5, Number.NaN]),
  networkTags: domain('stringList', [[], ['a'], [long(63)]], [['Upper'], ['a b'], [long(64)], ['a', 'a'], ['']]),
  gcpLabels: domain('stringMap', [{}, { env: 'prod' }, { [long(63)]: long(63) }, { a: '' }],
    [{ Upper: 'x' }, { '1a': 'x' }, { [long(64)]: 'x' }, { a: 'UPPER' }, { a: long(64) }, manyLabels(65), { 'a b': 'x' }]),
  k8sLabels: domain('stringMap', [{}, { app: 'payments' }, { 'example.com/tier': 'web' }],
    [{ '-a': 'x' }, { a: '-x' }, { [long(64)]: 'x' }, { a: long(64) }, { 'a b': 'x' }, { a: 'x y' }]),
  nodeMetadata: domain('stringMap', [{}, { team: 'payments' }], [{ 'startup-script': 'x' }, { 'kube-env': 'x' }, { 'user-data': 'x' }]),
  image: domain('string', ['nginx', 'registry.example/team/app@sha256:0123', 'a:1'], ['', 'a b', 'UPPER CASE', long(10000), 'a\nb']),
  schedule: domain('string', ['@hourly', '*/5 * * * *', '0 0 1 JAN SUN'], ['', '* * * *', '60 * * * *', 'TZ=UTC * * * * *', long(10000)]),
  timeZone: domain('string', ['Etc/UTC', 'Europe/Berlin', 'America/New_York'], ['Mars/Olympus', 'UTC+2', 'TZ=UTC', '', long(10000)]),
  envMap: domain('stringMap', [{}, { HTTP_PORT: '8000' }, { 'a.b-c': 'x' }], [{ 'A=B': 'x' }, { '': 'x' }, { 'é': 'x' }, { 'a\nb': 'x' }]),
  requestPath: domain('string', ['/', '/healthz', '/a?b=1'], ['', 'healthz', '/a b', '/a\nb', long(10000)]),
  hostname: domain('string', ['a', 'payments.example.com', '*.example.com'], ['', 'UPPER', 'a b', '-a', long(300), long(10000)]),
  iamRole: domain('string', ['roles/storage.objectViewer'], ['', 'storage.objectViewer', 'roles/owner', 'roles/editor', 'roles/a b', long(10000)]),
  iamMember: domain('string', ['user:alice@example.com', 'group:team@example.com'], ['', 'alice@example.com', 'allUsers', 'user:', `user:${long(200000)}`]),
  email: domain('string', ['alice@example.com'], ['', 'alice', 'a b@example.com', `${long(200000)}@`]),
  cidr: domain('string', ['10.0.0.0/8', '0.0.0.0/0', '192.168.0.0/28'], ['', '10.0.0.0', '10.0.0.0/33', '300.0.0.0/8', 'a.b.c.d/8']),
  repository: domain('string', ['example-org/platform-infra'], ['', 'noslash', 'a/b/c', 'a b/c', long(10000)]),
  branch: domain('string', ['main', 'release/1.x'], ['', '-main', 'a..b', 'a//b', 'a b']),
  poolId: domain('string', ['abcd', long(32)], ['abc', 'gcp-pool', 'Upper', long(33)]),
  namespace: domain('string', ['default', 'a', long(63)], ['', 'Default', '-a', long(64), ...hostile('apps')]),
  services: domain('stringList', [['container.googleapis.com']], [['container'], ['a b'], ['']]),
  methods: domain('stringList', [['GET'], ['GET', 'POST']], [['get'], ['FETCH'], []]),
  freeText: domain('string', ['', 'any text', long(200)], []),
  bool: domain('boolean', [true, false], []),
};

function manyLabels(n: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
}

/** Values of the wrong JavaScript type for a field of the given type. */
export function wrongTypes(type: FieldType): unknown[] {
  const circular: Record<string, unknown> = { a: 'b' };
  circular.self = circular;
  switch (type) {
    case 'string': return [42, true, {}, [], null, ['a']];
    case 'number': return ['3', true, {}, null, [1]];
    case 'boolean': return ['false', 'true', 1, 0, null];
    case 'stringList': return ['a', { 0: 'a' }, null, [null], [42]];
    case 'numberList': return ['80', null, [null], ['80']];
    case 'stringMap': return ['a=b', ['a'], null, circular, { a: 42 }];
    case 'object': return [{}, 'x', null, 42];
    case 'enum': return ['RAPID', 'NoSchedule', {}, null, 42];
  }
}

/** Unresolved values of every kind, made in `stack`: variables and `Token.as*`. */
export function tokensFor(type: FieldType, stack: TerraformStack, id: string): unknown[] {
  const v = (t: string) => new TerraformVariable(stack, `${id}-${t}`, {});
  switch (type) {
    case 'string': return [v('s').stringValue, Token.asString(v('a').value)];
    case 'number': return [v('n').numberValue, Token.asNumber(v('an').value)];
    case 'stringList': return [v('l').listValue, Token.asList(v('al').value)];
    case 'numberList': return [Token.asNumberList(v('nl').value)];
    case 'stringMap': return [Token.asStringMap(v('m').value)];
    default: return [];
  }
}
