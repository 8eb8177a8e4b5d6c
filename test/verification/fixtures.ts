import { StackJson } from '../helpers';
import { CheckContainer } from './script-harness';

/** The synthesised kubernetes_job_v1 named `name`; fails unless there is exactly one. */
export function jobNamed(json: StackJson, name: string): JobJson {
  const jobs = Object.values(json.resource?.kubernetes_job_v1 ?? {}) as unknown as JobJson[];
  const matching = jobs.filter((job) => job.metadata.name === name);
  if (matching.length !== 1) throw new Error(`expected one kubernetes_job_v1 named ${name}, found ${matching.length}`);
  return matching[0];
}

/** The parts of a synthesised kubernetes_job_v1 the tests read. */
export interface JobJson {
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  depends_on?: string[];
  wait_for_completion: boolean;
  timeouts?: Record<string, string>;
  spec: {
    backoff_limit: number;
    active_deadline_seconds: number;
    ttl_seconds_after_finished?: string;
    template: {
      metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
      spec: {
        restart_policy: string;
        service_account_name?: string;
        automount_service_account_token: boolean;
        node_selector?: Record<string, string>;
        init_container?: { name: string; image: string; command: string[] }[];
        container: (CheckContainer & { name: string; image: string; resources: unknown; security_context: unknown })[];
      };
    };
  };
}

/** The environment of a job's check container as a map. */
export function envOf(job: JobJson): Record<string, string> {
  return Object.fromEntries(job.spec.template.spec.container[0].env.map((e) => [e.name, e.value]));
}

/** The script of a job's check container. */
export function scriptOf(job: JobJson): string {
  return job.spec.template.spec.container[0].command[2];
}
