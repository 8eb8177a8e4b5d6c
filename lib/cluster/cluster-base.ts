import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { ContainerCluster, ContainerClusterConfig } from '@cdktf/provider-google/lib/container-cluster';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { recordOptOuts } from '../core/opt-outs';
import { GcpProject } from '../core/gcp-project';
import { inputError } from '../core/errors';
import { checkName, GKE_NAME, IPV4_CIDR, parseIpv4Cidr, NETWORK, REGION, ZONE } from '../core/names';
import { ITaggedNodePool, IWorkloadIdentityCluster, KubernetesConnectionOptions } from '../core/cluster-ref';
import { AuthorizedNetwork, ClusterCommonProps } from './cluster-props';
import { ClusterOutputs, clusterOutputPrefix, ClusterOutputValue } from './cluster-outputs';
import { connectKubernetes } from './kubernetes-connection';
import { maintenancePolicy } from './maintenance';
import { ReleaseChannel } from './release-channel';
import { checkResourceLabels } from './resource-labels';
import { SecretsEncryptionKey } from './secrets-encryption';
import { WorkloadIdentity } from '../identity/workload-identity';
import { WorkloadIdentityOptions } from '../identity/workload-identity-options';
import { checkProps, memberOf } from '../core/props';
import { checkKnownLocation } from '../core/locations';
import { checkGcpLabels } from '../core/value-rules';
import { claimName } from '../core/name-claims';

/** What the Standard and Autopilot clusters share: validation, the common configuration, connection. */
export abstract class WorkloadIdentityClusterBase extends Construct implements IWorkloadIdentityCluster {
  /** The cluster's project. */
  public readonly project: GcpProject;
  /** The cluster name. */
  public readonly clusterName: string;
  /** The cluster location. */
  public readonly location: string;
  /** `projects/PROJECT/locations/LOCATION/clusters/NAME`, known at synth time. */
  public readonly clusterId: string;
  /** `PROJECT_ID.svc.id.goog`. */
  public readonly workloadPool: string;
  /** Whether GKE issues mesh workload certificates. */
  public readonly meshCertificatesEnabled: boolean;
  /** Whether the cluster is registered in the project's fleet. */
  public readonly fleetRegistered: boolean;
  /** The pinned minimum control-plane version, if any. */
  public readonly controlPlaneVersion?: string;
  /** Whether this is an Autopilot cluster. */
  public abstract readonly autopilot: boolean;
  /** Whether the cluster runs GKE Dataplane V2. */
  public abstract readonly dataplaneV2: boolean;
  /** The `google_container_cluster` resource. */
  public abstract readonly resource: ContainerCluster;
  /** The node pools whose network tags firewall rules can target: none unless the variant adds pools. */
  public abstract readonly taggableNodePools: ITaggedNodePool[];
  private secretsKey?: SecretsEncryptionKey;
  private outputsConstruct?: ClusterOutputs;

  /** The `google_container_cluster` resource (see {@link IWorkloadIdentityCluster.containerCluster}). */
  public get containerCluster(): ContainerCluster | undefined {
    return this.resource;
  }

  /** The VPC network the configuration names (see {@link IWorkloadIdentityCluster.nodeNetwork}). */
  public get nodeNetwork(): string | undefined {
    return this.resource.networkInput;
  }

  protected constructor(scope: Construct, id: string, props: ClusterCommonProps) {
    super(scope, id);
    checkProps(this, props, { project: 'object!', name: 'string!', location: 'string!', zonal: 'boolean', releaseChannel: memberOf(ReleaseChannel, 'ReleaseChannel'), network: 'string', subnetwork: 'string', publicNodes: 'boolean', controlPlaneCidr: 'string', privateEndpoint: 'boolean', authorizedNetworks: [{ cidr: 'string!', name: 'string' }], openControlPlane: 'boolean', meshCertificates: 'boolean', fleet: 'boolean', grantServiceAgentRole: 'boolean', labels: 'map', deletionProtection: 'boolean', outputs: 'boolean', outputPrefix: 'string' });
    recordOptOuts(this, ['zonal', 'publicNodes', 'openControlPlane']);
    checkName(this, 'name', props.name, GKE_NAME);
    checkLocation(this, props.location, props.zonal ?? false);
    claimName(this, 'name', `GKE cluster in project ${props.project.id}, location ${props.location}`, props.name);
    checkGcpLabels(this, 'labels', (props as { labels?: { [key: string]: string } }).labels);
    checkName(this, 'network', (props as { network?: string }).network, NETWORK);
    this.project = props.project;
    this.clusterName = props.name;
    this.location = props.location;
    this.clusterId = `projects/${props.project.id}/locations/${props.location}/clusters/${props.name}`;
    this.workloadPool = props.project.workloadPool;
    this.meshCertificatesEnabled = props.meshCertificates ?? false;
    this.fleetRegistered = props.fleet ?? false;
    this.controlPlaneVersion = props.controlPlaneVersion;
  }

  /** The Cloud KMS key of Secrets encryption and its grant, when `secretsEncryption` is set. */
  public get secretsEncryptionKey(): SecretsEncryptionKey | undefined {
    return this.secretsKey;
  }

  /** The Terraform outputs, unless `outputs: false`. */
  public get clusterOutputs(): ClusterOutputs | undefined {
    return this.outputsConstruct;
  }

  /** A kubernetes provider for this cluster in `scope`'s stack (see {@link IWorkloadIdentityCluster.connect}). */
  public connect(scope: Construct, options?: KubernetesConnectionOptions): KubernetesProvider {
    return connectKubernetes(this, scope, options);
  }

  /**
   * Creates the identity of one workload of this cluster in `scope`, the workloads stack: its namespace
   * (on request), its Kubernetes service account, and direct grants or the link to a Google service
   * account. Connects the stack to the cluster (`connect(scope)`) unless `options.kubernetesProvider` is given.
   */
  public addWorkloadIdentity(scope: Construct, id: string, options: WorkloadIdentityOptions): WorkloadIdentity {
    return new WorkloadIdentity(scope, id, { ...options, cluster: this });
  }

  /** @internal The configuration every variant writes; variants add their own fields. */
  protected _commonConfig(props: ClusterCommonProps): ContainerClusterConfig {
    const serviceAgentRole = props.grantServiceAgentRole
      ? new ProjectIamMember(this, 'ServiceAgentRole', {
        project: props.project.id,
        role: 'roles/container.serviceAgent',
        member: props.project.gkeServiceAgentMember(this),
      })
      : undefined;
    checkResourceLabels(this, 'labels', props.labels);
    this.secretsKey = props.secretsEncryption
      ? new SecretsEncryptionKey(this, 'SecretsEncryption', {
        ...props.secretsEncryption, project: props.project, clusterName: props.name, location: props.location,
      })
      : undefined;
    const dependsOn = [
      ...(props.apis?.resources ?? []),
      ...(serviceAgentRole ? [serviceAgentRole] : []),
      ...(this.secretsEncryptionKey ? [this.secretsEncryptionKey.serviceAgentGrant] : []),
    ];
    return {
      project: props.project.id,
      name: props.name,
      location: props.location,
      deletionProtection: props.deletionProtection ?? true,
      workloadIdentityConfig: { workloadPool: props.project.workloadPool },
      releaseChannel: { channel: props.releaseChannel ?? ReleaseChannel.REGULAR },
      minMasterVersion: props.controlPlaneVersion,
      network: props.network ?? 'default',
      subnetwork: props.subnetwork,
      networkingMode: 'VPC_NATIVE',
      ipAllocationPolicy: this.ipAllocationPolicy(props),
      privateClusterConfig: this.privateClusterConfig(props),
      masterAuthorizedNetworksConfig: this.authorizedNetworksConfig(props),
      meshCertificates: { enableCertificates: props.meshCertificates ?? false },
      fleet: props.fleet ? { project: props.project.id } : undefined,
      resourceLabels: props.labels,
      maintenancePolicy: maintenancePolicy(this, props.maintenanceWindow, props.maintenanceExclusions),
      databaseEncryption: this.secretsEncryptionKey ? { state: 'ENCRYPTED', keyName: this.secretsEncryptionKey.keyId } : undefined,
      binaryAuthorization: props.binaryAuthorization === undefined
        ? undefined : { evaluationMode: props.binaryAuthorization ? 'PROJECT_SINGLETON_POLICY_ENFORCE' : 'DISABLED' },
      gatewayApiConfig: props.gatewayApi === undefined
        ? undefined : { channel: props.gatewayApi ? 'CHANNEL_STANDARD' : 'CHANNEL_DISABLED' },
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
    };
  }

  /**
   * @internal Writes the cluster's Terraform outputs (unless `outputs: false`); called by each variant once
   * its resource exists.
   */
  protected _writeOutputs(props: ClusterCommonProps, nodeServiceAccountEmail: string): void {
    if (props.outputs === false) {
      if (props.outputPrefix !== undefined) {
        throw inputError(this, 'outputPrefix', props.outputPrefix, 'names outputs, but outputs is false; drop one of them');
      }
      return;
    }
    const prefix = clusterOutputPrefix(this, props.outputPrefix);
    const values: ClusterOutputValue[] = [
      { suffix: 'name', value: this.resource.name, description: 'The GKE cluster name' },
      { suffix: 'location', value: this.resource.location, description: 'The cluster location (region or zone)' },
      {
        suffix: 'endpoint', value: this.resource.endpoint, sensitive: true,
        description: 'The control-plane IP address (sensitive: `terraform output -raw` prints it)',
      },
      { suffix: 'workload_pool', value: this.resource.workloadIdentityConfig.workloadPool, description: 'The Workload Identity pool' },
      { suffix: 'node_service_account', value: nodeServiceAccountEmail, description: 'The e-mail of the nodes\' service account' },
    ];
    if (this.fleetRegistered) {
      values.push({ suffix: 'fleet_membership', value: this.resource.fleet.membership, description: 'The fleet membership of the cluster' });
    }
    if (this.secretsEncryptionKey) {
      values.push({ suffix: 'secrets_kms_key', value: this.secretsEncryptionKey.keyId, description: 'The Cloud KMS key that encrypts Secrets' });
    }
    this.outputsConstruct = new ClusterOutputs(this, 'Outputs', prefix, values);
  }

  /** VPC-native: named secondary ranges, or an empty block so GKE creates the ranges. */
  private ipAllocationPolicy(props: ClusterCommonProps): ContainerClusterConfig['ipAllocationPolicy'] {
    if ((props.podsRangeName === undefined) !== (props.servicesRangeName === undefined)) {
      const [field, value] = props.podsRangeName === undefined
        ? ['servicesRangeName', props.servicesRangeName] : ['podsRangeName', props.podsRangeName];
      throw inputError(this, field, value, 'give both podsRangeName and servicesRangeName, or neither (GKE then creates both ranges)');
    }
    if (props.podsRangeName === undefined) return {};
    return { clusterSecondaryRangeName: props.podsRangeName, servicesSecondaryRangeName: props.servicesRangeName };
  }

  private privateClusterConfig(props: ClusterCommonProps): ContainerClusterConfig['privateClusterConfig'] {
    if (props.publicNodes) {
      if (props.controlPlaneCidr !== undefined) {
        throw inputError(this, 'controlPlaneCidr', props.controlPlaneCidr, 'is only used with private nodes; remove it or drop publicNodes');
      }
      return undefined;
    }
    const cidr = props.controlPlaneCidr ?? '172.16.0.0/28';
    checkName(this, 'controlPlaneCidr', cidr, IPV4_CIDR);
    const parsed = parseIpv4Cidr(cidr);
    if (parsed && parsed.prefix !== 28) {
      throw inputError(this, 'controlPlaneCidr', cidr, 'must be a /28 block, such as 172.16.0.0/28 (GKE reserves exactly 16 addresses for the control plane)');
    }
    return {
      enablePrivateNodes: true,
      enablePrivateEndpoint: props.privateEndpoint ?? false,
      masterIpv4CidrBlock: cidr,
    };
  }

  private authorizedNetworksConfig(props: ClusterCommonProps): ContainerClusterConfig['masterAuthorizedNetworksConfig'] {
    const networks = props.authorizedNetworks ?? [];
    if (props.openControlPlane) {
      if (networks.length > 0) {
        throw inputError(this, 'openControlPlane', true, 'cannot be combined with authorizedNetworks; choose one');
      }
      return undefined;
    }
    return { cidrBlocks: this._authorizedNetworkBlocks(networks) };
  }

  /** @internal Validated `cidr_blocks` of master authorized networks; 0.0.0.0/0 is refused. */
  protected _authorizedNetworkBlocks(networks: AuthorizedNetwork[]): { cidrBlock: string; displayName?: string }[] {
    networks.forEach((network, i) => {
      checkName(this, `authorizedNetworks[${i}].cidr`, network.cidr, IPV4_CIDR);
      if (parseIpv4Cidr(network.cidr)?.prefix === 0) {
        throw inputError(this, `authorizedNetworks[${i}].cidr`, network.cidr,
          'must not open the control plane to every address; set openControlPlane: true if that is really intended');
      }
    });
    return networks.map((n) => ({ cidrBlock: n.cidr, displayName: n.name }));
  }
}

function checkLocation(scope: Construct, location: string, zonal: boolean): void {
  if (Token.isUnresolved(location)) return;
  if (zonal) {
    checkName(scope, 'location', location, ZONE);
    checkKnownLocation(scope, 'location', location, 'zone');
    return;
  }
  if (ZONE.test(location)) {
    throw inputError(scope, 'location', location,
      'is a zone: a zonal control plane is unavailable during maintenance and Workload Identity then fails; ' +
      'it must be a region such as us-east1, or set zonal: true to accept that');
  }
  checkName(scope, 'location', location, REGION);
  checkKnownLocation(scope, 'location', location, 'region');
}
