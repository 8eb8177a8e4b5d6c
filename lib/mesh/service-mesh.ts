import { Construct, IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { NetworkSecurityClientTlsPolicy } from '@cdktf/provider-google/lib/network-security-client-tls-policy';
import { NetworkServicesMesh } from '@cdktf/provider-google/lib/network-services-mesh';
import { GcpProject } from '../core/gcp-project';
import { inputError } from '../core/errors';
import { checkName, checkPort, RESOURCE_NAME, SERVICE_ACCOUNT_ID } from '../core/names';
import { WorkloadServiceAccount } from '../identity/workload-service-account';
import { meshCertificateProvider } from './mesh-certificates';
import { deployAfter, globalResourceId, referenceFrom } from './references';
import { checkProps } from '../core/props';
import { claimName } from '../core/name-claims';
import { checkGcpLabels } from '../core/value-rules';

/** Properties of a {@link ServiceMesh}. */
export interface ServiceMeshProps {
  /** The project of the mesh. */
  readonly project: GcpProject;
  /**
   * The Mesh resource name, such as `sidecar-mesh`. The Envoy sidecar injector must be configured with
   * this name (see docs/mesh.md).
   */
  readonly name: string;
  /**
   * The port the Envoy sidecars intercept outbound traffic on. It must equal the interception port the
   * sidecar injector configures in the pods.
   * @default 15001 - the injector's default and the API's default
   */
  readonly interceptionPort?: number;
  /**
   * The name of the mesh-wide client TLS policy, which every secure service's backend uses.
   * @default - `<name>-client-mtls`
   */
  readonly clientTlsPolicyName?: string;
  /**
   * A description of the Mesh resource.
   * @default - none
   */
  readonly description?: string;
  /**
   * Labels of the Mesh resource and the client TLS policy.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/** Options of {@link ServiceMesh.addProxyServiceAccount}. */
export interface MeshProxyServiceAccountOptions {
  /**
   * The service account id.
   * @default - `<mesh name>-proxy`
   */
  readonly accountId?: string;
  /**
   * The display name.
   * @default - "Envoy proxies of mesh <mesh name>"
   */
  readonly displayName?: string;
}

/** Who owns which global names and host names in a mesh, for the uniqueness validation. */
interface MeshMember {
  readonly owner: IConstruct;
  readonly hostnames: string[];
  readonly resourceNames: { [kind: string]: string };
}

/**
 * A Cloud Service Mesh `Mesh` resource for Envoy sidecars, and the mesh-wide client TLS policy: client
 * Envoys present their GKE mesh certificate and validate the server's against the mesh trust bundle
 * (`google_cloud_private_spiffe` for both). Lives in the platform stack; services and gateways in later
 * stacks refer to it by its id, built from the project and the name.
 */
export class ServiceMesh extends Construct {
  /** The role Envoy proxies need to fetch their configuration from Cloud Service Mesh. */
  public static readonly PROXY_ROLE = 'roles/trafficdirector.client';

  /** The project of the mesh. */
  public readonly project: GcpProject;
  /** The Mesh resource name. */
  public readonly meshName: string;
  /** `projects/PROJECT/locations/global/meshes/NAME`, known at synth time. */
  public readonly meshId: string;
  /** The port the sidecars intercept outbound traffic on. */
  public readonly interceptionPort: number;
  /** The name of the mesh-wide client TLS policy. */
  public readonly clientTlsPolicyName: string;
  /** `projects/PROJECT/locations/global/clientTlsPolicies/NAME`, known at synth time. */
  public readonly clientTlsPolicyId: string;
  /** The `google_network_services_mesh` resource. */
  public readonly resource: NetworkServicesMesh;
  /** The `google_network_security_client_tls_policy` resource. */
  public readonly clientTlsPolicy: NetworkSecurityClientTlsPolicy;
  private readonly members: MeshMember[] = [];

  constructor(scope: Construct, id: string, props: ServiceMeshProps) {
    super(scope, id);
    checkProps(this, props, { project: 'object!', name: 'string!', interceptionPort: 'number', clientTlsPolicyName: 'string', description: 'string', labels: 'map' });
    claimName(this, 'name', `mesh in project ${props.project.id}`, props.name);
    checkGcpLabels(this, 'labels', props.labels);
    checkName(this, 'name', props.name, RESOURCE_NAME);
    checkPort(this, 'interceptionPort', props.interceptionPort);
    this.project = props.project;
    this.meshName = props.name;
    this.interceptionPort = props.interceptionPort ?? 15001;
    this.clientTlsPolicyName = props.clientTlsPolicyName ?? `${props.name}-client-mtls`;
    checkName(this, 'clientTlsPolicyName', this.clientTlsPolicyName, RESOURCE_NAME);
    this.meshId = globalResourceId(props.project.id, 'meshes', props.name);
    this.clientTlsPolicyId = globalResourceId(props.project.id, 'clientTlsPolicies', this.clientTlsPolicyName);

    this.resource = new NetworkServicesMesh(this, 'Resource', {
      project: props.project.id,
      name: props.name,
      interceptionPort: this.interceptionPort,
      description: props.description,
      labels: props.labels,
    });
    this.clientTlsPolicy = new NetworkSecurityClientTlsPolicy(this, 'ClientTlsPolicy', {
      project: props.project.id,
      name: this.clientTlsPolicyName,
      location: 'global',
      description: `Mesh mTLS of ${props.name}: GKE mesh certificates as client identity and server validation`,
      clientCertificate: meshCertificateProvider(),
      serverValidationCa: [meshCertificateProvider()],
      labels: props.labels,
    });

    this.node.addValidation({ validate: () => this.duplicateNames() });
  }

  /**
   * The mesh id as `scope` should write it: a Terraform reference in the mesh's own stack, otherwise the
   * literal id (and `scope`'s stack then deploys after the mesh's).
   */
  public meshReference(scope: IConstruct): string {
    deployAfter(scope, this);
    return referenceFrom(scope, this, this.resource.id, this.meshId);
  }

  /**
   * The client TLS policy as a backend service's `security_settings.client_tls_policy` takes it:
   * `//networksecurity.googleapis.com/projects/PROJECT/locations/global/clientTlsPolicies/NAME`.
   */
  public clientTlsPolicyReference(scope: IConstruct): string {
    deployAfter(scope, this);
    return `//networksecurity.googleapis.com/${referenceFrom(scope, this, this.clientTlsPolicy.id, this.clientTlsPolicyId)}`;
  }

  /**
   * Creates, in `scope` (usually the workloads stack), the dedicated Google service account of the mesh's
   * Envoy proxies with `roles/trafficdirector.client` (the role Envoy needs to fetch its configuration).
   * Link the KSAs of meshed workloads to it (`linkedTo`). Never use the Compute Engine default service
   * account, as the guide does: it holds the Editor role, and linking a KSA to it gives the pods that role.
   */
  public addProxyServiceAccount(scope: Construct, id: string, options: MeshProxyServiceAccountOptions = {}): WorkloadServiceAccount {
    const accountId = options.accountId ?? `${this.meshName}-proxy`;
    if (options.accountId === undefined && !Token.isUnresolved(accountId) && !SERVICE_ACCOUNT_ID.test(accountId)) {
      throw inputError(this, 'addProxyServiceAccount().accountId', accountId,
        `the default id is not ${SERVICE_ACCOUNT_ID.description}; give options.accountId`);
    }
    return new WorkloadServiceAccount(scope, id, {
      project: this.project,
      accountId,
      displayName: options.displayName ?? `Envoy proxies of mesh ${this.meshName}`,
      description: `Envoy proxies of Cloud Service Mesh ${this.meshName}: roles/trafficdirector.client only; no keys.`,
      projectRoles: [ServiceMesh.PROXY_ROLE],
    });
  }

  /**
   * @internal Records the host names a route of `owner` serves in this mesh and the global names `owner`
   * creates, so that two services cannot claim the same host name or resource name.
   */
  public _registerMember(owner: IConstruct, hostnames: string[], resourceNames: { [kind: string]: string }): void {
    this.members.push({ owner, hostnames, resourceNames });
  }

  private duplicateNames(): string[] {
    const errors: string[] = [];
    const claims = new Map<string, string>();
    const claim = (what: string, owner: IConstruct) => {
      const previous = claims.get(what);
      if (previous !== undefined) {
        errors.push(`${owner.node.path}: ${what} is already used by ${previous} in mesh ${this.meshName}; give each service its own`);
      } else {
        claims.set(what, owner.node.path);
      }
    };
    for (const member of this.members) {
      member.hostnames.forEach((hostname) => claim(`host name "${hostname}"`, member.owner));
      Object.entries(member.resourceNames).forEach(([kind, name]) => claim(`${kind} name "${name}"`, member.owner));
    }
    return errors;
  }
}
