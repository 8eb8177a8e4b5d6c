import * as fs from 'fs';
import * as path from 'path';
import { DeployerRoleTable } from '../../lib';
import { IAM_ROLE } from '../../lib/core/names';

const table = DeployerRoleTable.DEFAULT;
const rolesOf = (type: string, provider?: string) => table.lookup(type, provider)?.roles;

describe('DeployerRoleTable.DEFAULT', () => {
  it('maps every entry to well-formed predefined roles, never a primitive one', () => {
    const all = table.types.flatMap((type) => {
      const entry = table.lookup(type)!;
      return [...entry.roles, ...Object.values(entry.rolesWhenSet ?? {}).flat()];
    });
    expect(all.length).toBeGreaterThan(30);
    for (const role of all) {
      expect(IAM_ROLE.test(role)).toBe(true);
      expect(role).toMatch(/^roles\/[a-z]+\.[A-Za-z.]+$|^roles\/browser$/);
      expect(['roles/owner', 'roles/editor', 'roles/viewer']).not.toContain(role);
    }
  });
  it.each([
    ['google_project_service', ['roles/serviceusage.serviceUsageAdmin']],
    ['google_service_account', ['roles/iam.serviceAccountAdmin']],
    ['google_service_account_iam_member', ['roles/iam.serviceAccountAdmin']],
    ['google_project_iam_member', ['roles/resourcemanager.projectIamAdmin']],
    ['google_container_cluster', ['roles/container.clusterAdmin']],
    ['google_container_node_pool', ['roles/container.clusterAdmin']],
    ['google_gke_hub_feature_membership', ['roles/gkehub.editor']],
    ['google_privateca_ca_pool', ['roles/privateca.caManager']],
    ['google_privateca_certificate_authority', ['roles/privateca.caManager']],
    ['google_privateca_ca_pool_iam_member', ['roles/privateca.admin']],
    ['google_compute_firewall', ['roles/compute.securityAdmin']],
    ['google_compute_backend_service', ['roles/compute.networkAdmin']],
    ['google_compute_health_check', ['roles/compute.networkAdmin']],
    ['google_network_security_authorization_policy', ['roles/compute.networkAdmin']],
    ['google_network_security_client_tls_policy', ['roles/compute.networkAdmin']],
    ['google_network_services_mesh', ['roles/compute.networkAdmin']],
    ['google_network_services_http_route', ['roles/compute.networkAdmin']],
    ['google_network_services_endpoint_policy', ['roles/compute.networkAdmin']],
    ['google_storage_bucket', ['roles/storage.admin']],
    ['data.google_project', ['roles/browser']],
    ['data.google_client_config', []],
    ['data.google_container_cluster', ['roles/container.clusterViewer']],
    ['data.google_compute_network_endpoint_group', ['roles/compute.networkViewer']],
    ['kubernetes_cluster_role_binding_v1', ['roles/container.admin']],
  ])('maps %s to %j', (type, roles) => {
    expect(rolesOf(type, type.startsWith('kubernetes_') ? 'kubernetes' : 'google')).toEqual(roles);
  });
  it('needs iam.serviceAccountUser on the node service account of clusters and node pools', () => {
    expect(table.lookup('google_container_cluster')?.runsAsAttributes)
      .toEqual(['node_config.service_account', 'cluster_autoscaling.auto_provisioning_defaults.service_account']);
    expect(table.lookup('google_container_node_pool')?.runsAsAttributes).toEqual(['node_config.service_account']);
  });
  it('adds the fleet role only for a cluster registered in a fleet, and limits project IAM admin to granted roles', () => {
    expect(table.lookup('google_container_cluster')?.rolesWhenSet).toEqual({ fleet: ['roles/gkehub.editor'] });
    expect(table.lookup('google_project_iam_member')?.grantedRoleAttribute).toBe('role');
  });
  it('maps every kubernetes type through the provider rule, and utility providers to no role', () => {
    expect(rolesOf('kubernetes_namespace_v1', 'kubernetes')).toEqual(['roles/container.developer']);
    expect(rolesOf('kubernetes_manifest', 'kubernetes')).toEqual(['roles/container.developer']);
    expect(rolesOf('random_id', 'random')).toEqual([]);
    expect(table.providers).toEqual(['kubernetes', 'null', 'random', 'terraform', 'time', 'tls']);
  });
  it('knows nothing about types outside it', () => {
    expect(table.lookup('google_sql_database_instance', 'google')).toBeUndefined();
    expect(table.lookup('helm_release', 'helm')).toBeUndefined();
    expect(table.lookup('kubernetes_namespace_v1')).toBeUndefined();
  });
  it('knows which roles cover others', () => {
    expect(table.coveringRole('roles/container.developer', ['roles/container.admin', 'roles/container.developer'])).toBe('roles/container.admin');
    expect(table.coveringRole('roles/container.clusterViewer', ['roles/container.clusterAdmin'])).toBe('roles/container.clusterAdmin');
    expect(table.coveringRole('roles/privateca.caManager', ['roles/privateca.admin'])).toBe('roles/privateca.admin');
    expect(table.coveringRole('roles/compute.networkViewer', ['roles/compute.networkAdmin'])).toBe('roles/compute.networkAdmin');
    expect(table.coveringRole('roles/container.admin', ['roles/container.developer'])).toBeUndefined();
    expect(table.coveringRole('roles/compute.securityAdmin', ['roles/compute.networkAdmin'])).toBeUndefined();
  });
});

describe('DeployerRoleTable extension', () => {
  it('adds and replaces types and providers without changing the original', () => {
    const extended = table
      .withType('google_sql_database_instance', { roles: ['roles/cloudsql.admin'] })
      .withType('google_storage_bucket', { roles: ['roles/storage.admin', 'roles/storage.objectAdmin'] })
      .withProvider('helm', ['roles/container.admin']);
    expect(extended.lookup('google_sql_database_instance')?.roles).toEqual(['roles/cloudsql.admin']);
    expect(extended.lookup('google_storage_bucket')?.roles).toEqual(['roles/storage.admin', 'roles/storage.objectAdmin']);
    expect(extended.lookup('helm_release', 'helm')?.roles).toEqual(['roles/container.admin']);
    expect(table.lookup('google_sql_database_instance')).toBeUndefined();
    expect(table.lookup('google_storage_bucket')?.roles).toEqual(['roles/storage.admin']);
    expect(table.lookup('helm_release', 'helm')).toBeUndefined();
  });
  it.each([
    [() => table.withType('google_x_y', { roles: ['roles/editor'] }), /DeployerRoleTable.withType: invalid roles\[0\] "roles\/editor": must not be a primitive role/],
    [() => table.withType('google_x_y', { roles: [], rolesWhenSet: { fleet: ['roles/owner'] } }), /DeployerRoleTable.withType: invalid rolesWhenSet.fleet\[0\] "roles\/owner": must not be a primitive role/],
    [() => table.withType('Google Bucket', { roles: [] }), /DeployerRoleTable.withType: invalid resourceType "Google Bucket": must be a Terraform type such as google_storage_bucket/],
    [() => table.withProvider('helm', ['roles/viewer']), /DeployerRoleTable.withProvider: invalid roles\[0\] "roles\/viewer": must not be a primitive role/],
    [() => table.withProvider('Helm!', []), /DeployerRoleTable.withProvider: invalid provider "Helm!": must be a provider name/],
  ])('refuses bad entries (%#)', (make, message) => {
    expect(make).toThrow(message);
  });
});

describe('the role table documentation (docs/pipeline.md)', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'pipeline.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### The role table'), doc.indexOf('## The state bucket'));
  it('has a table section', () => {
    expect(section.length).toBeGreaterThan(1000);
  });
  it.each(table.providers)('lists the %s provider rule', (provider) => {
    expect(section.split('\n').some((l) => l.startsWith('|') && l.includes(`\`${provider}\``))).toBe(true);
  });
  it.each(table.types)('lists %s with its roles', (type) => {
    const line = section.split('\n').find((l) => l.startsWith('|') && l.includes(`\`${type}\``));
    expect(line).toBeDefined();
    const entry = table.lookup(type)!;
    for (const role of [...entry.roles, ...Object.values(entry.rolesWhenSet ?? {}).flat()]) expect(line).toContain(role);
    if (entry.roles.length === 0) expect(line).toContain('none');
  });
});
