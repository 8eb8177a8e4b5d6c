import { TfResource } from '../core/app-index';
import { RuleContext } from './rule';
import { block, blocks, isObject, literalBool, literalNumber, literalString, map, TfConfig } from '../core/terraform-values';

/** Where kubernetes provider workloads keep their pod spec (snake_case; blocks are lists). */
const PROVIDER_POD_SPECS: { readonly [type: string]: string[] } = {
  kubernetes_pod_v1: ['spec'],
  kubernetes_pod: ['spec'],
  kubernetes_deployment_v1: ['spec', 'template', 'spec'],
  kubernetes_deployment: ['spec', 'template', 'spec'],
  kubernetes_stateful_set_v1: ['spec', 'template', 'spec'],
  kubernetes_stateful_set: ['spec', 'template', 'spec'],
  kubernetes_daemon_set_v1: ['spec', 'template', 'spec'],
  kubernetes_daemonset: ['spec', 'template', 'spec'],
  kubernetes_replication_controller_v1: ['spec', 'template', 'spec'],
  kubernetes_replication_controller: ['spec', 'template', 'spec'],
  kubernetes_job_v1: ['spec', 'template', 'spec'],
  kubernetes_job: ['spec', 'template', 'spec'],
  kubernetes_cron_job_v1: ['spec', 'job_template', 'spec', 'template', 'spec'],
  kubernetes_cron_job: ['spec', 'job_template', 'spec', 'template', 'spec'],
};

/** Where `kubernetes_manifest` workloads keep their pod spec (camelCase), by kind. */
const MANIFEST_POD_SPECS: { readonly [kind: string]: string[] } = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** One container of a pod spec, as written (undefined: not set or unknown). */
export interface ContainerView {
  readonly name: string;
  readonly privileged?: boolean;
  readonly allowPrivilegeEscalation?: boolean;
  readonly addedCapabilities: string[];
  readonly runAsUser?: number;
  readonly runAsNonRoot?: boolean;
}

/** The security-relevant fields of one pod spec, from a provider workload or a manifest. */
export interface PodSpecView {
  readonly resource: TfResource;
  readonly namespace?: string;
  readonly serviceAccountName?: string;
  readonly hostNetwork?: boolean;
  readonly hostPid?: boolean;
  readonly hostIpc?: boolean;
  /** The pod-level `automountServiceAccountToken`; undefined when not set (the service account decides). */
  readonly automountToken?: boolean;
  readonly runAsUser?: number;
  readonly runAsNonRoot?: boolean;
  /** Every container, init containers included. */
  readonly containers: ContainerView[];
  /** The literal paths of hostPath volumes. */
  readonly hostPaths: string[];
}

/** The field names of the two spellings. */
interface Spelling {
  readonly hostNetwork: string; readonly hostPid: string; readonly hostIpc: string; readonly automount: string;
  readonly serviceAccount: string; readonly securityContext: string; readonly runAsUser: string; readonly runAsNonRoot: string;
  readonly containers: string[]; readonly allowEscalation: string; readonly volumes: string; readonly hostPath: string;
}
const SNAKE: Spelling = {
  hostNetwork: 'host_network', hostPid: 'host_pid', hostIpc: 'host_ipc', automount: 'automount_service_account_token',
  serviceAccount: 'service_account_name', securityContext: 'security_context', runAsUser: 'run_as_user', runAsNonRoot: 'run_as_non_root',
  containers: ['container', 'init_container'], allowEscalation: 'allow_privilege_escalation', volumes: 'volume', hostPath: 'host_path',
};
const CAMEL: Spelling = {
  hostNetwork: 'hostNetwork', hostPid: 'hostPID', hostIpc: 'hostIPC', automount: 'automountServiceAccountToken',
  serviceAccount: 'serviceAccountName', securityContext: 'securityContext', runAsUser: 'runAsUser', runAsNonRoot: 'runAsNonRoot',
  containers: ['containers', 'initContainers', 'ephemeralContainers'], allowEscalation: 'allowPrivilegeEscalation', volumes: 'volumes', hostPath: 'hostPath',
};

function descend(config: TfConfig | undefined, path: string[]): TfConfig | undefined {
  return path.reduce<TfConfig | undefined>((current, key) => block(current, key), config);
}

function strings(value: unknown): string[] {
  return (Array.isArray(value) ? value : []).map(literalString).filter((s): s is string => s !== undefined);
}

function view(resource: TfResource, spec: TfConfig, spelling: Spelling, namespace: string | undefined): PodSpecView {
  const podContext = block(spec, spelling.securityContext);
  const containers = spelling.containers.flatMap((key) => blocks(spec, key)).map((container): ContainerView => {
    const sc = block(container, spelling.securityContext);
    return {
      name: literalString(container.name) ?? '(unnamed)',
      privileged: literalBool(sc?.privileged),
      allowPrivilegeEscalation: literalBool(sc?.[spelling.allowEscalation]),
      addedCapabilities: strings(block(sc, 'capabilities')?.add).map((c) => c.toUpperCase().replace(/^CAP_/, '')),
      runAsUser: literalNumber(sc?.[spelling.runAsUser]),
      runAsNonRoot: literalBool(sc?.[spelling.runAsNonRoot]),
    };
  });
  const hostPaths = blocks(spec, spelling.volumes).map((v) => literalString(block(v, spelling.hostPath)?.path)).filter((p): p is string => p !== undefined);
  return {
    resource, namespace, containers, hostPaths,
    serviceAccountName: spec[spelling.serviceAccount] === undefined ? 'default' : literalString(spec[spelling.serviceAccount]),
    hostNetwork: literalBool(spec[spelling.hostNetwork]),
    hostPid: literalBool(spec[spelling.hostPid]),
    hostIpc: literalBool(spec[spelling.hostIpc]),
    automountToken: literalBool(spec[spelling.automount]),
    runAsUser: literalNumber(podContext?.[spelling.runAsUser]),
    runAsNonRoot: literalBool(podContext?.[spelling.runAsNonRoot]),
  };
}

/** Every pod spec of the app (provider workloads and workload manifests), read once. */
export function podSpecs(context: RuleContext): PodSpecView[] {
  return context.shared('pod-specs', () => {
    const views: PodSpecView[] = [];
    for (const [type, path] of Object.entries(PROVIDER_POD_SPECS)) {
      for (const resource of context.index.resources(type)) {
        const spec = descend(resource.config, path);
        if (spec) views.push(view(resource, spec, SNAKE, context.kubernetes.namespaceOf(resource)));
      }
    }
    for (const manifest of context.kubernetes.manifests) {
      const path = manifest.kind === undefined ? undefined : MANIFEST_POD_SPECS[manifest.kind];
      const root = map(manifest.resource.config.manifest);
      const spec = path ? descend(root, path) : undefined;
      if (!spec || !isObject(spec)) continue;
      const namespace = literalString(map(root?.metadata)?.namespace) ?? 'default';
      views.push(view(manifest.resource, spec, CAMEL, namespace));
    }
    return views;
  });
}
