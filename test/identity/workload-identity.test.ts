import { TerraformResource, TerraformVariable, Testing } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { Grant, WorkloadIdentity, WorkloadIdentityOptions, WorkloadServiceAccount } from '../../lib';
import { onlyResource, resourcesOf, synth } from '../helpers';
import { platformAndWorkloads, principalOf, project } from './fixtures';

function identityIn(options: Partial<WorkloadIdentityOptions> = {}, clusterProps = {}) {
  const env = platformAndWorkloads(clusterProps);
  const identity = env.cluster.addWorkloadIdentity(env.workloads, 'app', { namespace: 'apps', name: 'reader', ...options });
  return { ...env, identity };
}

describe('WorkloadIdentity, direct access (default)', () => {
  const { workloads, identity } = identityIn({ createNamespace: true, projectRoles: ['roles/container.clusterViewer'] });
  identity.grantBucketRole('roles/storage.objectViewer', 'demo-bucket');
  identity.grantRepositoryRole('roles/artifactregistry.reader', 'us-east1', 'apps');
  const json = synth(workloads, true);

  it('exposes the KSA as a principal, namespace and name', () => {
    expect([identity.namespace, identity.serviceAccountName]).toEqual(['apps', 'reader']);
    expect(identity.principal.legacyMember).toBe('serviceAccount:demo-proj.svc.id.goog[apps/reader]');
    expect(identity.principal.spiffeId).toBe('spiffe://demo-proj.svc.id.goog/ns/apps/sa/reader');
  });
  it('creates the namespace and a KSA without an automounted token, after the namespace', () => {
    const namespace = onlyResource(json, 'kubernetes_namespace_v1');
    expect(namespace).toEqual({ metadata: { name: 'apps' }, provider: 'kubernetes' });
    expect(onlyResource(json, 'kubernetes_service_account_v1')).toEqual({
      metadata: { name: 'reader', namespace: 'apps' },
      automount_service_account_token: false,
      provider: 'kubernetes',
      depends_on: [expect.stringMatching(/^kubernetes_namespace_v1\.app_Namespace_[0-9A-F]{8}$/)],
    });
  });
  it('grants roles straight to principal://…/subject/ns/apps/sa/reader on the project, a bucket and a repository', () => {
    expect(onlyResource(json, 'google_project_iam_member'))
      .toEqual({ project: 'demo-proj', role: 'roles/container.clusterViewer', member: principalOf('apps', 'reader') });
    expect(onlyResource(json, 'google_storage_bucket_iam_member'))
      .toEqual({ bucket: 'demo-bucket', role: 'roles/storage.objectViewer', member: principalOf('apps', 'reader') });
    expect(onlyResource(json, 'google_artifact_registry_repository_iam_member')).toEqual({
      project: 'demo-proj', location: 'us-east1', repository: 'apps', role: 'roles/artifactregistry.reader', member: principalOf('apps', 'reader'),
    });
  });
  it('creates no Google service account, no link and no annotation', () => {
    expect(resourcesOf(json, 'google_service_account')).toHaveLength(0);
    expect(resourcesOf(json, 'google_service_account_iam_member')).toHaveLength(0);
    expect(identity.annotations).toEqual({});
  });
  it('connects the workloads stack to the cluster through data sources', () => {
    expect(Object.keys(json.data ?? {}).sort()).toEqual(['google_client_config', 'google_container_cluster']);
    expect(identity.kubernetesProvider).toBeInstanceOf(KubernetesProvider);
    expect(workloads.dependencies.map((s) => s.node.id)).toEqual(['platform']);
  });
  it('lists what workloads wait for: namespace, KSA and grants', () => {
    expect(identity.dependables.map((d) => (d as TerraformResource).terraformResourceType)).toEqual([
      'kubernetes_namespace_v1', 'kubernetes_service_account_v1', 'google_project_iam_member',
      'google_storage_bucket_iam_member', 'google_artifact_registry_repository_iam_member',
    ]);
  });
  it('grants each role once', () => {
    expect(identity.grantBucketRole('roles/storage.objectViewer', 'demo-bucket')).toBe(identity.grantBucketRole('roles/storage.objectViewer', 'demo-bucket'));
    expect(resourcesOf(synth(workloads), 'google_storage_bucket_iam_member')).toHaveLength(1);
  });
});

describe('WorkloadIdentity linked to a shared Google service account (linkedTo)', () => {
  const { platform, workloads, cluster } = platformAndWorkloads();
  const envoy = new WorkloadServiceAccount(platform, 'envoy', { project, accountId: 'envoy-proxy', projectRoles: ['roles/trafficdirector.client'] });
  const server = cluster.addWorkloadIdentity(workloads, 'server', { namespace: 'default', name: 'demo-server', linkedTo: envoy });
  const client = cluster.addWorkloadIdentity(workloads, 'client', { namespace: 'default', name: 'demo-client', linkedTo: envoy });
  const json = synth(workloads, true);

  it('binds roles/iam.workloadIdentityUser on the account for each KSA, and only that KSA', () => {
    expect(resourcesOf(json, 'google_service_account_iam_member')).toEqual(['demo-client', 'demo-server'].map((ksa) => ({
      service_account_id: 'projects/demo-proj/serviceAccounts/envoy-proxy@demo-proj.iam.gserviceaccount.com',
      role: 'roles/iam.workloadIdentityUser',
      member: `serviceAccount:demo-proj.svc.id.goog[default/${ksa}]`,
    })));
  });
  it('annotates each KSA with the account e-mail', () => {
    expect(resourcesOf(json, 'kubernetes_service_account_v1').map((k) => k.metadata)).toEqual(['demo-client', 'demo-server'].map((name) => ({
      name, namespace: 'default', annotations: { 'iam.gke.io/gcp-service-account': 'envoy-proxy@demo-proj.iam.gserviceaccount.com' },
    })));
  });
  it('leaves the account and its roles in the platform stack, which deploys first', () => {
    expect(resourcesOf(json, 'google_service_account')).toHaveLength(0);
    expect(resourcesOf(synth(platform), 'google_project_iam_member').map((m) => m.role)).toContain('roles/trafficdirector.client');
    expect(workloads.dependencies).toEqual([platform]);
  });
  it('refuses grants to the identity, which would reach every KSA linked to the account', () => {
    expect(() => server.grantProjectRole('roles/storage.objectViewer'))
      .toThrow('workloads/server: invalid grantee "workloads/server": is linked to the Google service account platform/envoy (linkedTo)');
    expect(() => Grant.binding(workloads, client, 'roles/storage.objectViewer'))
      .toThrow('workloads: invalid grantee "workloads/client"');
  });
  it('exposes the account and the binding', () => {
    expect(server.linkedServiceAccount).toBe(envoy);
    expect(server.workloadIdentityUserBinding).toBeDefined();
    expect(server.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'envoy-proxy@demo-proj.iam.gserviceaccount.com' });
  });
});

describe('WorkloadIdentity with its own linked service account', () => {
  const { workloads, identity } = identityIn({
    linkedServiceAccount: { accountId: 'reader-gsa', projectRoles: ['roles/spanner.viewer'] },
  });
  identity.grantProjectRole('roles/storage.objectViewer');
  const json = synth(workloads, true);
  const gsaEmail = /^\$\{google_service_account\.app_GoogleServiceAccount_[0-9A-F]{8}\.email\}$/;

  it('creates the account in the identity, links the KSA to it and annotates the KSA', () => {
    expect(onlyResource(json, 'google_service_account')).toMatchObject({ account_id: 'reader-gsa', project: 'demo-proj' });
    expect(onlyResource(json, 'google_service_account_iam_member')).toEqual({
      service_account_id: expect.stringMatching(/^\$\{google_service_account\.app_GoogleServiceAccount_[0-9A-F]{8}\.name\}$/),
      role: 'roles/iam.workloadIdentityUser',
      member: 'serviceAccount:demo-proj.svc.id.goog[apps/reader]',
    });
    expect((onlyResource(json, 'kubernetes_service_account_v1').metadata as { annotations: Record<string, string> }).annotations)
      .toEqual({ 'iam.gke.io/gcp-service-account': expect.stringMatching(gsaEmail) });
  });
  it('grants the identity\'s roles to its own account', () => {
    expect(resourcesOf(json, 'google_project_iam_member').map((m) => [m.role, m.member])).toEqual([
      ['roles/spanner.viewer', expect.stringMatching(/^serviceAccount:\$\{google_service_account\./)],
      ['roles/storage.objectViewer', expect.stringMatching(/^serviceAccount:\$\{google_service_account\./)],
    ]);
  });
});

describe('WorkloadIdentity credential quota project', () => {
  const { workloads } = identityIn({ quotaProject: 'quota-proj' });
  const json = synth(workloads, true);

  it('grants serviceUsageConsumer on the quota project to the principal and annotates the KSA', () => {
    expect(onlyResource(json, 'google_project_iam_member')).toEqual({
      project: 'quota-proj', role: 'roles/serviceusage.serviceUsageConsumer', member: principalOf('apps', 'reader'),
    });
    expect(onlyResource(json, 'kubernetes_service_account_v1').metadata)
      .toEqual({ name: 'reader', namespace: 'apps', annotations: { 'iam.gke.io/credential-quota-project': 'quota-proj' } });
  });
  it('grants the quota role to the principal even when the KSA is linked', () => {
    const { workloads: stack } = identityIn({ quotaProject: 'quota-proj', linkedServiceAccount: { accountId: 'reader-gsa' } });
    const quota = resourcesOf(synth(stack), 'google_project_iam_member').filter((m) => m.project === 'quota-proj');
    expect(quota.map((m) => m.member)).toEqual([principalOf('apps', 'reader')]);
  });
});

describe('WorkloadIdentity adopting an existing KSA', () => {
  it('creates nothing for a bare adoption', () => {
    const { workloads, identity } = identityIn({ namespace: 'default', name: 'default', existingServiceAccount: true });
    expect(synth(workloads).resource).toBeUndefined();
    expect(identity.serviceAccount).toBeUndefined();
    expect(identity.dependables).toEqual([]);
  });
  it('writes only its annotations onto the adopted KSA', () => {
    const { platform, workloads, cluster } = platformAndWorkloads();
    const gsa = new WorkloadServiceAccount(platform, 'gsa', { project, accountId: 'job-runner' });
    cluster.addWorkloadIdentity(workloads, 'app', {
      namespace: 'jobs', name: 'default', existingServiceAccount: true, createNamespace: true, linkedTo: gsa, quotaProject: 'quota-proj',
    });
    const json = synth(workloads, true);
    expect(resourcesOf(json, 'kubernetes_service_account_v1')).toHaveLength(0);
    expect(onlyResource(json, 'kubernetes_namespace_v1')).toMatchObject({ wait_for_default_service_account: true });
    expect(onlyResource(json, 'kubernetes_annotations')).toEqual({
      api_version: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'jobs' },
      annotations: {
        'iam.gke.io/gcp-service-account': 'job-runner@demo-proj.iam.gserviceaccount.com',
        'iam.gke.io/credential-quota-project': 'quota-proj',
      },
      provider: 'kubernetes',
      depends_on: [expect.stringMatching(/^kubernetes_namespace_v1\./)],
    });
  });
});

describe('WorkloadIdentity ordering', () => {
  it('makes KSAs wait for the namespace another identity creates, whichever is declared first', () => {
    const { workloads, cluster } = platformAndWorkloads();
    cluster.addWorkloadIdentity(workloads, 'early', { namespace: 'apps', name: 'early' });
    cluster.addWorkloadIdentity(workloads, 'owner', { namespace: 'apps', name: 'owner', createNamespace: true });
    cluster.addWorkloadIdentity(workloads, 'late', { namespace: 'apps', name: 'late' });
    cluster.addWorkloadIdentity(workloads, 'elsewhere', { namespace: 'other', name: 'other' });
    const accounts = resourcesOf(synth(workloads, true), 'kubernetes_service_account_v1');
    const namespaceDependency = [expect.stringMatching(/^kubernetes_namespace_v1\.owner_Namespace_[0-9A-F]{8}$/)];
    expect(accounts.map((a) => [(a.metadata as { name: string }).name, a.depends_on])).toEqual([
      ['early', namespaceDependency], ['other', undefined], ['late', namespaceDependency], ['owner', namespaceDependency],
    ]);
  });
  it('makes the link wait for the cluster when it shares the cluster\'s stack', () => {
    const { platform, cluster } = platformAndWorkloads();
    const provider = new KubernetesProvider(platform, 'k8s', { alias: 'own' });
    const identity = cluster.addWorkloadIdentity(platform, 'app', {
      namespace: 'apps', name: 'reader', kubernetesProvider: provider, linkedServiceAccount: { accountId: 'reader-gsa' }, quotaProject: 'quota-proj',
    });
    const json = synth(platform);
    const clusterAddress = expect.stringMatching(/^google_container_cluster\.cluster_[0-9A-F]{8}$/);
    expect(onlyResource(json, 'google_service_account_iam_member').depends_on).toEqual([clusterAddress]);
    expect(resourcesOf(json, 'google_project_iam_member').find((m) => m.project === 'quota-proj')?.depends_on).toEqual([clusterAddress]);
    expect(onlyResource(json, 'kubernetes_service_account_v1').provider).toBe('kubernetes.own');
    expect(identity.grantDependencies(platform)).toEqual([]);
  });
  it('makes direct grants in the cluster\'s stack wait for the cluster', () => {
    const { platform, workloads, cluster } = platformAndWorkloads();
    const identity = cluster.addWorkloadIdentity(workloads, 'app', { namespace: 'apps', name: 'reader' });
    Grant.onBucket(platform, 'bucket-read', { grantee: identity, bucket: 'demo-bucket', role: 'roles/storage.objectViewer' });
    expect(Testing.synth(platform)).toHaveResourceWithProperties(StorageBucketIamMember, {
      member: principalOf('apps', 'reader'), depends_on: [expect.stringMatching(/^google_container_cluster\./)],
    });
    expect(identity.grantDependencies(workloads)).toEqual([]);
  });
  it('gives grants with values known only at apply time positional ids', () => {
    const { workloads, identity } = identityIn();
    const repository = new TerraformVariable(workloads, 'repository', { type: 'string' }).stringValue;
    identity.grantRepositoryRole('roles/artifactregistry.reader', 'us-east1', repository);
    identity.grantRepositoryRole('roles/artifactregistry.reader', 'us-east1', repository);
    identity.grantRepositoryRole('roles/artifactregistry.reader', 'us-east1', 'apps');
    expect(identity.node.children.map((c) => c.node.id).filter((id) => id.startsWith('repository-role'))).toEqual([
      'repository-role-1', 'repository-role-2', 'repository-role-roles--artifactregistry.reader-demo-proj-us-east1-apps',
    ]);
    expect(Testing.synth(workloads)).toHaveResourceWithProperties(ArtifactRegistryRepositoryIamMember, { repository: '${var.repository}' });
  });
});

describe('WorkloadIdentity bad input', () => {
  it.each([
    [{ namespace: 'Apps' }, 'workloads/app: invalid namespace "Apps": must be a DNS-1123 label'],
    [{ namespace: 'a'.repeat(64) }, `invalid namespace "${'a'.repeat(64)}": must be a DNS-1123 label`],
    [{ name: 'reader_1' }, 'workloads/app: invalid name "reader_1": must be a DNS-1123 subdomain'],
    [{ name: '-reader' }, 'invalid name "-reader": must be a DNS-1123 subdomain'],
    [{ namespace: 'kube-system', createNamespace: true }, 'invalid namespace "kube-system": always exists'],
    [{ namespaceLabels: { team: 'a' } }, 'invalid namespaceLabels {"team":"a"}: only label a namespace this identity creates'],
    [{ existingServiceAccount: true, automountToken: true }, 'invalid automountToken true: only applies to a KSA this identity creates'],
    [{ existingServiceAccount: true, labels: { a: 'b' } }, 'invalid labels {"a":"b"}: only apply to a KSA this identity creates'],
    [{ annotations: { 'iam.gke.io/gcp-service-account': 'x@demo-proj.iam.gserviceaccount.com' } },
      'invalid annotations["iam.gke.io/gcp-service-account"] "x@demo-proj.iam.gserviceaccount.com": is written from linkedTo or linkedServiceAccount'],
    [{ annotations: { 'iam.gke.io/credential-quota-project': 'quota-proj' } },
      'invalid annotations["iam.gke.io/credential-quota-project"] "quota-proj": is written from quotaProject, together with ' +
      "roles/serviceusage.serviceUsageConsumer for the principal; a quota project without the principal's grant fails every token request"],
    [{ quotaProject: 'Quota' }, 'workloads/app: invalid quotaProject "Quota": must be 6-30 characters'],
    [{ linkedServiceAccount: { accountId: 'gsa' } }, 'workloads/app/GoogleServiceAccount: invalid accountId "gsa": must be 6-30 characters'],
    [{ linkedServiceAccount: { accountId: 'a'.repeat(31) } }, `invalid accountId "${'a'.repeat(31)}": must be 6-30 characters`],
    [{ projectRoles: ['roles/owner'] }, 'workloads/app: invalid projectRoles[0] "roles/owner": must not be a primitive role'],
  ])('refuses %o', (options, message) => {
    expect(() => identityIn(options)).toThrow(message);
  });
  it('refuses a quota project on a cluster pinned below GKE 1.24', () => {
    expect(() => identityIn({ quotaProject: 'quota-proj' }, { controlPlaneVersion: '1.23.17-gke.300' }))
      .toThrow('workloads/app: invalid quotaProject "quota-proj": needs GKE 1.24 or later, but the cluster pins controlPlaneVersion 1.23.17-gke.300');
    expect(() => identityIn({ quotaProject: 'quota-proj' }, { controlPlaneVersion: '1.24' })).not.toThrow();
  });
  it('refuses linkedTo together with linkedServiceAccount or projectRoles', () => {
    const { platform, workloads, cluster } = platformAndWorkloads();
    const gsa = new WorkloadServiceAccount(platform, 'gsa', { project, accountId: 'job-runner' });
    expect(() => cluster.addWorkloadIdentity(workloads, 'a', { namespace: 'apps', name: 'a', linkedTo: gsa, linkedServiceAccount: { accountId: 'other-gsa' } }))
      .toThrow('workloads/a: invalid linkedServiceAccount {"accountId":"other-gsa"}: give either linkedTo');
    expect(() => cluster.addWorkloadIdentity(workloads, 'b', { namespace: 'apps', name: 'b', linkedTo: gsa, projectRoles: ['roles/browser'] }))
      .toThrow('workloads/b: invalid projectRoles ["roles/browser"]: pods act as the linked account platform/gsa');
  });
  it('refuses a second creator of one namespace', () => {
    const { workloads, cluster } = platformAndWorkloads();
    cluster.addWorkloadIdentity(workloads, 'a', { namespace: 'apps', name: 'a', createNamespace: true });
    expect(() => cluster.addWorkloadIdentity(workloads, 'b', { namespace: 'apps', name: 'b', createNamespace: true }))
      .toThrow('workloads/b: invalid createNamespace true: namespace apps is already created by workloads/a/Namespace');
  });
  it('cannot live in the cluster\'s own stack without a provider of its own', () => {
    const { platform, cluster } = platformAndWorkloads();
    expect(() => cluster.addWorkloadIdentity(platform, 'app', { namespace: 'apps', name: 'reader' }))
      .toThrow('the cluster cannot be connected to the stack that creates it');
  });
});

describe('WorkloadIdentity validations', () => {
  it('fails when the KSA annotation is overridden to another account than the binding', () => {
    const { workloads, identity } = identityIn({ linkedServiceAccount: { accountId: 'reader-gsa' } });
    identity.serviceAccount!.addOverride('metadata.annotations', { 'iam.gke.io/gcp-service-account': 'intruder@demo-proj.iam.gserviceaccount.com' });
    expect(() => synth(workloads, true)).toThrow(
      '[workloads/app] KSA apps/reader is annotated iam.gke.io/gcp-service-account=intruder@demo-proj.iam.gserviceaccount.com, but its ' +
      'roles/iam.workloadIdentityUser binding is on reader-gsa@demo-proj.iam.gserviceaccount.com: the GKE metadata server answers 403');
  });
  it('fails when an annotation names an account no binding links', () => {
    const { workloads, identity } = identityIn();
    identity.serviceAccount!.addOverride('metadata.annotations', { 'iam.gke.io/gcp-service-account': 'x@demo-proj.iam.gserviceaccount.com' });
    expect(() => synth(workloads, true)).toThrow('no roles/iam.workloadIdentityUser binding links it to any account');
  });
  it('fails when a binding exists but the annotation was removed', () => {
    const { workloads, identity } = identityIn({ linkedServiceAccount: { accountId: 'reader-gsa' } });
    identity.serviceAccount!.addOverride('metadata.annotations', null);
    expect(() => synth(workloads, true)).toThrow(
      'KSA apps/reader has roles/iam.workloadIdentityUser on reader-gsa@demo-proj.iam.gserviceaccount.com but no iam.gke.io/gcp-service-account annotation');
  });
  it('fails when one KSA is linked to two accounts', () => {
    const { platform, workloads, cluster } = platformAndWorkloads();
    const one = new WorkloadServiceAccount(platform, 'one', { project, accountId: 'account-one' });
    const two = new WorkloadServiceAccount(platform, 'two', { project, accountId: 'account-two' });
    cluster.addWorkloadIdentity(workloads, 'first', { namespace: 'apps', name: 'reader', linkedTo: one });
    cluster.addWorkloadIdentity(workloads, 'second', { namespace: 'apps', name: 'reader', existingServiceAccount: true, linkedTo: two });
    expect(() => synth(workloads, true)).toThrow(
      'KSA apps/reader is linked to 2 Google service accounts (account-one@demo-proj.iam.gserviceaccount.com, account-two@demo-proj.iam.gserviceaccount.com)');
  });
  it('passes when the same KSA is declared twice with the same link', () => {
    const { platform, workloads, cluster } = platformAndWorkloads();
    const gsa = new WorkloadServiceAccount(platform, 'gsa', { project, accountId: 'account-one' });
    cluster.addWorkloadIdentity(workloads, 'first', { namespace: 'apps', name: 'reader', linkedTo: gsa });
    cluster.addWorkloadIdentity(workloads, 'second', { namespace: 'apps', name: 'reader', existingServiceAccount: true, linkedTo: gsa });
    expect(() => synth(workloads, true)).not.toThrow();
  });
  it('cannot decide, and so passes, an annotation only known at apply time', () => {
    const { workloads, identity } = identityIn({ linkedServiceAccount: { accountId: 'reader-gsa' } });
    const email = new TerraformVariable(workloads, 'email', { type: 'string' }).stringValue;
    identity.serviceAccount!.addOverride('metadata.annotations', { 'iam.gke.io/gcp-service-account': email });
    expect(() => synth(workloads, true)).not.toThrow();
  });
});

describe('the gke-metadata-server limit of 3,000 KSAs', () => {
  it('warns once, on the identity that crosses it', () => {
    const { workloads, cluster } = platformAndWorkloads();
    const identities: WorkloadIdentity[] = [];
    for (let i = 0; i < 3002; i++) {
      identities.push(cluster.addWorkloadIdentity(workloads, `ksa-${i}`, { namespace: 'apps', name: `ksa-${i}`, existingServiceAccount: true }));
    }
    const warnings = identities.map((identity) => identity.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data as string));
    expect(warnings.slice(0, 3000).every((w) => w.length === 0)).toBe(true);
    expect(warnings[3000]).toEqual([expect.stringContaining(
      'workloads/ksa-3000: more than 3000 Kubernetes service accounts use Workload Identity in this app (this is number 3001): ' +
      'the gke-metadata-server DaemonSet uses memory per KSA of its cluster and is OOM-killed')]);
    expect(warnings[3001]).toEqual([]);
  });
  it('counts a KSA declared twice once', () => {
    const { workloads, cluster } = platformAndWorkloads();
    let last: WorkloadIdentity | undefined;
    for (let i = 0; i < 3001; i++) {
      last = cluster.addWorkloadIdentity(workloads, `ksa-${i}`, { namespace: 'apps', name: i === 3000 ? 'ksa-0' : `ksa-${i}`, existingServiceAccount: true });
    }
    expect(last!.node.metadata.filter((m) => m.type === '@cdktf/warn')).toEqual([]);
  });
});

describe('an identity created without the factory', () => {
  it('takes the cluster as a prop', () => {
    const { workloads, cluster } = platformAndWorkloads();
    const identity = new WorkloadIdentity(workloads, 'direct', { cluster, namespace: 'apps', name: 'reader' });
    expect(identity.cluster).toBe(cluster);
    expect(onlyResource(synth(workloads), 'kubernetes_service_account_v1').metadata).toEqual({ name: 'reader', namespace: 'apps' });
  });
});
