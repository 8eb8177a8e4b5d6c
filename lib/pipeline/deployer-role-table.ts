import { checkGrantableRole } from '../core/iam-roles';
import { inputError } from '../core/errors';

/** The predefined roles a deployer needs to manage one Terraform resource or data source type. */
export interface ResourceRoles {
  /** Roles granted on the project. An empty list means the type needs no Google permission. */
  readonly roles: string[];
  /**
   * Dotted attribute paths (in Terraform's snake_case) that name the service account the resource runs
   * as, such as `node_config.service_account`. The deployer needs `roles/iam.serviceAccountUser` on that
   * service account, and gets it there, never on the project.
   * @default - the resource runs as no service account of the project
   */
  readonly runsAsAttributes?: string[];
  /**
   * Roles needed only when a top-level block or attribute is set, such as `{ fleet: ['roles/gkehub.editor'] }`
   * for a cluster registered in a fleet.
   * @default - no attribute adds roles
   */
  readonly rolesWhenSet?: { [attribute: string]: string[] };
  /**
   * The attribute that holds the role this resource grants, for project IAM members: the deployer's
   * `roles` are then limited to granting exactly the roles the app grants (an IAM condition on
   * `iam.googleapis.com/modifiedGrantsByRole`).
   * @default - the resource grants no project role
   */
  readonly grantedRoleAttribute?: string;
}

const SERVICE_USAGE_ADMIN = 'roles/serviceusage.serviceUsageAdmin';
const SERVICE_ACCOUNT_ADMIN = 'roles/iam.serviceAccountAdmin';
const PROJECT_IAM_ADMIN = 'roles/resourcemanager.projectIamAdmin';
const CLUSTER_ADMIN = 'roles/container.clusterAdmin';
const CONTAINER_ADMIN = 'roles/container.admin';
const CONTAINER_DEVELOPER = 'roles/container.developer';
const FLEET_EDITOR = 'roles/gkehub.editor';
const CA_MANAGER = 'roles/privateca.caManager';
const CA_ADMIN = 'roles/privateca.admin';
const NETWORK_ADMIN = 'roles/compute.networkAdmin';
const SECURITY_ADMIN = 'roles/compute.securityAdmin';

const NODE_SERVICE_ACCOUNT = ['node_config.service_account', 'cluster_autoscaling.auto_provisioning_defaults.service_account'];

function each(types: string[], roles: ResourceRoles): [string, ResourceRoles][] {
  return types.map((type) => [type, roles]);
}

/**
 * The default table. Cloud Service Mesh security resources (TLS, authorization and endpoint policies,
 * meshes, routes, gateways, backend services, health checks) are all covered by `compute.networkAdmin`,
 * the one role the mesh security guide names for them; firewall rules need `compute.securityAdmin`.
 */
const DEFAULT_TYPES: [string, ResourceRoles][] = [
  ['google_project_service', { roles: [SERVICE_USAGE_ADMIN] }],
  ['google_service_account', { roles: [SERVICE_ACCOUNT_ADMIN] }],
  ...each(['google_service_account_iam_member', 'google_service_account_iam_binding'], { roles: [SERVICE_ACCOUNT_ADMIN] }),
  ...each(['google_project_iam_member', 'google_project_iam_binding'], { roles: [PROJECT_IAM_ADMIN], grantedRoleAttribute: 'role' }),
  ['google_container_cluster', { roles: [CLUSTER_ADMIN], runsAsAttributes: NODE_SERVICE_ACCOUNT, rolesWhenSet: { fleet: [FLEET_EDITOR] } }],
  ['google_container_node_pool', { roles: [CLUSTER_ADMIN], runsAsAttributes: ['node_config.service_account'] }],
  ...each(['google_gke_hub_membership', 'google_gke_hub_feature', 'google_gke_hub_feature_membership'], { roles: [FLEET_EDITOR] }),
  ...each(['google_privateca_ca_pool', 'google_privateca_certificate_authority'], { roles: [CA_MANAGER] }),
  ...each(['google_privateca_ca_pool_iam_member', 'google_privateca_ca_pool_iam_binding'], { roles: [CA_ADMIN] }),
  ['google_compute_firewall', { roles: [SECURITY_ADMIN] }],
  ...each([
    'google_compute_network', 'google_compute_subnetwork', 'google_compute_router', 'google_compute_router_nat',
    'google_compute_address', 'google_compute_global_address', 'google_compute_health_check', 'google_compute_backend_service',
    'google_compute_network_endpoint_group',
    'google_network_services_mesh', 'google_network_services_gateway', 'google_network_services_http_route',
    'google_network_services_grpc_route', 'google_network_services_tcp_route', 'google_network_services_tls_route',
    'google_network_services_endpoint_policy',
    'google_network_security_client_tls_policy', 'google_network_security_server_tls_policy',
    'google_network_security_authorization_policy',
  ], { roles: [NETWORK_ADMIN] }),
  ...each(['google_storage_bucket', 'google_storage_bucket_iam_member', 'google_storage_bucket_iam_binding'], { roles: ['roles/storage.admin'] }),
  ...each(['google_artifact_registry_repository', 'google_artifact_registry_repository_iam_member'], { roles: ['roles/artifactregistry.admin'] }),
  ...each(['google_iam_workload_identity_pool', 'google_iam_workload_identity_pool_provider'], { roles: ['roles/iam.workloadIdentityPoolAdmin'] }),
  ['data.google_project', { roles: ['roles/browser'] }],
  ['data.google_client_config', { roles: [] }],
  ['data.google_iam_policy', { roles: [] }],
  ['data.google_container_cluster', { roles: ['roles/container.clusterViewer'] }],
  ['data.google_compute_network_endpoint_group', { roles: ['roles/compute.networkViewer'] }],
  ['data.google_service_account', { roles: ['roles/iam.serviceAccountViewer'] }],
  // Kubernetes RBAC objects: creating roles and bindings needs the RBAC permissions only container.admin has.
  ...each([
    'kubernetes_role_v1', 'kubernetes_role_binding_v1', 'kubernetes_cluster_role_v1', 'kubernetes_cluster_role_binding_v1',
    'kubernetes_role', 'kubernetes_role_binding', 'kubernetes_cluster_role', 'kubernetes_cluster_role_binding',
  ], { roles: [CONTAINER_ADMIN] }),
];

/**
 * Providers whose every type needs the same roles: every `kubernetes_*` object reaches the cluster API
 * through GKE IAM (`container.developer`); the utility providers call no Google API.
 */
const DEFAULT_PROVIDERS: [string, string[]][] = [
  ['kubernetes', [CONTAINER_DEVELOPER]],
  ['random', []],
  ['time', []],
  ['null', []],
  ['tls', []],
  ['terraform', []],
];

/**
 * Which predefined role already holds every permission of another, so the derived set stays the smallest:
 * a role covered by another granted role is not granted again.
 */
const ROLE_INCLUDES: { [role: string]: string[] } = {
  [CONTAINER_ADMIN]: [CLUSTER_ADMIN, CONTAINER_DEVELOPER, 'roles/container.clusterViewer', 'roles/container.viewer'],
  [CLUSTER_ADMIN]: ['roles/container.clusterViewer'],
  [CONTAINER_DEVELOPER]: ['roles/container.clusterViewer'],
  [NETWORK_ADMIN]: ['roles/compute.networkViewer'],
  [CA_ADMIN]: [CA_MANAGER, 'roles/privateca.auditor'],
  [SERVICE_ACCOUNT_ADMIN]: ['roles/iam.serviceAccountViewer'],
  ['roles/gkehub.admin']: [FLEET_EDITOR, 'roles/gkehub.viewer'],
};

function checkedRoles(where: string, field: string, roles: string[]): string[] {
  roles.forEach((role, i) => checkGrantableRole(where, `${field}[${i}]`, role));
  return [...roles];
}

/**
 * The table that maps each Terraform resource type (and data source, written `data.TYPE`) to the
 * predefined roles a deployer needs to manage it, plus per-provider rules for providers whose types all
 * need the same roles. {@link DeployerIdentity.grantRolesFor} reads it; a type it does not know is a
 * synth warning, never a silent omission. Primitive roles (owner, editor, viewer) are refused.
 * Immutable: `withType` and `withProvider` return a new table.
 */
export class DeployerRoleTable {
  /** The library's table: every type the library's constructs and examples create, and common neighbours. */
  public static readonly DEFAULT = new DeployerRoleTable(new Map(DEFAULT_TYPES), new Map(DEFAULT_PROVIDERS));

  private readonly byType: Map<string, ResourceRoles>;
  private readonly byProvider: Map<string, string[]>;

  private constructor(byType: Map<string, ResourceRoles>, byProvider: Map<string, string[]>) {
    this.byType = byType;
    this.byProvider = byProvider;
  }

  /** Every type with its own entry, sorted (data sources as `data.TYPE`). */
  public get types(): string[] {
    return [...this.byType.keys()].sort();
  }

  /** Every provider with a rule for all its types, sorted. */
  public get providers(): string[] {
    return [...this.byProvider.keys()].sort();
  }

  /**
   * The entry of a type: its own entry, else the rule of its provider, else undefined (unknown).
   * @param resourceType a resource type such as `google_container_cluster`, or `data.TYPE` for a data source
   * @param providerName the provider the type belongs to, such as `kubernetes`; without it only the
   * type's own entry is looked up
   */
  public lookup(resourceType: string, providerName?: string): ResourceRoles | undefined {
    const own = this.byType.get(resourceType);
    if (own) return own;
    const providerRoles = providerName === undefined ? undefined : this.byProvider.get(providerName);
    return providerRoles === undefined ? undefined : { roles: providerRoles };
  }

  /** A table with `resourceType` mapped to `roles` (replacing its entry); `data.TYPE` for a data source. */
  public withType(resourceType: string, roles: ResourceRoles): DeployerRoleTable {
    const where = 'DeployerRoleTable.withType';
    if (!/^(?:data\.)?[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(resourceType)) {
      throw inputError(where, 'resourceType', resourceType, 'must be a Terraform type such as google_storage_bucket, or data.TYPE for a data source');
    }
    const whenSet: { [attribute: string]: string[] } = {};
    for (const [attribute, extra] of Object.entries(roles.rolesWhenSet ?? {})) {
      whenSet[attribute] = checkedRoles(where, `rolesWhenSet.${attribute}`, extra);
    }
    const entry: ResourceRoles = { ...roles, roles: checkedRoles(where, 'roles', roles.roles), rolesWhenSet: whenSet };
    return new DeployerRoleTable(new Map([...this.byType, [resourceType, entry]]), this.byProvider);
  }

  /** A table where every type of `provider` (such as `helm`) without its own entry needs `roles`. */
  public withProvider(provider: string, roles: string[]): DeployerRoleTable {
    const where = 'DeployerRoleTable.withProvider';
    if (!/^[a-z][a-z0-9-]*$/.test(provider)) throw inputError(where, 'provider', provider, 'must be a provider name such as helm or kubernetes');
    return new DeployerRoleTable(this.byType, new Map([...this.byProvider, [provider, checkedRoles(where, 'roles', roles)]]));
  }

  /**
   * The role among `granted` that already holds every permission of `role`, if any.
   * @param role the role that might not need granting
   * @param granted the roles granted anyway
   */
  public coveringRole(role: string, granted: string[]): string | undefined {
    return granted.find((other) => other !== role && (ROLE_INCLUDES[other] ?? []).includes(role));
  }
}
