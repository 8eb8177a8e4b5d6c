import { ZONE } from '../core/names';
import { appendTo, TfResource } from '../core/app-index';
import { ClusterInfo } from './cluster-map';
import { parseWorkloadMember, ServiceAccountIdentity, workloadMemberProblem } from './gcp-identities';
import { GrantLevel, iamGrants } from './iam-grants';
import { KsaObject } from './kubernetes-objects';
import { explicitOptOut } from './library-opt-outs';
import { Rule, RuleContext } from './rule';
import { SecuritySeverity } from './security-finding';
import { isUnknown, literalString } from '../core/terraform-values';

const GUIDE_000_AUTH = 'Guide 000, "Pod が Google Cloud で認証されない"';
const WORKLOAD_IDENTITY_USER = 'roles/iam.workloadIdentityUser';
/** The most Kubernetes service accounts a cluster's gke-metadata-server handles before it runs out of memory. */
const MAX_KSAS_PER_CLUSTER = 3000;

/** WI-1: the IAM Service Account Credentials API is enabled where WI clusters run. */
export const WI_1: Rule = {
  id: 'WI-1',
  severity: SecuritySeverity.ERROR,
  title: 'IAM Service Account Credentials API not enabled for a Workload Identity cluster',
  fix: 'enable iamcredentials.googleapis.com (ProjectServices with ProjectServices.WORKLOAD_IDENTITY)',
  source: `${GUIDE_000_AUTH}, check 1 (IAM Service Account Credentials API)`,
  check(context) {
    const services = context.index.resources('google_project_service').map((s) => ({
      project: context.index.projectOf(s), service: s.config.service,
    }));
    for (const cluster of context.clusters.all) {
      if (!cluster.workloadIdentity) continue;
      const sameProject = services.filter((s) => s.project === undefined || cluster.project === undefined || s.project === cluster.project);
      if (sameProject.some((s) => s.service === 'iamcredentials.googleapis.com' || isUnknown(s.service))) continue;
      const project = cluster.project === undefined ? 'the cluster\'s project' : `project ${cluster.project}`;
      if (sameProject.length > 0) {
        context.report(this, cluster.resource, `the app enables APIs of ${project} but not iamcredentials.googleapis.com, without which pods cannot get Google credentials`);
      } else {
        context.report(this, cluster.resource, `the app enables no API of ${project}, so nothing shows iamcredentials.googleapis.com is on`,
          { severity: SecuritySeverity.WARNING, fix: 'enable iamcredentials.googleapis.com in this app, or suppress this finding if the API is enabled outside it' });
      }
    }
  },
};

/** WI-2: Standard clusters have their project's workload pool. */
export const WI_2: Rule = {
  id: 'WI-2',
  severity: SecuritySeverity.ERROR,
  title: 'Workload Identity pool missing or wrong on a cluster',
  fix: 'set workload_identity_config { workload_pool = "PROJECT_ID.svc.id.goog" } (WorkloadIdentityCluster always does)',
  source: `${GUIDE_000_AUTH}, check 2 (workloadIdentityConfig.workloadPool); Guide 001`,
  check(context) {
    for (const cluster of context.clusters.all) {
      if (cluster.autopilot) continue;
      const pool = cluster.resource.config.workload_identity_config;
      if (isUnknown(pool)) continue;
      if (!cluster.workloadIdentity) {
        context.report(this, cluster.resource, 'workload_identity_config.workload_pool is not set: pods cannot use Workload Identity and fall back to the node\'s credentials');
        continue;
      }
      const literal = cluster.workloadPool;
      if (literal === undefined) continue;
      const expected = cluster.project === undefined ? undefined : `${cluster.project}.svc.id.goog`;
      if (!literal.endsWith('.svc.id.goog') || (expected !== undefined && literal !== expected)) {
        context.report(this, cluster.resource, `workload_pool is ${JSON.stringify(literal)}; GKE only accepts ${expected ?? 'PROJECT_ID.svc.id.goog'}`);
      }
    }
  },
};

/** A workloadIdentityUser grant on one Google service account, for one KSA. */
interface WorkloadBinding {
  readonly resource: TfResource;
  readonly account?: ServiceAccountIdentity;
  readonly namespace?: string;
  readonly serviceAccount?: string;
  readonly pool?: string;
}

interface BindingIndex {
  /** Bindings by `namespace/ksa`. */
  readonly byKsa: Map<string, WorkloadBinding[]>;
  /** Keys of Google service accounts whose bindings cannot all be read (unknown members or a whole policy). */
  readonly unreadable: Set<string>;
  /** Whether some binding's Google service account or member is unknown altogether. */
  readonly anyUnreadable: boolean;
}

function workloadBindings(context: RuleContext): BindingIndex {
  return context.shared('workload-bindings', () => {
    const byKsa = new Map<string, WorkloadBinding[]>();
    const unreadable = new Set<string>();
    let anyUnreadable = false;
    const markUnreadable = (account?: ServiceAccountIdentity) => {
      if (account) unreadable.add(account.key);
      else anyUnreadable = true;
    };
    for (const grant of iamGrants(context)) {
      if (grant.level !== GrantLevel.SERVICE_ACCOUNT) continue;
      const account = context.accounts.of(grant.serviceAccountId, grant.resource.element);
      if (grant.role === undefined || (isUnknown(grant.member) && !grant.member.includes('svc.id.goog'))) {
        if (grant.role === undefined || grant.role === WORKLOAD_IDENTITY_USER) markUnreadable(account);
        continue;
      }
      if (grant.role !== WORKLOAD_IDENTITY_USER) continue;
      if (grant.member.startsWith('principalSet://')) {
        // a whole namespace (`…/namespace/NS`) binds every KSA in it; other sets cannot be matched to a KSA
        const namespace = /\/namespace\/([^/]+)$/.exec(grant.member)?.[1];
        if (namespace === undefined || isUnknown(namespace)) markUnreadable(account);
        else appendTo(byKsa, `${namespace}/*`, { resource: grant.resource, account, namespace, serviceAccount: '*' });
        continue;
      }
      const member = parseWorkloadMember(grant.member);
      if (!member) continue;
      if (member.namespace === undefined || member.serviceAccount === undefined) {
        markUnreadable(account);
        continue;
      }
      appendTo(byKsa, `${member.namespace}/${member.serviceAccount}`, { resource: grant.resource, account, ...member });
    }
    for (const policy of context.index.resources('google_service_account_iam_policy')) {
      markUnreadable(context.accounts.of(policy.config.service_account_id, policy.element));
    }
    return { byKsa, unreadable, anyUnreadable };
  });
}

/** Whether two identities are known to differ (both e-mails, or both resources of this app). */
function knownDifferent(a: ServiceAccountIdentity, b: ServiceAccountIdentity): boolean {
  return a.key !== b.key && a.key.split(':')[0] === b.key.split(':')[0];
}

function poolsConflict(ksa: KsaObject, binding: WorkloadBinding, context: RuleContext): boolean {
  const pool = context.clusters.ofKubernetes(ksa.resource)?.workloadPool;
  return pool !== undefined && binding.pool !== undefined && pool !== binding.pool;
}

/** WI-3: an annotated KSA has the binding that lets it act as the annotated Google service account. */
export const WI_3: Rule = {
  id: 'WI-3',
  severity: SecuritySeverity.ERROR,
  title: 'KSA annotated with a Google service account that grants it no roles/iam.workloadIdentityUser',
  fix: 'grant roles/iam.workloadIdentityUser on the Google service account to serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/KSA]',
  source: `${GUIDE_000_AUTH}, checks 4 and 5 (the KSA annotation and the IAM binding must match)`,
  check(context) {
    const bindings = workloadBindings(context);
    for (const ksa of context.kubernetes.serviceAccounts) {
      const annotation = ksa.gsaAnnotation;
      if (annotation === undefined || ksa.namespace === undefined || ksa.name === undefined) continue;
      const literal = literalString(annotation);
      if (literal !== undefined && !/^[^@\s]+@[^@\s]+\.iam\.gserviceaccount\.com$/.test(literal) && !/-compute@developer\.gserviceaccount\.com$/.test(literal)) {
        context.report(this, ksa.resource, `annotation iam.gke.io/gcp-service-account is ${JSON.stringify(literal)}, not a Google service account e-mail`);
        continue;
      }
      const account = context.accounts.of(annotation, ksa.resource.element);
      if (bindings.anyUnreadable || (account && bindings.unreadable.has(account.key))) continue;
      const candidates = [...bindings.byKsa.get(`${ksa.namespace}/${ksa.name}`) ?? [], ...bindings.byKsa.get(`${ksa.namespace}/*`) ?? []]
        .filter((b) => !poolsConflict(ksa, b, context));
      if (candidates.some((b) => !b.account || !account || !knownDifferent(b.account, account))) continue;
      const inApp = account?.resource !== undefined;
      context.report(this, ksa.resource, `KSA ${ksa.namespace}/${ksa.name} is annotated with ${account?.display ?? JSON.stringify(annotation)}, but no ` +
        `${WORKLOAD_IDENTITY_USER} binding in this app lets it act as that account, so its pods cannot authenticate`,
      inApp ? undefined : { severity: SecuritySeverity.WARNING, fix: `${this.fix}, or suppress this finding if the binding is managed outside this app` });
    }
  },
};

/** WI-4: a workloadIdentityUser binding for a KSA of this app matches the KSA's annotation. */
export const WI_4: Rule = {
  id: 'WI-4',
  severity: SecuritySeverity.ERROR,
  title: 'workloadIdentityUser binding for a KSA whose annotation is missing or names another account',
  fix: 'annotate the KSA with iam.gke.io/gcp-service-account: GSA_EMAIL of the bound account (or use a direct principal:// grant without the binding)',
  source: `${GUIDE_000_AUTH}, checks 4 and 5 (the reverse direction)`,
  check(context) {
    for (const bindingList of workloadBindings(context).byKsa.values()) {
      for (const binding of bindingList) {
        const ksas = context.kubernetes.serviceAccountsNamed(binding.namespace!, binding.serviceAccount!)
          .filter((ksa) => !poolsConflict(ksa, binding, context));
        const account = binding.account;
        if (ksas.length === 0 || !account || ksas.some((k) => k.annotationsUnknown)) continue;
        // null: no annotation; undefined: an annotation whose account cannot be known
        const annotated = ksas.map((k) => (k.gsaAnnotation === undefined ? null : context.accounts.of(k.gsaAnnotation, k.resource.element)));
        if (annotated.some((a) => a === undefined || (a !== null && !knownDifferent(a, account)))) continue;
        const ksa = ksas[0];
        const what = annotated[0] ? `is annotated with ${annotated[0].display}` : 'has no iam.gke.io/gcp-service-account annotation';
        context.report(this, binding.resource, `binds ${binding.namespace}/${binding.serviceAccount} to ${account.display}, but the KSA ` +
          `(${ksa.resource.address}) ${what}, so its pods never act as the bound account`);
      }
    }
  },
};

/** WI-5: Workload Identity members are well formed. */
export const WI_5: Rule = {
  id: 'WI-5',
  severity: SecuritySeverity.ERROR,
  title: 'Malformed Workload Identity member in an IAM grant',
  fix: 'write the member as serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/KSA] (WorkloadPrincipal.legacyMember) or use WorkloadPrincipal.iamPrincipal',
  source: `${GUIDE_000_AUTH}, check 5 (members: serviceAccount:PROJECT_ID.svc.id.goog[NAMESPACE/KSA_NAME]); Guide 001 (principal identifiers)`,
  check(context) {
    for (const grant of iamGrants(context)) {
      const problem = workloadMemberProblem(grant.member);
      if (problem) context.report(this, grant.resource, `member ${JSON.stringify(grant.member)} ${problem}`);
    }
  },
};

/** WI-6: a regional control plane keeps the GKE metadata server working through maintenance. */
export const WI_6: Rule = {
  id: 'WI-6',
  severity: SecuritySeverity.WARNING,
  title: 'Zonal control plane',
  fix: 'use a region as location (a regional control plane)',
  source: 'Guide 000, "コントロール プレーンが使用できないため GKE 用 Workload Identity 連携が失敗する"',
  check(context) {
    for (const cluster of context.clusters.all) {
      if (cluster.location !== undefined && ZONE.test(cluster.location)) {
        context.report(this, cluster.resource, `location ${JSON.stringify(cluster.location)} is a zone: during control-plane maintenance the GKE metadata ` +
          `server cannot issue Workload Identity tokens${explicitOptOut(cluster.resource, 'zonal') ?? ''}`);
      }
    }
  },
};

/** WI-7: at most 3,000 KSAs per cluster. */
export const WI_7: Rule = {
  id: 'WI-7',
  severity: SecuritySeverity.ERROR,
  title: `More than ${MAX_KSAS_PER_CLUSTER.toLocaleString('en-US')} Kubernetes service accounts in one cluster`,
  fix: `keep fewer than ${MAX_KSAS_PER_CLUSTER.toLocaleString('en-US')} Kubernetes service accounts per cluster (share KSAs or split clusters)`,
  source: 'Guide 000, "gke-metadata-server Pod がクラッシュしている"',
  check(context) {
    const groups = new Map<string, { cluster?: ClusterInfo; count: number; overflow?: TfResource }>();
    for (const ksa of context.kubernetes.serviceAccounts) {
      const cluster = context.clusters.ofKubernetes(ksa.resource);
      const key = cluster ? cluster.resource.address : `${ksa.resource.stack.node.path}|${String(ksa.resource.config.provider ?? 'kubernetes')}`;
      const group = groups.get(key) ?? { cluster, count: 0 };
      group.count += ksa.count;
      if (group.count > MAX_KSAS_PER_CLUSTER && !group.overflow) group.overflow = ksa.resource;
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      if (!group.overflow) continue;
      context.report(this, group.cluster?.resource ?? group.overflow,
        `the app creates ${group.count.toLocaleString('en-US')} Kubernetes service accounts in ${group.cluster ? 'this cluster' : 'one cluster'}; ` +
        `above ${MAX_KSAS_PER_CLUSTER.toLocaleString('en-US')} the gke-metadata-server runs out of memory and Workload Identity stops`);
    }
  },
};

const SERVICE_AGENT = /^serviceAccount:service-[^@]+@container-engine-robot\.iam\.gserviceaccount\.com$/;

/** WI-8 (opt-in): the GKE service agent keeps roles/container.serviceAgent. */
export const WI_8: Rule = {
  id: 'WI-8',
  severity: SecuritySeverity.ERROR,
  title: 'GKE service agent role not granted (only with checkServiceAgentRole)',
  fix: 'grant roles/container.serviceAgent to serviceAccount:service-PROJECT_NUMBER@container-engine-robot.iam.gserviceaccount.com (grantServiceAgentRole: true)',
  source: 'Guide 000, "DeployPatch 失敗のエラー メッセージが表示され、GKE 用 Workload Identity 連携を有効にできない"',
  check(context) {
    if (!context.checkServiceAgentRole) return;
    const grants = iamGrants(context).filter((g) => g.level === GrantLevel.PROJECT);
    const policies = context.index.resources('google_project_iam_policy').map((p) => context.index.projectOf(p) ?? '*');
    for (const cluster of context.clusters.all) {
      if (!cluster.workloadIdentity) continue;
      const sameProject = (project?: string) => project === undefined || project === '*' || cluster.project === undefined || project === cluster.project;
      if (policies.some(sameProject)) continue;
      const granted = grants.some((g) => (g.role === undefined || g.role === 'roles/container.serviceAgent') &&
        (SERVICE_AGENT.test(g.member) || isUnknown(g.member) && !g.member.startsWith('serviceAccount:')) &&
        sameProject(context.index.projectOf(g.resource)));
      if (!granted) {
        context.report(this, cluster.resource, 'the app does not grant roles/container.serviceAgent to the GKE service agent; ' +
          'without it enabling Workload Identity fails with "DeployPatch failed"');
      }
    }
  },
};

/** The Workload Identity rules. */
export const WORKLOAD_IDENTITY_RULES: Rule[] = [WI_1, WI_2, WI_3, WI_4, WI_5, WI_6, WI_7, WI_8];
