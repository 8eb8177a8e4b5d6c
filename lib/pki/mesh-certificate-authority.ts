import { Construct } from 'constructs';
import { Annotations, ITerraformDependable, TerraformOutput, Token } from 'cdktf';
import { PrivatecaCaPool } from '@cdktf/provider-google/lib/privateca-ca-pool';
import { PrivatecaCaPoolIamMember } from '@cdktf/provider-google/lib/privateca-ca-pool-iam-member';
import {
  PrivatecaCertificateAuthority, PrivatecaCertificateAuthorityConfigX509Config,
} from '@cdktf/provider-google/lib/privateca-certificate-authority';
import { IWorkloadIdentityCluster } from '../core/cluster-ref';
import { GcpProject } from '../core/gcp-project';
import { checkListedOnce, inputError } from '../core/errors';
import { checkName, IAM_MEMBER, PROJECT_ID } from '../core/names';
import { CaKeyAlgorithm } from './ca-key-algorithm';
import { CaLifetime } from './ca-lifetime';
import { rootCaX509Config, subordinateMtlsPathlen0X509Config } from './ca-profiles';
import { checkCaServiceLocation, regionOf } from './ca-service-locations';
import { caPoolName, caPoolUri, checkCaServiceId } from './ca-service-names';
import {
  ExistingRootCaOptions, MeshCertificateAuthorityProps, RootCaOptions, SubordinateCaOptions,
} from './mesh-certificate-authority-props';
import { checkProps } from '../core/props';

const PRIVATECA_API = 'privateca.googleapis.com';

/** Where a pool lives and how IAM resources refer to it. */
interface PoolRef {
  readonly projectId: string;
  readonly location: string;
  readonly poolId: string;
  /** The pool's `id` attribute when created here, else its literal resource name. */
  readonly iamName: string;
}

/** A pool and CA created here. */
interface CreatedCa {
  readonly pool: PrivatecaCaPool;
  readonly ca: PrivatecaCertificateAuthority;
  readonly ref: PoolRef;
}

/** The root CA, created or adopted. */
interface RootCa {
  readonly ref: PoolRef;
  readonly caId: string;
  readonly keyAlgorithm?: CaKeyAlgorithm;
  readonly pool?: PrivatecaCaPool;
  readonly ca?: PrivatecaCertificateAuthority;
}

/** What distinguishes the root CA from the subordinate CA. */
interface CaProfile {
  readonly type: string;
  readonly x509Config: PrivatecaCertificateAuthorityConfigX509Config;
  readonly lifetime: CaLifetime;
  /** The issuing CA's full resource name, for a subordinate. */
  readonly issuerName?: string;
}

/** The longest organization name (O=) of an X.509 subject: ub-organization-name of RFC 5280, appendix A.1. */
const X509_ORGANIZATION_MAX = 64;

/**
 * The CA Service hierarchy that signs GKE mesh certificates (guide 002, "create the certificate
 * authorities"): a root CA in an ENTERPRISE pool, created or adopted, and a subordinate CA in a DEVOPS pool
 * that issues the workload certificates. Grant the GKE service agent access with
 * {@link grantMeshCertificateIssuance}; point the cluster at the pools with `WorkloadCertificates`.
 */
export class MeshCertificateAuthority extends Construct {
  /** The project of the pools. */
  public readonly project: GcpProject;
  /** The root pool as the TrustConfig names it: `//privateca.googleapis.com/projects/P/locations/L/caPools/POOL`. */
  public readonly rootPoolUri: string;
  /**
   * The pool that issues workload certificates (the subordinate pool, or the root pool with
   * `issueFromRoot`), as the WorkloadCertificateConfig names it.
   */
  public readonly issuingPoolUri: string;
  /** The root CA's full resource name: `projects/P/locations/L/caPools/POOL/certificateAuthorities/CA`. */
  public readonly rootCaName: string;
  /** The region of the issuing pool. */
  public readonly issuingLocation: string;
  /** The key algorithm of the CA that issues workload certificates. */
  public readonly keyAlgorithm: CaKeyAlgorithm;
  /** The root CA's key algorithm; undefined for an adopted root whose algorithm was not given. */
  public readonly rootKeyAlgorithm?: CaKeyAlgorithm;
  /** The root pool, when created here. */
  public readonly rootPool?: PrivatecaCaPool;
  /** The root CA, when created here. */
  public readonly rootCa?: PrivatecaCertificateAuthority;
  /** The subordinate pool, unless certificates are issued from the root. */
  public readonly subordinatePool?: PrivatecaCaPool;
  /** The subordinate CA, unless certificates are issued from the root. */
  public readonly subordinateCa?: PrivatecaCertificateAuthority;

  private readonly props: MeshCertificateAuthorityProps;
  private readonly rootRef: PoolRef;
  private readonly issuingRef: PoolRef;
  private readonly issuanceGrants = new Map<string, PrivatecaCaPoolIamMember[]>();

  constructor(scope: Construct, id: string, props: MeshCertificateAuthorityProps) {
    super(scope, id);
    checkProps(this, props, { project: 'object!', location: 'string!', organization: 'string!', root: { poolId: 'string!', caId: 'string!', location: 'string', commonName: 'string', lifetime: 'object' }, existingRoot: { poolId: 'string!', caId: 'string!', location: 'string', projectId: 'string', keyAlgorithm: 'object' }, subordinate: { poolId: 'string!', caId: 'string!', location: 'string', commonName: 'string', lifetime: 'object' }, issueFromRoot: 'boolean', keyAlgorithm: 'object', operators: { caManagers: 'strings', admins: 'strings' }, deletionProtection: 'boolean', skipGracePeriod: 'boolean', ignoreActiveCertificatesOnDeletion: 'boolean', labels: 'map' });
    this.props = props;
    this.project = props.project;
    this.validateShape(props);

    if (props.root === undefined && props.subordinate === undefined && props.keyAlgorithm !== undefined) {
      throw inputError(this, 'keyAlgorithm', props.keyAlgorithm.value,
        'applies to the CAs this authority creates, and it creates none (existingRoot with issueFromRoot); ' +
        'give existingRoot.keyAlgorithm instead');
    }

    const root = props.root ? this.createRoot(props.root) : this.adoptRoot(props.existingRoot!);
    this.rootPool = root.pool;
    this.rootCa = root.ca;
    this.rootRef = root.ref;
    this.rootKeyAlgorithm = root.keyAlgorithm;
    this.rootCaName = `${caPoolName(root.ref.projectId, root.ref.location, root.ref.poolId)}/certificateAuthorities/${root.caId}`;
    this.rootPoolUri = caPoolUri(root.ref.projectId, root.ref.location, root.ref.poolId);

    if (props.subordinate) {
      const sub = this.createSubordinate(props.subordinate);
      this.subordinatePool = sub.pool;
      this.subordinateCa = sub.ca;
      this.issuingRef = sub.ref;
      this.keyAlgorithm = this.createdAlgorithm;
      this.warnOnHierarchyMismatch(props.root, props.subordinate);
    } else {
      if (!this.rootKeyAlgorithm) {
        throw inputError(this, 'existingRoot.keyAlgorithm', null, 'is required with issueFromRoot: the adopted root issues ' +
          'the workload certificates, and the workload key family is derived from it');
      }
      this.issuingRef = this.rootRef;
      this.keyAlgorithm = this.rootKeyAlgorithm;
      Annotations.of(this).addWarning(`${this.node.path}: issues mesh certificates straight from the root CA (issueFromRoot). ` +
        'The guide strongly recommends a subordinate CA in a DEVOPS pool, so the long-lived root only signs the subordinate; ' +
        'if you keep this, make sure the root pool still allows config-based issuance');
    }
    this.issuingLocation = this.issuingRef.location;
    this.issuingPoolUri = caPoolUri(this.issuingRef.projectId, this.issuingRef.location, this.issuingRef.poolId);

    this.grantOperators();
    new TerraformOutput(this, 'RootPoolUri', {
      value: this.rootPoolUri,
      description: 'The root CA pool URI, the trust anchor of the TrustConfig',
    });
    new TerraformOutput(this, 'IssuingPoolUri', {
      value: this.issuingPoolUri,
      description: 'The CA pool URI that issues mesh workload certificates (endpointURI of the WorkloadCertificateConfig)',
    });
  }

  /**
   * Lets GKE issue mesh certificates for the cluster's project, as the guide does for the GKE service agent
   * (`service-NUMBER@container-engine-robot.iam.gserviceaccount.com`): `roles/privateca.auditor` on the root pool
   * and `roles/privateca.certificateManager` on the issuing pool. The grant is per project, so a second cluster
   * of the same project adds nothing. Warns when the issuing pool is in another region than the cluster.
   */
  public grantMeshCertificateIssuance(cluster: IWorkloadIdentityCluster): void {
    const clusterRegion = regionOf(cluster.location);
    if (!Token.isUnresolved(cluster.location) && !Token.isUnresolved(this.issuingLocation) && clusterRegion !== this.issuingLocation) {
      Annotations.of(this).addWarning(`${this.node.path}: the issuing pool is in ${this.issuingLocation} but cluster ` +
        `${cluster.node.path} runs in ${clusterRegion}; the guide recommends the cluster's region for performance`);
    }
    const project = cluster.project;
    if (this.issuanceGrants.has(project.id)) return;
    const grants = new Construct(this, `MeshIssuance-${project.id}`);
    const member = project.gkeServiceAgentMember(this);
    this.issuanceGrants.set(project.id, [
      this.poolMember(grants, 'RootPoolAuditor', this.rootRef, 'roles/privateca.auditor', member),
      this.poolMember(grants, 'IssuingPoolCertificateManager', this.issuingRef, 'roles/privateca.certificateManager', member),
    ]);
  }

  /** @internal Whether {@link grantMeshCertificateIssuance} was called for a cluster of `project`. */
  public _grantsIssuanceTo(project: GcpProject): boolean {
    return this.issuanceGrants.has(project.id);
  }

  /** @internal What must exist before certificates can be issued: the CAs and the issuance grants. */
  public _issuanceDependencies(): ITerraformDependable[] {
    const cas = [this.rootCa, this.subordinateCa].filter((ca): ca is PrivatecaCertificateAuthority => ca !== undefined);
    return [...cas, ...[...this.issuanceGrants.values()].flat()];
  }

  /** The key algorithm of the CAs this authority creates. */
  private get createdAlgorithm(): CaKeyAlgorithm {
    return this.props.keyAlgorithm ?? CaKeyAlgorithm.EC_P256_SHA256;
  }

  private createRoot(options: RootCaOptions): CreatedCa & RootCa {
    const location = this.locationOf('root', options.location);
    const pool = this.createPool('RootPool', 'root', options.poolId, location, 'ENTERPRISE');
    const ca = this.createCa('RootCa', 'root', options, pool, location, {
      type: 'SELF_SIGNED',
      x509Config: rootCaX509Config(),
      lifetime: options.lifetime ?? CaLifetime.years(10),
    });
    const ref = { projectId: this.props.project.id, location, poolId: options.poolId, iamName: pool.id };
    return { pool, ca, ref, caId: options.caId, keyAlgorithm: this.createdAlgorithm };
  }

  private adoptRoot(existing: ExistingRootCaOptions): RootCa {
    const projectId = existing.projectId ?? this.props.project.id;
    checkName(this, 'existingRoot.projectId', projectId, PROJECT_ID);
    checkCaServiceId(this, 'existingRoot.poolId', existing.poolId);
    checkCaServiceId(this, 'existingRoot.caId', existing.caId);
    const location = this.locationOf('existingRoot', existing.location);
    const ref = { projectId, location, poolId: existing.poolId, iamName: caPoolName(projectId, location, existing.poolId) };
    return { ref, caId: existing.caId, keyAlgorithm: existing.keyAlgorithm };
  }

  private createSubordinate(options: SubordinateCaOptions): CreatedCa {
    const location = this.locationOf('subordinate', options.location);
    const root = this.rootRef;
    if (location === root.location && options.poolId === root.poolId && root.projectId === this.props.project.id) {
      throw inputError(this, 'subordinate.poolId', options.poolId,
        'must differ from the root pool id: the root lives in an ENTERPRISE pool and the subordinate in its own DEVOPS pool');
    }
    const pool = this.createPool('SubordinatePool', 'subordinate', options.poolId, location, 'DEVOPS');
    const ca = this.createCa('SubordinateCa', 'subordinate', options, pool, location, {
      type: 'SUBORDINATE',
      x509Config: subordinateMtlsPathlen0X509Config(),
      lifetime: options.lifetime ?? CaLifetime.years(3),
      // The provider signs the subordinate's CSR with this CA: the root's full name, never a pool.
      issuerName: this.rootCa ? this.rootCa.name : this.rootCaName,
    });
    return { pool, ca, ref: { projectId: this.props.project.id, location, poolId: options.poolId, iamName: pool.id } };
  }

  private validateShape(props: MeshCertificateAuthorityProps): void {
    if (!Token.isUnresolved(props.organization) && props.organization.trim() === '') {
      throw inputError(this, 'organization', props.organization, 'must name the organization of the CA subjects (O=)');
    }
    if (!Token.isUnresolved(props.organization) && props.organization.length > X509_ORGANIZATION_MAX) {
      throw inputError(this, 'organization', props.organization,
        `must be at most ${X509_ORGANIZATION_MAX} characters (${props.organization.length} given): X.509 bounds the subject's O= (ub-organization-name, RFC 5280)`);
    }
    checkCaServiceLocation(this, 'location', props.location);
    if ((props.root === undefined) === (props.existingRoot === undefined)) {
      throw inputError(this, 'root', props.root ?? null,
        'give exactly one of root (create a root CA) and existingRoot (adopt one by name)');
    }
    if (props.subordinate !== undefined && props.issueFromRoot) {
      throw inputError(this, 'issueFromRoot', true, 'cannot be combined with subordinate; choose one issuing CA');
    }
    if (props.subordinate === undefined && !props.issueFromRoot) {
      throw inputError(this, 'subordinate', null,
        'is required: the guide strongly recommends a subordinate CA for mesh certificates; ' +
        'set issueFromRoot: true to issue from the root instead');
    }
    if (props.apis && !props.apis.enables(PRIVATECA_API)) {
      throw inputError(this, 'apis', props.apis.node.path, `must enable ${PRIVATECA_API}, which the pools need`);
    }
  }

  private locationOf(field: string, location: string | undefined): string {
    if (location === undefined) return this.props.location;
    checkCaServiceLocation(this, `${field}.location`, location);
    return location;
  }

  private createPool(id: string, field: string, poolId: string, location: string, tier: string): PrivatecaCaPool {
    checkCaServiceId(this, `${field}.poolId`, poolId);
    return new PrivatecaCaPool(this, id, {
      project: this.props.project.id,
      name: poolId,
      location,
      tier,
      // What `gcloud privateca pools create` sets: CA certificates published, CRLs too except in the
      // DEVOPS tier, which cannot revoke certificates.
      publishingOptions: { publishCaCert: true, publishCrl: tier !== 'DEVOPS', encodingFormat: 'PEM' },
      labels: this.props.labels,
      dependsOn: this.props.apis?.resources,
    });
  }

  private createCa(
    id: string, field: string, options: RootCaOptions | SubordinateCaOptions, pool: PrivatecaCaPool, location: string,
    profile: CaProfile,
  ): PrivatecaCertificateAuthority {
    checkCaServiceId(this, `${field}.caId`, options.caId);
    const commonName = options.commonName ?? options.caId;
    if (!Token.isUnresolved(commonName) && commonName.trim() === '') {
      throw inputError(this, `${field}.commonName`, commonName, 'must not be empty');
    }
    return new PrivatecaCertificateAuthority(this, id, {
      project: this.props.project.id,
      location,
      pool: pool.name,
      certificateAuthorityId: options.caId,
      type: profile.type,
      subordinateConfig: profile.issuerName === undefined ? undefined : { certificateAuthority: profile.issuerName },
      keySpec: { algorithm: this.createdAlgorithm.value },
      config: {
        subjectConfig: { subject: { commonName, organization: this.props.organization } },
        x509Config: profile.x509Config,
      },
      lifetime: profile.lifetime.toTerraform(),
      deletionProtection: this.props.deletionProtection ?? true,
      skipGracePeriod: this.props.skipGracePeriod ?? false,
      ignoreActiveCertificatesOnDeletion: this.props.ignoreActiveCertificatesOnDeletion ?? false,
      labels: this.props.labels,
    });
  }

  private warnOnHierarchyMismatch(root: RootCaOptions | undefined, sub: SubordinateCaOptions): void {
    if (this.rootKeyAlgorithm && this.rootKeyAlgorithm.family !== this.keyAlgorithm.family) {
      Annotations.of(this).addWarning(`${this.node.path}: the root CA uses ${this.rootKeyAlgorithm.family.name} keys and the ` +
        `subordinate CA ${this.keyAlgorithm.family.name} keys; the guide recommends one key family for the whole hierarchy`);
    }
    const rootLifetime = root ? (root.lifetime ?? CaLifetime.years(10)).totalSeconds : undefined;
    const subLifetime = (sub.lifetime ?? CaLifetime.years(3)).totalSeconds;
    if (rootLifetime !== undefined && subLifetime > rootLifetime) {
      Annotations.of(this).addWarning(`${this.node.path}: the subordinate CA lifetime (${subLifetime}s) exceeds the root's ` +
        `(${rootLifetime}s); certificates stop validating when the root expires`);
    }
  }

  private grantOperators(): void {
    const operators = this.props.operators;
    if (!operators) return;
    const pools = [this.rootPool, this.subordinatePool].filter((p): p is PrivatecaCaPool => p !== undefined);
    const roles: [string, string, string[]][] = [
      ['caManagers', 'roles/privateca.caManager', operators.caManagers ?? []],
      ['admins', 'roles/privateca.admin', operators.admins ?? []],
    ];
    if (pools.length === 0 && roles.some(([, , members]) => members.length > 0)) {
      throw inputError(this, 'operators', operators,
        'are granted roles on the pools this authority creates, and it creates none (existingRoot with issueFromRoot)');
    }
    const scope = new Construct(this, 'Operators');
    for (const [field, role, members] of roles) {
      members.forEach((member, i) => {
        checkName(this, `operators.${field}[${i}]`, member, IAM_MEMBER);
        checkListedOnce(this, `operators.${field}[${i}]`, members, i);
        for (const pool of pools) {
          new PrivatecaCaPoolIamMember(scope, `${pool.node.id}-${role.replace('roles/privateca.', '')}-${member}`, {
            caPool: pool.id,
            role,
            member,
          });
        }
      });
    }
  }

  private poolMember(scope: Construct, id: string, pool: PoolRef, role: string, member: string): PrivatecaCaPoolIamMember {
    return new PrivatecaCaPoolIamMember(scope, id, { caPool: pool.iamName, role, member });
  }
}
