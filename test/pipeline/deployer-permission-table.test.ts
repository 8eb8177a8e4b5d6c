import * as fc from 'fast-check';
import { DeployerPermissionTable, DeployerRoleTable, isReadPermission, PROJECT_IAM_PERMISSIONS } from '../../lib';

const table = DeployerPermissionTable.DEFAULT;
const entries = table.types.map((type) => [type, table.lookup(type)!] as const);
const allPermissions = (type: string): string[] => {
  const entry = table.lookup(type)!;
  return [...entry.permissions, ...Object.values(entry.permissionsWhenSet ?? {}).flat(), ...Object.values(entry.permissionsByKind ?? {}).flat()];
};

/** The services whose permissions the table uses, each with its page of Google's role and permission reference. */
const SERVICES = ['artifactregistry', 'compute', 'container', 'gkehub', 'iam', 'networksecurity', 'networkservices', 'privateca', 'resourcemanager',
  'serviceusage', 'storage'];

describe('DeployerPermissionTable.DEFAULT', () => {
  it('has an entry for every Google resource type of the role table, so a default app needs no predefined role', () => {
    const google = DeployerRoleTable.DEFAULT.types.filter((t) => t.startsWith('google_') || t.startsWith('data.google_'));
    expect(google.length).toBeGreaterThan(30);
    expect(google.filter((t) => table.lookup(t) === undefined)).toEqual([]);
  });
  it.each(entries)('%s cites Google\'s IAM reference and names permissions of the services that page covers', (type, entry) => {
    expect(entry.reference).toMatch(/^https:\/\/cloud\.google\.com\/(iam\/docs\/(roles-permissions\/[a-z]+|permissions-reference)|kubernetes-engine\/docs\/reference\/api-permissions)$/);
    for (const permission of allPermissions(type)) {
      expect(permission).toMatch(/^[a-z]+(\.googleapis\.com\/|\.)[a-zA-Z]+\.[a-zA-Z]+$/);
      expect(SERVICES).toContain(permission.split('.')[0]);
    }
    const service = /roles-permissions\/([a-z]+)$/.exec(entry.reference)?.[1];
    if (service !== undefined) expect(allPermissions(type).some((p) => p.startsWith(`${service}.`))).toBe(true);
  });
  it('gives resources create, get, update and delete of their own collection, and data sources only reads', () => {
    expect(allPermissions('google_container_cluster')).toEqual(expect.arrayContaining(
      ['container.clusters.create', 'container.clusters.get', 'container.clusters.update', 'container.clusters.delete']));
    for (const [type] of entries.filter(([t]) => t.startsWith('data.'))) {
      expect(allPermissions(type).filter((p) => !isReadPermission(p))).toEqual([]);
    }
  });
  it('holds project setIamPolicy only for project IAM members, which the deployer gets under a condition', () => {
    const holders = entries.filter(([type]) => allPermissions(type).includes('resourcemanager.projects.setIamPolicy')).map(([type]) => type);
    expect(holders).toEqual(['google_project_iam_binding', 'google_project_iam_member']);
    expect(PROJECT_IAM_PERMISSIONS).toEqual(['resourcemanager.projects.getIamPolicy', 'resourcemanager.projects.setIamPolicy']);
  });
  it('maps the kinds of objects a generic Kubernetes type manages', () => {
    expect(table.lookup('kubernetes_manifest')).toMatchObject({ kindAttribute: 'manifest.kind' });
    expect(table.lookup('kubernetes_manifest')!.permissionsByKind!.TrustConfig).toContain('container.thirdPartyObjects.create');
    expect(table.lookup('kubernetes_labels')!.permissionsByKind).toEqual({ Namespace: ['container.namespaces.get', 'container.namespaces.update'] });
  });
});

describe('DeployerPermissionTable.withType', () => {
  const reference = 'https://cloud.google.com/iam/docs/roles-permissions/pubsub';
  it('adds an entry to a new table and leaves the original alone', () => {
    const extended = table.withType('google_pubsub_topic', { permissions: ['pubsub.topics.create'], reference });
    expect(extended.lookup('google_pubsub_topic')!.permissions).toEqual(['pubsub.topics.create']);
    expect(table.lookup('google_pubsub_topic')).toBeUndefined();
  });
  it('refuses a malformed type, permission or reference, naming the field', () => {
    expect(() => table.withType('PubsubTopic', { permissions: [], reference })).toThrow(/invalid type "PubsubTopic": must be a Terraform type/);
    expect(() => table.withType('google_pubsub_topic', { permissions: ['roles/pubsub.editor'], reference }))
      .toThrow(/invalid permissions\[0\] "roles\/pubsub.editor": must be an IAM permission such as container.clusters.create/);
    expect(() => table.withType('google_pubsub_topic', { permissions: [], reference: 'https://example.com/x' }))
      .toThrow(/invalid reference "https:\/\/example.com\/x": must be the page of Google's documentation/);
    expect(() => table.withType('kubernetes_manifest', { permissions: [], reference, permissionsByKind: { Foo: ['foo'] } }))
      .toThrow(/invalid permissionsByKind.Foo\[0\] "foo"/);
  });
  it('accepts any well-formed permission and refuses any with a space or a missing part (property)', () => {
    const part = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,12}$/);
    const service = fc.stringMatching(/^[a-z][a-z0-9]{0,12}$/);
    fc.assert(fc.property(service, part, part, (service, resource, verb) => {
      expect(table.withType('google_x_y', { permissions: [`${service}.${resource}.${verb}`], reference }).lookup('google_x_y')!.permissions)
        .toEqual([`${service}.${resource}.${verb}`]);
      expect(() => table.withType('google_x_y', { permissions: [`${service}.${resource}`], reference })).toThrow(/must be an IAM permission/);
      expect(() => table.withType('google_x_y', { permissions: [`${service}.${resource} .${verb}`], reference })).toThrow(/must be an IAM permission/);
    }));
  });
});

describe('isReadPermission', () => {
  it('is true for get, list, getIamPolicy and getStatus only', () => {
    expect(['a.b.get', 'a.b.list', 'a.b.getIamPolicy', 'a.b.getStatus'].every(isReadPermission)).toBe(true);
    expect(['a.b.create', 'a.b.update', 'a.b.delete', 'a.b.setIamPolicy', 'a.b.use', 'a.b.getCredentials'].some(isReadPermission)).toBe(false);
  });
});
