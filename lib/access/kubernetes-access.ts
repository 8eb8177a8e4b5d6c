import { Construct } from 'constructs';
import { TerraformResource } from 'cdktf';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { RoleV1 } from '@cdktf/provider-kubernetes/lib/role-v1';
import { RoleBindingV1 } from '@cdktf/provider-kubernetes/lib/role-binding-v1';
import { ClusterRoleV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-v1';
import { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
import { IWorkloadIdentityCluster } from '../core/cluster-ref';
import { inputError } from '../core/errors';
import { checkName, DNS_1123_LABEL, DNS_1123_SUBDOMAIN } from '../core/names';
import { GoogleIdentity } from './google-identity';
import { checkProps } from '../core/props';
import { Token } from 'cdktf';

/** The verbs of the Kubernetes API that RBAC rules grant (https://kubernetes.io/docs/reference/access-authn-authz/authorization/#determine-the-request-verb). */
const RBAC_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate', 'approve', 'sign', 'proxy'];

/** One RBAC rule: verbs on resources of API groups. */
export interface KubernetesAccessRule {
  /**
   * The API groups, `''` for the core group.
   * @default [''] - the core API group
   */
  readonly apiGroups?: string[];
  /** The resources, such as `pods` or `roles`. */
  readonly resources: string[];
  /** The verbs, listed one by one (no `*`), such as `get`, `list`, `watch`. */
  readonly verbs: string[];
}

/** Properties of {@link KubernetesAccess}. */
export interface KubernetesAccessProps {
  /** The cluster whose Kubernetes API the identity reaches. */
  readonly cluster: IWorkloadIdentityCluster;
  /** The Google identity granted access. */
  readonly identity: GoogleIdentity;
  /** The name of the Role (or ClusterRole) and its binding. */
  readonly name: string;
  /**
   * The namespace of the Role and RoleBinding. Required unless `clusterWide` is set.
   * @default - none: required for namespaced access
   */
  readonly namespace?: string;
  /**
   * The rules of a Role (or ClusterRole) created for this grant. Give either rules or `existingClusterRole`.
   * @default - none
   */
  readonly rules?: KubernetesAccessRule[];
  /**
   * Bind an existing ClusterRole (such as `view`) instead of creating a role. Bound with a namespaced
   * RoleBinding unless `clusterWide` is set.
   * @default - a role is created from `rules`
   */
  readonly existingClusterRole?: string;
  /**
   * Grant across all namespaces with a ClusterRole and ClusterRoleBinding. An explicit choice: namespaced
   * access is the least-privilege default.
   * @default false
   */
  readonly clusterWide?: boolean;
  /**
   * The IAM role that lets the identity reach the cluster's API at all (`container.clusters.get`).
   * Only `roles/container.*` roles are accepted.
   * @default 'roles/container.clusterViewer' - API access with no Kubernetes permissions of its own
   */
  readonly iamRole?: string;
}

/**
 * Gives a Google identity (user, group or service account) Kubernetes permissions through RBAC, plus the
 * IAM role that lets it reach the cluster's API. Fixes the troubleshooting guide's
 * `Error from server (Forbidden): … requires one of ["container.roles.list"] permission(s)` by granting
 * the RBAC rule instead of a broad IAM role. Lives in the workloads stack.
 */
export class KubernetesAccess extends Construct {
  /** The IAM grant on the cluster's project. */
  public readonly iamMember: ProjectIamMember;
  /** The RoleBinding (namespaced) or ClusterRoleBinding (cluster-wide). */
  public readonly binding: TerraformResource;

  constructor(scope: Construct, id: string, props: KubernetesAccessProps) {
    super(scope, id);
    checkProps(this, props, { cluster: 'object!', identity: 'object!', name: 'string!', namespace: 'string', rules: [{ apiGroups: 'strings', resources: 'strings!', verbs: 'strings!' }], existingClusterRole: 'string', clusterWide: 'boolean', iamRole: 'string' });
    checkName(this, 'name', props.name, DNS_1123_SUBDOMAIN);
    const clusterWide = props.clusterWide ?? false;
    if (!clusterWide && props.namespace === undefined) {
      throw inputError(this, 'namespace', undefined,
        'is required for namespaced access; set clusterWide: true to grant a ClusterRole across all namespaces explicitly');
    }
    if (clusterWide && props.namespace !== undefined) {
      throw inputError(this, 'namespace', props.namespace, 'cannot be combined with clusterWide: true');
    }
    checkName(this, 'namespace', props.namespace, DNS_1123_LABEL);
    const iamRole = props.iamRole ?? 'roles/container.clusterViewer';
    if (!Token.isUnresolved(iamRole) && !iamRole.startsWith('roles/container.')) {
      throw inputError(this, 'iamRole', iamRole, 'must be a GKE role (roles/container.*), such as roles/container.clusterViewer');
    }
    if ((props.rules === undefined) === (props.existingClusterRole === undefined)) {
      throw inputError(this, 'rules', props.rules, 'give either rules (a role is created) or existingClusterRole, not both or neither');
    }
    (props.rules ?? []).forEach((rule, i) => checkRule(this, i, rule));

    const provider = props.cluster.connect(this);
    this.iamMember = new ProjectIamMember(this, 'ClusterApiAccess', {
      project: props.cluster.project.id,
      role: iamRole,
      member: props.identity.iamMember,
    });
    const metadata = { name: props.name, namespace: props.namespace };
    const rule = props.rules?.map((r) => ({ apiGroups: r.apiGroups ?? [''], resources: r.resources, verbs: r.verbs }));
    const subject = [{ kind: props.identity.subjectKind, name: props.identity.email, apiGroup: 'rbac.authorization.k8s.io' }];
    let roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: props.existingClusterRole ?? props.name };
    if (rule && clusterWide) {
      new ClusterRoleV1(this, 'Role', { provider, metadata: { name: props.name }, rule });
    } else if (rule) {
      new RoleV1(this, 'Role', { provider, metadata, rule });
      roleRef = { ...roleRef, kind: 'Role' };
    }
    this.binding = clusterWide
      ? new ClusterRoleBindingV1(this, 'Binding', { provider, metadata: { name: props.name }, roleRef, subject })
      : new RoleBindingV1(this, 'Binding', { provider, metadata, roleRef, subject });
  }
}

function checkRule(scope: Construct, index: number, rule: KubernetesAccessRule): void {
  const unknownVerb = rule.verbs.find((v) => !Token.isUnresolved(v) && v !== '*' && !RBAC_VERBS.includes(v));
  if (unknownVerb !== undefined) {
    throw inputError(scope, `rules[${index}].verbs[${rule.verbs.indexOf(unknownVerb)}]`, unknownVerb, `must be a Kubernetes API verb: ${RBAC_VERBS.join(', ')}`);
  }
  if (rule.verbs.length === 0 || rule.verbs.includes('*')) {
    throw inputError(scope, `rules[${index}].verbs`, rule.verbs, 'must list the verbs one by one (no "*"), such as ["get", "list", "watch"]');
  }
  if (rule.resources.length === 0 || rule.resources.includes('*')) {
    throw inputError(scope, `rules[${index}].resources`, rule.resources, 'must list the resources one by one (no "*"), such as ["pods"]');
  }
}
