import { podSpecs, PodSpecView } from './pod-specs';
import { Rule, RuleContext } from './rule';
import { SecuritySeverity } from './security-finding';
import { block, blocks, literalBool, map } from '../core/terraform-values';

const PSS = 'Kubernetes Pod Security Standards';

/** POD-1: no privileged containers. */
export const POD_1: Rule = {
  id: 'POD-1',
  severity: SecuritySeverity.ERROR,
  title: 'Privileged container',
  fix: 'remove security_context.privileged = true; grant the one capability the container needs instead',
  source: `${PSS} (baseline, privileged containers); CKV_K8S_16; AVD-KSV-0017; CIS GKE 1.9 4.2.1`,
  check(context) {
    for (const pod of podSpecs(context)) {
      const names = pod.containers.filter((c) => c.privileged === true).map((c) => c.name);
      if (names.length > 0) context.report(this, pod.resource, `container ${names.join(', ')} runs privileged: it holds every capability and the node's devices`);
    }
  },
};

/** Host paths that hand a container the node: its root, the container runtime sockets, kubelet and etc. */
const CRITICAL_HOST_PATHS = [
  '/', '/var/run/docker.sock', '/run/docker.sock', '/var/run/containerd/containerd.sock', '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock', '/run/crio/crio.sock', '/var/run', '/run', '/var/lib/kubelet', '/etc', '/proc', '/root', '/home/kubernetes',
  '/var/run/containerd', '/run/containerd', '/var/lib/docker', '/var/lib/containerd',
];

function normalisedPath(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** POD-2: no hostPath volumes; none at all of the node's root or container runtime sockets. */
export const POD_2: Rule = {
  id: 'POD-2',
  severity: SecuritySeverity.ERROR,
  title: 'hostPath volume (the node\'s root or a container runtime socket: error; other paths: warning)',
  fix: 'use an emptyDir, a ConfigMap, a Secret or a persistent volume instead of host_path',
  source: `${PSS} (baseline, hostPath volumes); CKV_K8S_27 (docker socket); AVD-KSV-0006, AVD-KSV-0023, AVD-KSV-0121`,
  check(context) {
    for (const pod of podSpecs(context)) {
      for (const path of pod.hostPaths) {
        const critical = CRITICAL_HOST_PATHS.includes(normalisedPath(path)) || /\.sock$/.test(path.trim());
        context.report(this, pod.resource, critical
          ? `mounts host path ${JSON.stringify(path)}: the container can take over the node (its files or its container runtime)`
          : `mounts host path ${JSON.stringify(path)} from the node`, critical ? undefined : { severity: SecuritySeverity.WARNING });
      }
    }
  },
};

/** POD-3: no host PID or IPC namespace. */
export const POD_3: Rule = {
  id: 'POD-3',
  severity: SecuritySeverity.ERROR,
  title: 'Pod shares the host PID or IPC namespace',
  fix: 'remove host_pid = true and host_ipc = true',
  source: `${PSS} (baseline, host namespaces); CKV_K8S_17, CKV_K8S_18; AVD-KSV-0008, AVD-KSV-0010`,
  check(context) {
    for (const pod of podSpecs(context)) {
      const shared = [...(pod.hostPid ? ['PID'] : []), ...(pod.hostIpc ? ['IPC'] : [])];
      if (shared.length > 0) context.report(this, pod.resource, `the pod shares the node's ${shared.join(' and ')} namespace: it sees and signals every process on the node`);
    }
  },
};

/** Capabilities that amount to root on the node or its network; the others are warnings. */
const DANGEROUS_CAPABILITIES = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'DAC_READ_SEARCH', 'SYS_RAWIO', 'BPF', 'PERFMON', 'SYS_BOOT']);
/** Capabilities the Pod Security Standards baseline allows to add. */
const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

/** POD-4: no added capabilities beyond the baseline. */
export const POD_4: Rule = {
  id: 'POD-4',
  severity: SecuritySeverity.ERROR,
  title: 'Container adds Linux capabilities (SYS_ADMIN, NET_ADMIN, ALL…: error; others beyond the baseline: warning)',
  fix: 'drop the capability from security_context.capabilities.add; drop ALL and add back only NET_BIND_SERVICE if needed',
  source: `${PSS} (baseline, capabilities); CKV_K8S_25, CKV_K8S_39 (SYS_ADMIN), CKV_K8S_28 (NET_RAW); AVD-KSV-0005, AVD-KSV-0022, AVD-KSV-0119, AVD-KSV-0120`,
  check(context) {
    for (const pod of podSpecs(context)) {
      for (const container of pod.containers) {
        const added = container.addedCapabilities.filter((c) => !BASELINE_CAPABILITIES.has(c));
        if (added.length === 0) continue;
        const dangerous = added.some((c) => DANGEROUS_CAPABILITIES.has(c));
        context.report(this, pod.resource, `container ${container.name} adds capabilities ${added.join(', ')}${dangerous ? ', which amount to root on the node' : ''}`,
          dangerous ? undefined : { severity: SecuritySeverity.WARNING });
      }
    }
  },
};

/** POD-5: no privilege escalation. */
export const POD_5: Rule = {
  id: 'POD-5',
  severity: SecuritySeverity.ERROR,
  title: 'Container allows privilege escalation',
  fix: 'set security_context.allow_privilege_escalation = false',
  source: `${PSS} (restricted, privilege escalation); CKV_K8S_20; AVD-KSV-0001`,
  check(context) {
    for (const pod of podSpecs(context)) {
      const names = pod.containers.filter((c) => c.allowPrivilegeEscalation === true).map((c) => c.name);
      if (names.length > 0) context.report(this, pod.resource, `container ${names.join(', ')} sets allow_privilege_escalation = true: setuid binaries can gain root`);
    }
  },
};

function runsAsRoot(pod: PodSpecView): string[] {
  return pod.containers.filter((c) => {
    const user = c.runAsUser ?? pod.runAsUser;
    const nonRoot = c.runAsNonRoot ?? pod.runAsNonRoot;
    return user === 0 || (nonRoot === false && user === undefined);
  }).map((c) => c.name);
}

/** POD-6: containers do not run as root. */
export const POD_6: Rule = {
  id: 'POD-6',
  severity: SecuritySeverity.WARNING,
  title: 'Container runs as root (run_as_user = 0 or run_as_non_root = false)',
  fix: 'set security_context { run_as_non_root = true, run_as_user = <a UID above 10000> }',
  source: `${PSS} (restricted, running as non-root); CKV_K8S_6, CKV_K8S_40; AVD-KSV-0012, AVD-KSV-0020, AVD-KSV-0105`,
  check(context) {
    for (const pod of podSpecs(context)) {
      const names = runsAsRoot(pod);
      if (names.length > 0) context.report(this, pod.resource, `container ${names.join(', ')} runs as root (UID 0)`);
    }
  },
};

const KSA_TYPES = ['kubernetes_service_account_v1', 'kubernetes_service_account'];
const BINDING_TYPES = ['kubernetes_role_binding_v1', 'kubernetes_role_binding', 'kubernetes_cluster_role_binding_v1', 'kubernetes_cluster_role_binding'];

/** The `namespace/name` of every KSA some RoleBinding or ClusterRoleBinding of the app grants a role: they call the Kubernetes API. */
function ksasWithRoles(context: RuleContext): Set<string> {
  return context.shared('ksas-with-roles', () => {
    const keys = new Set<string>();
    const add = (kind: unknown, name: unknown, namespace: unknown) => {
      if (kind === 'ServiceAccount' && typeof name === 'string') keys.add(`${typeof namespace === 'string' ? namespace : 'default'}/${name}`);
      if (kind === 'Group' && typeof name === 'string' && name.startsWith('system:serviceaccounts')) keys.add(name);
    };
    for (const binding of context.index.resourcesOf(BINDING_TYPES)) {
      const own = block(binding.config, 'metadata')?.namespace;
      for (const subject of blocks(binding.config, 'subject')) add(subject.kind, subject.name, subject.namespace ?? own);
    }
    for (const manifest of context.kubernetes.manifests.filter((m) => m.kind === 'RoleBinding' || m.kind === 'ClusterRoleBinding')) {
      const root = map(manifest.resource.config.manifest);
      const own = map(root?.metadata)?.namespace;
      for (const subject of Array.isArray(root?.subjects) ? root!.subjects : []) {
        const s = map(subject);
        add(s?.kind, s?.name, s?.namespace ?? own);
      }
    }
    return keys;
  });
}

/** The literal `automount_service_account_token` of the KSAs named `namespace/name`. */
function ksaAutomount(context: RuleContext, namespace: string, name: string): boolean | undefined {
  const ksa = context.kubernetes.serviceAccountsNamed(namespace, name)[0];
  return ksa && KSA_TYPES.includes(ksa.resource.type) ? literalBool(ksa.resource.config.automount_service_account_token) : undefined;
}

/** POD-7: Kubernetes API tokens are only mounted into pods that call the API. */
export const POD_7: Rule = {
  id: 'POD-7',
  severity: SecuritySeverity.WARNING,
  title: 'Service account token mounted into a pod whose service account holds no Kubernetes role',
  fix: 'set automount_service_account_token = false on the pod (Workload Identity needs no Kubernetes token), or bind the role the pod needs',
  source: 'CIS GKE 1.9 4.1.5 ("Ensure that Service Account Tokens are only mounted where necessary"); CKV_K8S_38; AVD-KSV-0036',
  check(context) {
    const withRoles = ksasWithRoles(context);
    for (const pod of podSpecs(context)) {
      const namespace = pod.namespace;
      const name = pod.serviceAccountName;
      if (namespace === undefined || name === undefined) continue;
      const mounted = pod.automountToken ?? (ksaAutomount(context, namespace, name) === true ? true : undefined);
      if (mounted !== true) continue;
      if (withRoles.has(`${namespace}/${name}`) || withRoles.has('system:serviceaccounts') || withRoles.has(`system:serviceaccounts:${namespace}`)) continue;
      context.report(this, pod.resource, `mounts the Kubernetes API token of ${namespace}/${name}, which no RoleBinding of the app uses: a stolen token only helps an attacker`);
    }
  },
};

/** Pod security of every pod template (provider workloads and workload manifests). */
export const POD_SECURITY_RULES: Rule[] = [POD_1, POD_2, POD_3, POD_4, POD_5, POD_6, POD_7];

