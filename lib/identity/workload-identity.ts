import { Construct, IConstruct } from 'constructs';
import { Annotations as ConstructAnnotations, ITerraformDependable, TerraformResource, TerraformStack, Token } from 'cdktf';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Annotations as KubernetesAnnotations } from '@cdktf/provider-kubernetes/lib/annotations';
import { inputError } from '../core/errors';
import { checkProps } from '../core/props';
import { checkName, DNS_1123_LABEL, DNS_1123_SUBDOMAIN, PROJECT_ID } from '../core/names';
import type { IWorkloadIdentityCluster } from '../core/cluster-ref';
import { runsOlderThan } from '../core/gke-version';
import { Grant } from './grant';
import { grantId, poolDependencies } from './grant-support';
import { IGrantable } from '../core/grantable';
import { IdentityRegistration, IdentityRegistry, METADATA_SERVER_KSA_LIMIT, RegisteredAccount, registryOf } from './identity-registry';
import { GCP_SERVICE_ACCOUNT_ANNOTATION } from '../core/gke-facts';
import { linkViolations, writtenAnnotation } from './link-consistency';
import { WorkloadPrincipal } from './workload-principal';
import { WorkloadIdentityProps } from './workload-identity-options';
import { WorkloadServiceAccount } from './workload-service-account';
import { checkKubernetesLabels } from '../core/value-rules';
import { checkGrantableRole } from '../core/iam-roles';

const QUOTA_PROJECT_ANNOTATION = 'iam.gke.io/credential-quota-project';
const BUILT_IN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
const QUOTA_PROJECT_MIN_VERSION = '1.24';

/**
 * The identity of one workload under Workload Identity Federation for GKE: one Kubernetes service account
 * (created or adopted, in a namespace created on request) and how Google Cloud sees it.
 *
 * - Direct access (default): roles go to the KSA's principal (`principal://…/subject/ns/NS/sa/KSA`).
 * - Linked (`linkedTo` or `linkedServiceAccount`): `roles/iam.workloadIdentityUser` on a Google service
 *   account for exactly this KSA (never a namespace or the pool), and the KSA annotation naming it.
 *
 * Lives in the workloads stack; the cluster's stack deploys first.
 */
export class WorkloadIdentity extends Construct implements IGrantable {
  /** The well-known annotation that links a KSA to a Google service account. */
  public static readonly GCP_SERVICE_ACCOUNT_ANNOTATION = GCP_SERVICE_ACCOUNT_ANNOTATION;
  /** The annotation that names the KSA's credential quota project. */
  public static readonly QUOTA_PROJECT_ANNOTATION = QUOTA_PROJECT_ANNOTATION;

  /** The cluster the workload runs in. */
  public readonly cluster: IWorkloadIdentityCluster;
  /** The KSA as an IAM principal, legacy member and SPIFFE id. */
  public readonly principal: WorkloadPrincipal;
  /** The Kubernetes namespace. */
  public readonly namespace: string;
  /** The KSA name. */
  public readonly serviceAccountName: string;
  /** Whether pods get the KSA's Kubernetes API token mounted (pod specs must say the same). */
  public readonly automountToken: boolean;
  /** The kubernetes provider of the identity's Kubernetes resources. */
  public readonly kubernetesProvider: KubernetesProvider;
  /** The Google service account the KSA is linked to, if any. */
  public readonly linkedServiceAccount?: WorkloadServiceAccount;
  /** The created namespace, when `createNamespace` is set. */
  public readonly namespaceResource?: NamespaceV1;
  /** The created KSA, unless an existing one was adopted. */
  public readonly serviceAccount?: ServiceAccountV1;
  /** The annotations written onto an adopted KSA, when it needs any. */
  public readonly serviceAccountAnnotations?: KubernetesAnnotations;
  /** `roles/iam.workloadIdentityUser` on the linked service account for this KSA, when linked. */
  public readonly workloadIdentityUserBinding?: ServiceAccountIamMember;
  /** `roles/serviceusage.serviceUsageConsumer` on the quota project, when one is given. */
  public readonly quotaProjectGrant?: ProjectIamMember;
  /** The KSA annotations this identity writes. */
  public readonly annotations: { [key: string]: string };
  private readonly sharedServiceAccount: boolean;
  private readonly grants: TerraformResource[] = [];

  constructor(scope: Construct, id: string, props: WorkloadIdentityProps) {
    super(scope, id);
    checkProps(this, props, {
      cluster: 'object!', namespace: 'string!', name: 'string!', createNamespace: 'boolean', namespaceLabels: 'map', existingServiceAccount: 'boolean',
      automountToken: 'boolean', labels: 'map', annotations: 'map', linkedTo: 'object', linkedServiceAccount: 'object', projectRoles: 'strings',
      quotaProject: 'string', kubernetesProvider: 'object',
    });
    (Token.isUnresolved(props.projectRoles) ? [] : props.projectRoles ?? []).forEach((role, i) => checkGrantableRole(this, `projectRoles[${i}]`, role));
    checkName(this, 'namespace', props.namespace, DNS_1123_LABEL);
    checkName(this, 'name', props.name, DNS_1123_SUBDOMAIN);
    checkKubernetesLabels(this, 'labels', props.labels);
    checkKubernetesLabels(this, 'namespaceLabels', props.namespaceLabels);
    this.checkOptions(props);
    this.cluster = props.cluster;
    this.namespace = props.namespace;
    this.serviceAccountName = props.name;
    this.automountToken = props.automountToken ?? false;
    this.principal = new WorkloadPrincipal({ project: props.cluster.project, namespace: props.namespace, serviceAccountName: props.name });
    this.kubernetesProvider = props.kubernetesProvider ?? props.cluster.connect(scope);

    this.sharedServiceAccount = props.linkedTo !== undefined;
    this.linkedServiceAccount = props.linkedTo ?? (props.linkedServiceAccount
      ? new WorkloadServiceAccount(this, 'GoogleServiceAccount', { project: props.cluster.project, ...props.linkedServiceAccount })
      : undefined);

    this.annotations = {
      ...props.annotations,
      ...(this.linkedServiceAccount ? { [GCP_SERVICE_ACCOUNT_ANNOTATION]: this.linkedServiceAccount.emailIn(this) } : {}),
      ...(props.quotaProject !== undefined ? { [QUOTA_PROJECT_ANNOTATION]: props.quotaProject } : {}),
    };

    const registry = registryOf(this);
    this.namespaceResource = this.createNamespace(props, registry);
    this.serviceAccount = props.existingServiceAccount ? undefined : this.createServiceAccount(props);
    this.serviceAccountAnnotations = props.existingServiceAccount && Object.keys(this.annotations).length > 0
      ? this.annotateServiceAccount(props) : undefined;
    const kubernetesObjects: (TerraformResource | undefined)[] = [this.serviceAccount, this.serviceAccountAnnotations];
    const inNamespace = kubernetesObjects.filter(isResource);
    registry.placeInNamespace(this.namespaceKey, inNamespace, this.namespaceResource);

    const waitForPool = optional(poolDependencies(this, props.cluster));
    if (this.linkedServiceAccount) {
      this.workloadIdentityUserBinding = new ServiceAccountIamMember(this, 'WorkloadIdentityUser', {
        serviceAccountId: this.linkedServiceAccount.resourceNameIn(this),
        role: 'roles/iam.workloadIdentityUser',
        member: this.principal.legacyMember,
        dependsOn: waitForPool,
      });
    }
    if (props.quotaProject !== undefined) {
      this.quotaProjectGrant = new ProjectIamMember(this, 'QuotaProjectConsumer', {
        project: props.quotaProject,
        role: 'roles/serviceusage.serviceUsageConsumer',
        member: this.principal.iamPrincipal(this),
        dependsOn: waitForPool,
      });
    }
    for (const role of props.projectRoles ?? []) this.grantProjectRole(role);

    this.register(registry);
  }

  /**
   * Grants `role` on a project (default: the cluster's) to this identity, once per role and project.
   * See {@link grantMember} for who receives it.
   */
  public grantProjectRole(role: string, project?: string): ProjectIamMember {
    const target = project ?? this.cluster.project.id;
    return this.grantOnce(grantId(this, 'project-role', [role, target]),
      (id) => Grant.onProject(this, id, { grantee: this, project: target, role }));
  }

  /** Grants `role` on a Cloud Storage bucket (its name, without `gs://`) to this identity, once per role and bucket. */
  public grantBucketRole(role: string, bucket: string): StorageBucketIamMember {
    return this.grantOnce(grantId(this, 'bucket-role', [role, bucket]),
      (id) => Grant.onBucket(this, id, { grantee: this, bucket, role }));
  }

  /**
   * Grants `role` on an Artifact Registry repository (default project: the cluster's) to this identity,
   * once per role and repository.
   */
  public grantRepositoryRole(role: string, location: string, repository: string, project?: string): ArtifactRegistryRepositoryIamMember {
    const target = project ?? this.cluster.project.id;
    return this.grantOnce(grantId(this, 'repository-role', [role, target, location, repository]),
      (id) => Grant.onRepository(this, id, { grantee: this, project: target, location, repository, role }));
  }

  /**
   * Who Google Cloud sees when the workload calls an API: the KSA's principal (direct access), or the
   * identity's own linked service account. An identity linked to a shared account (`linkedTo`) refuses
   * grants: grant to that account, knowing every KSA linked to it receives the role.
   */
  public grantMember(scope: IConstruct): string {
    if (this.sharedServiceAccount && this.linkedServiceAccount) {
      throw inputError(scope, 'grantee', this.node.path,
        `is linked to the Google service account ${this.linkedServiceAccount.node.path} (linkedTo), so its pods act as that account; ` +
        'grant the role to that WorkloadServiceAccount instead (every KSA linked to it receives the role), or drop linkedTo for direct access');
    }
    return this.linkedServiceAccount ? this.linkedServiceAccount.iamMemberIn(scope) : this.principal.iamPrincipal(scope);
  }

  /** The cluster, when a direct-access grant is in the cluster's stack (the workload pool must exist first). */
  public grantDependencies(scope: IConstruct): ITerraformDependable[] {
    return this.linkedServiceAccount ? [] : poolDependencies(scope, this.cluster);
  }

  /**
   * What a workload running as this identity should wait for in the identity's stack: the namespace, the
   * KSA (or its annotations), the link and the grants made here. Pass it as `dependsOn` of pods, jobs and
   * deployments, so they never start before their credentials work.
   */
  public get dependables(): ITerraformDependable[] {
    const stack = TerraformStack.of(this);
    const candidates: (TerraformResource | undefined)[] = [
      this.namespaceResource, this.serviceAccount, this.serviceAccountAnnotations, this.workloadIdentityUserBinding,
      this.quotaProjectGrant, ...this.grants,
      ...(this.linkedServiceAccount?.projectGrants ?? []),
    ];
    return candidates.filter((r): r is TerraformResource => r !== undefined && TerraformStack.of(r) === stack);
  }

  private get namespaceKey(): string {
    return `${this.cluster.clusterId}|${this.namespace}`;
  }

  private createNamespace(props: WorkloadIdentityProps, registry: IdentityRegistry): NamespaceV1 | undefined {
    if (!props.createNamespace) return undefined;
    const creator = registry.namespaceCreator(this.namespaceKey);
    if (creator) {
      throw inputError(this, 'createNamespace', true,
        `namespace ${props.namespace} is already created by ${creator.node.path}; drop createNamespace here (this identity then waits for that namespace)`);
    }
    return new NamespaceV1(this, 'Namespace', {
      provider: this.kubernetesProvider,
      metadata: { name: props.namespace, labels: props.namespaceLabels },
      waitForDefaultServiceAccount: props.existingServiceAccount ? true : undefined,
    });
  }

  private createServiceAccount(props: WorkloadIdentityProps): ServiceAccountV1 {
    return new ServiceAccountV1(this, 'Resource', {
      provider: this.kubernetesProvider,
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: props.labels,
        annotations: Object.keys(this.annotations).length > 0 ? this.annotations : undefined,
      },
      automountServiceAccountToken: this.automountToken,
    });
  }

  /** Writes this identity's annotations, and only those keys, onto an adopted KSA. */
  private annotateServiceAccount(props: WorkloadIdentityProps): KubernetesAnnotations {
    return new KubernetesAnnotations(this, 'Annotations', {
      provider: this.kubernetesProvider,
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: props.name, namespace: props.namespace },
      annotations: this.annotations,
    });
  }

  private grantOnce<T extends TerraformResource>(id: string, create: (id: string) => T): T {
    const existing = this.node.tryFindChild(id);
    if (existing) return existing as T;
    const grant = create(id);
    this.grants.push(grant);
    return grant;
  }

  private checkOptions(props: WorkloadIdentityProps): void {
    if (props.createNamespace && BUILT_IN_NAMESPACES.includes(props.namespace)) {
      throw inputError(this, 'namespace', props.namespace,
        `always exists (built-in namespaces: ${BUILT_IN_NAMESPACES.join(', ')}); drop createNamespace to use it`);
    }
    if (props.namespaceLabels !== undefined && !props.createNamespace && !Token.isUnresolved(props.namespaceLabels)) {
      throw inputError(this, 'namespaceLabels', props.namespaceLabels, 'only label a namespace this identity creates; set createNamespace: true');
    }
    if (props.existingServiceAccount) {
      if (props.automountToken !== undefined) {
        throw inputError(this, 'automountToken', props.automountToken, 'only applies to a KSA this identity creates; the adopted KSA keeps its own setting');
      }
      if (props.labels !== undefined) {
        throw inputError(this, 'labels', props.labels, 'only apply to a KSA this identity creates; the adopted KSA keeps its own labels');
      }
    }
    for (const key of [GCP_SERVICE_ACCOUNT_ANNOTATION, QUOTA_PROJECT_ANNOTATION]) {
      const value = props.annotations?.[key];
      if (value === undefined) continue;
      const rule = key === GCP_SERVICE_ACCOUNT_ANNOTATION
        ? 'is written from linkedTo or linkedServiceAccount, together with the roles/iam.workloadIdentityUser binding it needs; an annotation ' +
          'without that binding makes the metadata server answer 403'
        : 'is written from quotaProject, together with roles/serviceusage.serviceUsageConsumer for the principal; a quota project without the ' +
          "principal's grant fails every token request";
      throw inputError(this, `annotations["${key}"]`, value, rule);
    }
    if (props.linkedTo !== undefined && props.linkedServiceAccount !== undefined) {
      throw inputError(this, 'linkedServiceAccount', props.linkedServiceAccount,
        'give either linkedTo (an account created elsewhere) or linkedServiceAccount (one created here), not both: a KSA links to one account');
    }
    if (props.linkedTo !== undefined && props.projectRoles !== undefined) {
      throw inputError(this, 'projectRoles', props.projectRoles,
        `pods act as the linked account ${props.linkedTo.node.path}; grant the roles to it (projectRoles or grantProjectRole there), ` +
        'knowing every KSA linked to it receives them');
    }
    if (props.quotaProject !== undefined) {
      checkName(this, 'quotaProject', props.quotaProject, PROJECT_ID);
      if (runsOlderThan(props.cluster.controlPlaneVersion, QUOTA_PROJECT_MIN_VERSION)) {
        throw inputError(this, 'quotaProject', props.quotaProject,
          `needs GKE 1.24 or later, but the cluster pins controlPlaneVersion ${props.cluster.controlPlaneVersion}`);
      }
    }
  }

  /** Records the identity app-wide: the metadata-server limit, and links that must agree across identities of one KSA. */
  private register(registry: IdentityRegistry): void {
    const account = this.linkedServiceAccount;
    const boundAccount: RegisteredAccount | undefined = account ? { email: account.email, literalEmail: account._literalEmail } : undefined;
    const managed = this.serviceAccount ?? this.serviceAccountAnnotations;
    const registration: IdentityRegistration = {
      key: `${this.namespaceKey}|${this.serviceAccountName}`,
      annotatedAccount: managed ? () => writtenAnnotation(managed) : undefined,
      boundAccount,
    };
    if (registry.register(registration)) {
      ConstructAnnotations.of(this).addWarning(
        `${this.node.path}: more than ${METADATA_SERVER_KSA_LIMIT} Kubernetes service accounts use Workload Identity in this app ` +
        `(this is number ${registry.size}): the gke-metadata-server DaemonSet uses memory per KSA of its cluster and is OOM-killed ` +
        `(CrashLoopBackOff in kube-system) above about ${METADATA_SERVER_KSA_LIMIT}; keep each cluster below that`);
    }
    this.node.addValidation({ validate: () => linkViolations(registration, registry.peersOf(registration), `${this.namespace}/${this.serviceAccountName}`) });
  }
}

function isResource(resource: TerraformResource | undefined): resource is TerraformResource {
  return resource !== undefined;
}

function optional(dependencies: ITerraformDependable[]): ITerraformDependable[] | undefined {
  return dependencies.length > 0 ? dependencies : undefined;
}
