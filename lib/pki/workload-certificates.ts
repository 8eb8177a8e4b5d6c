import { Construct, IConstruct } from 'constructs';
import { Annotations, TerraformStack, Token } from 'cdktf';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { IWorkloadIdentityCluster } from '../core/cluster-ref';
import { inputError } from '../core/errors';
import { checkName, DNS_1123_SUBDOMAIN } from '../core/names';
import { isCaPoolUri } from './ca-service-names';
import { registerCertificateConfig } from './certificate-registry';
import { MeshCertificateAuthority } from './mesh-certificate-authority';
import {
  TrustConfigObject, WorkloadCertificateConfigObject, WorkloadTrustAnchor, WorkloadTrustStore,
} from './workload-certificate-crds';
import { WorkloadKeyAlgorithm } from './workload-key-algorithm';
import { checkProps, instanceOf, required } from '../core/props';

const API_VERSION = 'security.cloud.google.com/v1';
const PEM_CERTIFICATE_HEADER = '-----BEGIN CERTIFICATE-----';

/** Properties of {@link WorkloadCertificates}. */
export interface WorkloadCertificatesProps {
  /** The cluster, created with mesh certificates enabled, in an earlier stack. */
  readonly cluster: IWorkloadIdentityCluster;
  /** The CA hierarchy that issues and anchors the certificates. */
  readonly authority: MeshCertificateAuthority;
  /**
   * The key algorithm of workload keys.
   * @default - the issuing CA's family and strength (ECDSA P256 for the guide's ec-p256-sha256 CAs), as the
   * guide recommends; another family is reported as a warning
   */
  readonly keyAlgorithm?: WorkloadKeyAlgorithm;
  /**
   * How long issued certificates are valid, in seconds (a whole number of at least 1).
   * @default 86400 - one day, the CRD's default
   */
  readonly validityDurationSeconds?: number;
  /**
   * Start rotating a certificate when this percentage of its validity remains (a whole number, 0-100).
   * @default 50 - the CRD's default: rotation starts half-way through the validity
   */
  readonly rotationWindowPercentage?: number;
  /**
   * Trust stores for other trust domains (other projects' workload pools) whose workloads this cluster's
   * workloads should trust. The cluster's own trust domain is always anchored at the root pool.
   * @default - only the cluster's own trust domain
   */
  readonly additionalTrustStores?: WorkloadTrustStore[];
}

/**
 * The two cluster-scoped custom resources that make GKE issue mesh certificates, both named `default`
 * (guide 002): a WorkloadCertificateConfig that issues from the authority's issuing pool, and a TrustConfig
 * that anchors the cluster's trust domain `PROJECT_ID.svc.id.goog` at the root pool. They are applied with
 * `kubernetes_manifest` through `cluster.connect(scope)`, so they belong in a stack deployed after the cluster.
 */
export class WorkloadCertificates extends Construct {
  /** The WorkloadCertificateConfig object as applied. */
  public readonly workloadCertificateConfig: WorkloadCertificateConfigObject;
  /** The TrustConfig object as applied. */
  public readonly trustConfig: TrustConfigObject;
  /** The `kubernetes_manifest` of the WorkloadCertificateConfig. */
  public readonly workloadCertificateConfigResource: Manifest;
  /** The `kubernetes_manifest` of the TrustConfig. */
  public readonly trustConfigResource: Manifest;
  /** The key algorithm of workload keys. */
  public readonly keyAlgorithm: WorkloadKeyAlgorithm;
  /** The cluster's SPIFFE trust domain: `PROJECT_ID.svc.id.goog`. */
  public readonly trustDomain: string;

  constructor(scope: Construct, id: string, props: WorkloadCertificatesProps) {
    super(scope, id);
    checkProps(this, props, { cluster: 'object!', authority: 'object!', keyAlgorithm: instanceOf(WorkloadKeyAlgorithm, 'WorkloadKeyAlgorithm'), validityDurationSeconds: 'number', rotationWindowPercentage: 'number', additionalTrustStores: [{ trustDomain: 'string!', trustAnchors: required([{ certificateAuthorityServiceURI: 'string', pemCertificate: 'string', spiffeTrustBundleEndpoint: 'string' }]) }] });
    const { cluster, authority } = props;
    this.checkPlacement(cluster);
    const validityDurationSeconds = props.validityDurationSeconds ?? 86400;
    const rotationWindowPercentage = props.rotationWindowPercentage ?? 50;
    checkWholeNumber(this, 'validityDurationSeconds', validityDurationSeconds, 1, Number.MAX_SAFE_INTEGER);
    checkWholeNumber(this, 'rotationWindowPercentage', rotationWindowPercentage, 0, 100);

    this.keyAlgorithm = props.keyAlgorithm ?? authority.keyAlgorithm.workloadKeyAlgorithm;
    this.warnOnKeyFamilyMismatch(authority);
    this.trustDomain = cluster.workloadPool;
    const trustStores = [
      { trustDomain: this.trustDomain, trustAnchors: [{ certificateAuthorityServiceURI: authority.rootPoolUri }] },
      ...this.checkedTrustStores(props.additionalTrustStores ?? []),
    ];

    this.workloadCertificateConfig = {
      apiVersion: API_VERSION,
      kind: 'WorkloadCertificateConfig',
      metadata: { name: 'default' },
      spec: {
        certificateAuthorityConfig: { certificateAuthorityServiceConfig: { endpointURI: authority.issuingPoolUri } },
        keyAlgorithm: this.keyAlgorithm.spec,
        validityDurationSeconds,
        rotationWindowPercentage,
      },
    };
    this.trustConfig = {
      apiVersion: API_VERSION,
      kind: 'TrustConfig',
      metadata: { name: 'default' },
      spec: { trustStores },
    };

    const provider = cluster.connect(this);
    const dependsOn = this.orderAfter(authority);
    this.workloadCertificateConfigResource = new Manifest(this, 'WorkloadCertificateConfig', {
      provider, dependsOn, manifest: { ...this.workloadCertificateConfig },
    });
    this.trustConfigResource = new Manifest(this, 'TrustConfig', {
      provider, dependsOn, manifest: { ...this.trustConfig },
    });
    registerCertificateConfig(this, cluster.clusterId, [this.workloadCertificateConfigResource, this.trustConfigResource]);

    this.node.addValidation({
      validate: () => {
        if (!authority._grantsIssuanceTo(cluster.project)) {
          warnOnce(this, `${this.node.path}: ${authority.node.path} grants the GKE service agent of project ` +
            `${cluster.project.id} no access to its pools, so no certificate will be issued; call ` +
            'grantMeshCertificateIssuance(cluster), or grant roles/privateca.auditor on the root pool and ' +
            'roles/privateca.certificateManager on the issuing pool outside this app');
        }
        return [];
      },
    });
  }

  /** The CRDs exist only in a running cluster with mesh certificates, planned from a later stack. */
  private checkPlacement(cluster: IWorkloadIdentityCluster): void {
    const stack = TerraformStack.of(this);
    if (stack === TerraformStack.of(cluster)) {
      throw inputError(this, 'stack', stack.node.id,
        'must not be the stack that creates the cluster: WorkloadCertificateConfig and TrustConfig are custom resources, ' +
        'and Terraform plans kubernetes_manifest against the live cluster API, where their CRDs exist only once the ' +
        'cluster runs with mesh certificates. Create WorkloadCertificates in a later stack (for example "workloads")');
    }
    if (!cluster.meshCertificatesEnabled) {
      throw inputError(this, 'cluster', cluster.node.path,
        'must have mesh certificates enabled (meshCertificates: true): without them GKE installs neither the CRDs nor the ' +
        'certificate issuer');
    }
  }

  private warnOnKeyFamilyMismatch(authority: MeshCertificateAuthority): void {
    const caFamilies = [authority.keyAlgorithm, authority.rootKeyAlgorithm]
      .filter((a) => a !== undefined)
      .map((a) => a.family);
    if (caFamilies.some((family) => family !== this.keyAlgorithm.family)) {
      Annotations.of(this).addWarning(`${this.node.path}: workload keys use ${this.keyAlgorithm.description} but the ` +
        `CAs of ${authority.node.path} use ${[...new Set(caFamilies.map((f) => f.name))].join(' and ')} keys; the guide ` +
        'recommends workload keys of the same family as the root and subordinate CAs, for compatibility with TLS stacks');
    }
  }

  private checkedTrustStores(stores: WorkloadTrustStore[]): WorkloadTrustStore[] {
    const domains = new Set([this.trustDomain]);
    stores.forEach((store, i) => {
      const field = `additionalTrustStores[${i}]`;
      checkName(this, `${field}.trustDomain`, store.trustDomain, DNS_1123_SUBDOMAIN);
      if (domains.has(store.trustDomain)) {
        throw inputError(this, `${field}.trustDomain`, store.trustDomain, store.trustDomain === this.trustDomain
          ? 'is the cluster\'s own trust domain, which is already anchored at the root pool'
          : 'appears twice; GKE rejects a TrustConfig with two stores for one trust domain');
      }
      domains.add(store.trustDomain);
      if (store.trustAnchors.length === 0) {
        throw inputError(this, `${field}.trustAnchors`, [], 'must list at least one anchor');
      }
      store.trustAnchors.forEach((anchor, j) => checkTrustAnchor(this, `${field}.trustAnchors[${j}]`, anchor));
    });
    return stores;
  }

  /** Deploys after the CAs and grants: by stack order, or inside one stack by `depends_on`. */
  private orderAfter(authority: MeshCertificateAuthority) {
    const stack = TerraformStack.of(this);
    const authorityStack = TerraformStack.of(authority);
    if (authorityStack !== stack) {
      stack.addDependency(authorityStack);
      return undefined;
    }
    return authority._issuanceDependencies();
  }
}

function checkWholeNumber(scope: IConstruct, field: string, value: number, min: number, max: number): void {
  if (Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw inputError(scope, field, value, `must be a whole number ${range}`);
  }
}

function checkTrustAnchor(scope: IConstruct, field: string, anchor: WorkloadTrustAnchor): void {
  const given = Object.entries(anchor).filter(([, value]) => value !== undefined);
  if (given.length !== 1) {
    throw inputError(scope, field, anchor,
      'must set exactly one of certificateAuthorityServiceURI, pemCertificate and spiffeTrustBundleEndpoint');
  }
  const [[key, value]] = given as [string, string][];
  if (Token.isUnresolved(value)) return;
  if (key === 'certificateAuthorityServiceURI' && !isCaPoolUri(value)) {
    throw inputError(scope, `${field}.${key}`, value, 'must be a CA pool URI: //privateca.googleapis.com/projects/P/locations/L/caPools/POOL');
  }
  if (key === 'pemCertificate' && value.split(PEM_CERTIFICATE_HEADER).length !== 2) {
    throw inputError(scope, `${field}.${key}`, value, `must hold exactly one PEM certificate (${PEM_CERTIFICATE_HEADER} …); give one anchor per certificate`);
  }
  if (key === 'spiffeTrustBundleEndpoint' && !/^https:\/\/[^\s/]+/.test(value)) {
    throw inputError(scope, `${field}.${key}`, value, 'must be an https:// URL serving a SPIFFE trust bundle');
  }
}

/** Adds a warning unless the construct already carries it (validations can run more than once). */
function warnOnce(scope: IConstruct, message: string): void {
  if (!scope.node.metadata.some((entry) => entry.data === message)) Annotations.of(scope).addWarning(message);
}
