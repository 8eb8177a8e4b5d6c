import { inputError } from '../core/errors';

/**
 * The IAM permissions a deployer needs to create, read, update and delete one Terraform resource type (or
 * read one data source type), with the page of Google's documentation that lists them.
 */
export interface ResourcePermissions {
  /**
   * The permissions, such as `container.clusters.create`. Names are exact: a misspelt permission makes the
   * custom role fail to create at apply time.
   */
  readonly permissions: string[];
  /**
   * The page of Google's IAM documentation that lists these permissions, such as
   * `https://cloud.google.com/iam/docs/roles-permissions/container`.
   */
  readonly reference: string;
  /**
   * Permissions needed only when a top-level block or attribute is set, such as the fleet permissions of a
   * cluster registered in a fleet (`{ fleet: ['gkehub.memberships.create', …] }`).
   * @default - no attribute adds permissions
   */
  readonly permissionsWhenSet?: { [attribute: string]: string[] };
  /**
   * For types that manage objects of any kind (`kubernetes_manifest`, `kubernetes_labels`): the dotted
   * attribute path of the object's kind, read from the synthesised configuration.
   * @default - the permissions do not depend on a kind
   */
  readonly kindAttribute?: string;
  /**
   * With `kindAttribute`: the permissions for each kind. A kind missing here is treated like a type missing
   * from the table (a synth warning and the type's predefined role).
   * @default - none
   */
  readonly permissionsByKind?: { [kind: string]: string[] };
}

/**
 * The permissions that change the project's IAM policy. A deployer holds them in a role of their own, bound
 * with a condition that limits them to the roles the app grants.
 */
export const PROJECT_IAM_PERMISSIONS = ['resourcemanager.projects.getIamPolicy', 'resourcemanager.projects.setIamPolicy'];

/** The index of every permission, and the per-service role and permission pages. */
export const PERMISSIONS_REFERENCE = 'https://cloud.google.com/iam/docs/permissions-reference';
const pageOf = (service: string): string => `https://cloud.google.com/iam/docs/roles-permissions/${service}`;
/** GKE's table of the IAM permission each Kubernetes API call needs. */
const GKE_API_PERMISSIONS = 'https://cloud.google.com/kubernetes-engine/docs/reference/api-permissions';

/** `SERVICE.RESOURCE.create/get/update/delete`, and `list` where Terraform reads collections. */
function crud(prefix: string, ...extra: string[]): string[] {
  return [...['create', 'delete', 'get', 'update'].map((verb) => `${prefix}.${verb}`), ...extra];
}

function each(types: string[], entry: ResourcePermissions): [string, ResourcePermissions][] {
  return types.map((type) => [type, entry]);
}

/** A Kubernetes object through GKE IAM: `container.KIND.create/get/update/delete`. */
function kubernetes(resource: string): ResourcePermissions {
  return { permissions: ['container.clusters.get', ...crud(`container.${resource}`)], reference: GKE_API_PERMISSIONS };
}

const NETWORK_SERVICES = pageOf('networkservices');
const NETWORK_SECURITY = pageOf('networksecurity');
const COMPUTE = pageOf('compute');
const NETWORK_SERVICES_OPERATION = 'networkservices.operations.get';
const NETWORK_SECURITY_OPERATION = 'networksecurity.operations.get';

/**
 * The default table. Every entry names only permissions of the predefined role the type was mapped to
 * before (DeployerRoleTable.DEFAULT), checked against Google's published role contents, so the custom
 * role never holds more than those roles did.
 */
const DEFAULT_ENTRIES: [string, ResourcePermissions][] = [
  ['google_project_service', {
    permissions: ['serviceusage.services.disable', 'serviceusage.services.enable', 'serviceusage.services.get', 'serviceusage.services.list', 'serviceusage.operations.get'],
    reference: pageOf('serviceusage'),
  }],
  ['google_service_account', { permissions: crud('iam.serviceAccounts'), reference: pageOf('iam') }],
  ...each(['google_service_account_iam_member', 'google_service_account_iam_binding'], {
    permissions: ['iam.serviceAccounts.getIamPolicy', 'iam.serviceAccounts.setIamPolicy'], reference: pageOf('iam'),
  }),
  ...each(['google_project_iam_member', 'google_project_iam_binding'], { permissions: PROJECT_IAM_PERMISSIONS, reference: pageOf('resourcemanager') }),
  ['google_container_cluster', {
    permissions: [...crud('container.clusters'), 'container.operations.get'],
    reference: pageOf('container'),
    permissionsWhenSet: { fleet: [...crud('gkehub.memberships'), 'gkehub.operations.get'] },
  }],
  ['google_container_node_pool', { permissions: ['container.clusters.get', 'container.clusters.update', 'container.operations.get'], reference: pageOf('container') }],
  ...each(['google_gke_hub_membership'], { permissions: [...crud('gkehub.memberships'), 'gkehub.operations.get'], reference: pageOf('gkehub') }),
  ...each(['google_gke_hub_feature', 'google_gke_hub_feature_membership'], {
    permissions: [...crud('gkehub.features'), 'gkehub.operations.get'], reference: pageOf('gkehub'),
  }),
  ['google_privateca_ca_pool', { permissions: [...crud('privateca.caPools'), 'privateca.operations.get'], reference: pageOf('privateca') }],
  ['google_privateca_certificate_authority', {
    // update also activates, enables and disables a CA, which Terraform does before deleting it
    permissions: [...crud('privateca.certificateAuthorities'), 'privateca.caPools.get', 'privateca.operations.get'], reference: pageOf('privateca'),
  }],
  ...each(['google_privateca_ca_pool_iam_member', 'google_privateca_ca_pool_iam_binding'], {
    permissions: ['privateca.caPools.getIamPolicy', 'privateca.caPools.setIamPolicy'], reference: pageOf('privateca'),
  }),
  ['google_compute_firewall', {
    // creating a rule changes the network's firewall policy
    permissions: [...crud('compute.firewalls'), 'compute.networks.updatePolicy', 'compute.globalOperations.get'], reference: COMPUTE,
  }],
  ['google_compute_network', { permissions: [...crud('compute.networks'), 'compute.globalOperations.get'], reference: COMPUTE }],
  ['google_compute_subnetwork', { permissions: [...crud('compute.subnetworks'), 'compute.networks.use', 'compute.regionOperations.get'], reference: COMPUTE }],
  ['google_compute_router', { permissions: [...crud('compute.routers'), 'compute.networks.use', 'compute.regionOperations.get'], reference: COMPUTE }],
  // a NAT is a part of its router, changed with routers.update
  ['google_compute_router_nat', { permissions: ['compute.routers.get', 'compute.routers.update', 'compute.regionOperations.get'], reference: COMPUTE }],
  // addresses have no update permission: labels are their only mutable field
  ['google_compute_address', {
    permissions: ['compute.addresses.create', 'compute.addresses.delete', 'compute.addresses.get', 'compute.addresses.setLabels', 'compute.regionOperations.get'],
    reference: COMPUTE,
  }],
  ['google_compute_global_address', {
    permissions: ['compute.globalAddresses.create', 'compute.globalAddresses.delete', 'compute.globalAddresses.get', 'compute.globalAddresses.setLabels',
      'compute.globalOperations.get'],
    reference: COMPUTE,
  }],
  // network endpoint groups are immutable: no update permission exists
  ['google_compute_network_endpoint_group', {
    permissions: ['compute.networkEndpointGroups.create', 'compute.networkEndpointGroups.delete', 'compute.networkEndpointGroups.get', 'compute.networks.use',
      'compute.zoneOperations.get'],
    reference: COMPUTE,
  }],
  ['google_compute_health_check', { permissions: [...crud('compute.healthChecks'), 'compute.globalOperations.get'], reference: COMPUTE }],
  ['google_compute_backend_service', {
    // a mesh backend names its health checks, NEGs and client TLS policy, which needs their use permissions
    permissions: [
      ...crud('compute.backendServices'), 'compute.healthChecks.useReadOnly', 'compute.networkEndpointGroups.use',
      'networksecurity.clientTlsPolicies.use', 'compute.globalOperations.get',
    ],
    reference: COMPUTE,
  }],
  ['google_network_services_mesh', { permissions: [...crud('networkservices.meshes'), NETWORK_SERVICES_OPERATION], reference: NETWORK_SERVICES }],
  ['google_network_services_gateway', {
    permissions: [...crud('networkservices.gateways'), 'networksecurity.serverTlsPolicies.use', NETWORK_SERVICES_OPERATION], reference: NETWORK_SERVICES,
  }],
  ...(['http', 'grpc', 'tcp', 'tls'] as const).map((kind): [string, ResourcePermissions] => [`google_network_services_${kind}_route`, {
    // a route attaches to meshes and gateways and sends to backend services
    permissions: [
      ...crud(`networkservices.${kind}Routes`), 'networkservices.meshes.use', 'networkservices.gateways.use', 'compute.backendServices.use',
      NETWORK_SERVICES_OPERATION,
    ],
    reference: NETWORK_SERVICES,
  }]),
  ['google_network_services_endpoint_policy', {
    permissions: [
      ...crud('networkservices.endpointPolicies'), 'networksecurity.serverTlsPolicies.use', 'networksecurity.authorizationPolicies.use',
      NETWORK_SERVICES_OPERATION,
    ],
    reference: NETWORK_SERVICES,
  }],
  ['google_network_security_client_tls_policy', { permissions: [...crud('networksecurity.clientTlsPolicies'), NETWORK_SECURITY_OPERATION], reference: NETWORK_SECURITY }],
  ['google_network_security_server_tls_policy', { permissions: [...crud('networksecurity.serverTlsPolicies'), NETWORK_SECURITY_OPERATION], reference: NETWORK_SECURITY }],
  ['google_network_security_authorization_policy', {
    permissions: [...crud('networksecurity.authorizationPolicies'), NETWORK_SECURITY_OPERATION], reference: NETWORK_SECURITY,
  }],
  ['google_storage_bucket', { permissions: crud('storage.buckets'), reference: pageOf('storage') }],
  ...each(['google_storage_bucket_iam_member', 'google_storage_bucket_iam_binding'], {
    permissions: ['storage.buckets.getIamPolicy', 'storage.buckets.setIamPolicy'], reference: pageOf('storage'),
  }),
  ['google_artifact_registry_repository', { permissions: crud('artifactregistry.repositories'), reference: pageOf('artifactregistry') }],
  ['google_artifact_registry_repository_iam_member', {
    permissions: ['artifactregistry.repositories.getIamPolicy', 'artifactregistry.repositories.setIamPolicy'], reference: pageOf('artifactregistry'),
  }],
  ...each(['google_iam_workload_identity_pool', 'google_iam_workload_identity_pool_provider'], {
    permissions: [
      ...crud('iam.googleapis.com/workloadIdentityPools', 'iam.googleapis.com/workloadIdentityPools.undelete'),
      ...crud('iam.googleapis.com/workloadIdentityPoolProviders', 'iam.googleapis.com/workloadIdentityPoolProviders.undelete'),
    ],
    reference: pageOf('iam'),
  }),
  ['data.google_project', { permissions: ['resourcemanager.projects.get'], reference: pageOf('resourcemanager') }],
  ['data.google_client_config', { permissions: [], reference: PERMISSIONS_REFERENCE }],
  ['data.google_iam_policy', { permissions: [], reference: PERMISSIONS_REFERENCE }],
  // the Kubernetes provider reads the cluster's endpoint and CA certificate from it
  ['data.google_container_cluster', { permissions: ['container.clusters.get'], reference: pageOf('container') }],
  ['data.google_compute_network_endpoint_group', { permissions: ['compute.networkEndpointGroups.get'], reference: COMPUTE }],
  ['data.google_service_account', { permissions: ['iam.serviceAccounts.get'], reference: pageOf('iam') }],
  ...each(['kubernetes_namespace_v1', 'kubernetes_namespace'], kubernetes('namespaces')),
  ...each(['kubernetes_service_account_v1', 'kubernetes_service_account'], kubernetes('serviceAccounts')),
  ...each(['kubernetes_service_v1', 'kubernetes_service'], kubernetes('services')),
  ...each(['kubernetes_deployment_v1', 'kubernetes_deployment'], kubernetes('deployments')),
  ...each(['kubernetes_job_v1', 'kubernetes_job'], kubernetes('jobs')),
  ...each(['kubernetes_cron_job_v1', 'kubernetes_cron_job'], kubernetes('cronJobs')),
  ...each(['kubernetes_pod_v1', 'kubernetes_pod'], kubernetes('pods')),
  ...each(['kubernetes_config_map_v1', 'kubernetes_config_map'], kubernetes('configMaps')),
  ...each(['kubernetes_network_policy_v1', 'kubernetes_network_policy'], kubernetes('networkPolicies')),
  // server-side apply of labels on an existing object: read and update it
  ['kubernetes_labels', {
    permissions: ['container.clusters.get'], reference: GKE_API_PERMISSIONS, kindAttribute: 'kind',
    permissionsByKind: { Namespace: ['container.namespaces.get', 'container.namespaces.update'] },
  }],
  // custom resources (GKE's WorkloadCertificateConfig and TrustConfig) are "third party objects" to GKE IAM
  ['kubernetes_manifest', {
    permissions: ['container.clusters.get'], reference: GKE_API_PERMISSIONS, kindAttribute: 'manifest.kind',
    permissionsByKind: {
      WorkloadCertificateConfig: crud('container.thirdPartyObjects', 'container.thirdPartyObjects.list'),
      TrustConfig: crud('container.thirdPartyObjects', 'container.thirdPartyObjects.list'),
    },
  }],
];

/** How a permission is written: `service.resource.verb`, or `service.googleapis.com/resource.verb`. */
const PERMISSION = /^[a-z][a-z0-9]*(?:\.googleapis\.com\/|\.)[a-zA-Z][a-zA-Z0-9]*\.[a-zA-Z][a-zA-Z0-9]*$/;
/** Verbs that only read: what a planner may hold. */
const READ_VERBS = new Set(['get', 'list', 'getIamPolicy', 'getStatus']);

/** Whether a permission only reads (its verb is get, list, getIamPolicy or getStatus). */
export function isReadPermission(permission: string): boolean {
  return READ_VERBS.has(permission.slice(permission.lastIndexOf('.') + 1));
}

/** Throws unless every entry of `permissions` is written like an IAM permission. */
function checkPermissions(where: string, field: string, permissions: string[]): string[] {
  permissions.forEach((permission, i) => {
    if (!PERMISSION.test(permission)) {
      throw inputError(where, `${field}[${i}]`, permission,
        `must be an IAM permission such as container.clusters.create, exactly as ${PERMISSIONS_REFERENCE} writes it`);
    }
  });
  return [...permissions];
}

/**
 * The table that maps each Terraform resource type (and data source, written `data.TYPE`) to the IAM
 * permissions a deployer needs for it, each entry citing Google's reference. The deployer's custom role
 * holds the permissions of exactly the types its stacks contain. Immutable: `withType` returns a new table.
 */
export class DeployerPermissionTable {
  /** The library's table: every type the library's constructs and examples create, and common neighbours. */
  public static readonly DEFAULT = new DeployerPermissionTable(new Map(DEFAULT_ENTRIES));

  private constructor(private readonly byType: Map<string, ResourcePermissions>) {}

  /** Every type with an entry, sorted (data sources as `data.TYPE`). */
  public get types(): string[] {
    return [...this.byType.keys()].sort();
  }

  /** The entry of a type, or undefined when the table does not know it. */
  public lookup(type: string): ResourcePermissions | undefined {
    return this.byType.get(type);
  }

  /** A table with `type` mapped to `entry` (replacing its entry); `data.TYPE` for a data source. */
  public withType(type: string, entry: ResourcePermissions): DeployerPermissionTable {
    const where = 'DeployerPermissionTable.withType';
    if (!/^(?:data\.)?[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(type)) {
      throw inputError(where, 'type', type, 'must be a Terraform type such as google_pubsub_topic, or data.TYPE for a data source');
    }
    if (!/^https:\/\/cloud\.google\.com\//.test(entry.reference ?? '')) {
      throw inputError(where, 'reference', entry.reference, `must be the page of Google's documentation that lists the permissions, such as ${PERMISSIONS_REFERENCE}`);
    }
    const whenSet: { [attribute: string]: string[] } = {};
    for (const [attribute, extra] of Object.entries(entry.permissionsWhenSet ?? {})) {
      whenSet[attribute] = checkPermissions(where, `permissionsWhenSet.${attribute}`, extra);
    }
    const byKind: { [kind: string]: string[] } = {};
    for (const [kind, extra] of Object.entries(entry.permissionsByKind ?? {})) byKind[kind] = checkPermissions(where, `permissionsByKind.${kind}`, extra);
    const checked: ResourcePermissions = {
      ...entry, permissions: checkPermissions(where, 'permissions', entry.permissions), permissionsWhenSet: whenSet, permissionsByKind: byKind,
    };
    return new DeployerPermissionTable(new Map([...this.byType, [type, checked]]));
  }
}
