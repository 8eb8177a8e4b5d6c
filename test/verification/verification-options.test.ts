import { TerraformVariable } from 'cdktf';
import { MetadataConcealmentCheck, MetadataConcealmentCheckProps, VerificationCheck } from '../../lib';
import { synth } from '../helpers';
import { platformAndWorkloads } from '../identity/fixtures';
import { envOf, jobNamed } from './fixtures';

/** A concealment check, the simplest check, with the given options. */
function check(props: Partial<MetadataConcealmentCheckProps> = {}) {
  const env = platformAndWorkloads();
  const created = new MetadataConcealmentCheck(env.workloads, 'check', { cluster: env.cluster, ...props });
  return { ...env, check: created };
}

const error = (field: string, value: unknown, rule: string) => `workloads/check: invalid ${field} ${JSON.stringify(value)}: ${rule}`;

describe('verification Job options', () => {
  it('default to 30 attempts 10 s apart, one more pod, a 600 s deadline, no time to live, and no wait in the deploy', () => {
    const { workloads, check: created } = check();
    const job = jobNamed(synth(workloads), 'check');
    expect(envOf(job)).toEqual({ CHECK_ATTEMPTS: '30', CHECK_INTERVAL_SECONDS: '10' });
    expect([job.spec.backoff_limit, job.spec.active_deadline_seconds, job.spec.ttl_seconds_after_finished]).toEqual([1, 600, undefined]);
    expect([job.wait_for_completion, job.timeouts]).toEqual([false, undefined]);
    expect(job.metadata.labels).toEqual({ 'app.kubernetes.io/component': 'verification' });
    expect(job.spec.template.metadata.labels).toEqual({ 'app.kubernetes.io/component': 'verification' });
    expect(VerificationCheck.SELECTOR).toBe('app.kubernetes.io/component=verification');
    expect(created.waitCommand).toBe('kubectl wait --for=condition=complete job/check -n default --timeout=660s');
  });

  it('size the wait command to the deadline', () => {
    expect(check({ activeDeadlineSeconds: 900 }).check.waitCommand).toBe('kubectl wait --for=condition=complete job/check -n default --timeout=960s');
  });

  it('add resources of the stack to wait for', () => {
    const env = platformAndWorkloads();
    const first = new MetadataConcealmentCheck(env.workloads, 'first', { cluster: env.cluster });
    new MetadataConcealmentCheck(env.workloads, 'check', { cluster: env.cluster, dependsOn: [first.resource] });
    expect(jobNamed(synth(env.workloads), 'check').depends_on).toEqual([
      expect.stringMatching(/^kubernetes_service_account_v1\.check_ServiceAccount_/),
      expect.stringMatching(/^kubernetes_job_v1\.first_/),
    ]);
  });

  it('pass values known only at apply time', () => {
    const env = platformAndWorkloads();
    const attempts = new TerraformVariable(env.workloads, 'attempts', { type: 'number' });
    new MetadataConcealmentCheck(env.workloads, 'check', { cluster: env.cluster, attempts: attempts.numberValue, activeDeadlineSeconds: 120 });
    expect(envOf(jobNamed(synth(env.workloads), 'check')).CHECK_ATTEMPTS).toBe('${var.attempts}');
  });

  it.each([
    ['name', { name: 'Check_1' }, 'Check_1', 'must be a DNS-1123 label'],
    ['image', { image: 'curl image' }, 'curl image', 'must be a container image reference'],
    ['attempts', { attempts: 0 }, 0, 'must be a whole number from 1 to 100'],
    ['attempts', { attempts: 2.5 }, 2.5, 'must be a whole number from 1 to 100'],
    ['attempts', { attempts: 101 }, 101, 'must be a whole number from 1 to 100'],
    ['retryIntervalSeconds', { retryIntervalSeconds: 0 }, 0, 'must be a whole number of seconds from 1 to 300'],
    ['retryIntervalSeconds', { retryIntervalSeconds: 301 }, 301, 'must be a whole number of seconds from 1 to 300'],
    ['backoffLimit', { backoffLimit: -1 }, -1, 'must be a whole number from 0 to 6: each retry is a new pod'],
    ['backoffLimit', { backoffLimit: 7 }, 7, 'must be a whole number from 0 to 6: each retry is a new pod'],
    ['activeDeadlineSeconds', { activeDeadlineSeconds: 359 }, 359,
      'must be a whole number of seconds of at least 360 (attempts × retryIntervalSeconds + 60 s for the pod to start): a shorter deadline stops the check before its last attempt'],
    ['activeDeadlineSeconds', { attempts: 5, retryIntervalSeconds: 2, activeDeadlineSeconds: 69 }, 69, 'must be a whole number of seconds of at least 70'],
    ['runId', { runId: 'Run_2' }, 'Run_2', 'must be lower-case letters, digits and "-", starting and ending with a letter or digit; give a literal such as "r2" or a CI run number'],
    ['runId', { runId: '-r2' }, '-r2', 'must be lower-case letters, digits and "-"'],
    ['runId', { name: 'c'.repeat(60), runId: 'r123' }, 'r123', `makes the Job name "${'c'.repeat(60)}-r123" 65 characters long, more than the 63 of a DNS-1123 label`],
  ] as [string, Partial<MetadataConcealmentCheckProps>, unknown, string][])('refuse a bad %s (%j)', (field, props, value, rule) => {
    expect(() => check(props)).toThrow(error(field, value, rule));
  });

  it('name the Job after the run id, so a new run id replaces the Job and runs the check again, and keep the check\'s account', () => {
    const { workloads, check: created } = check({ runId: 'r2' });
    const json = synth(workloads);
    const job = jobNamed(json, 'check-r2');
    expect(job.metadata.name).toBe('check-r2');
    expect(job.spec.template.spec.service_account_name).toBe('check');
    expect(created.checkName).toBe('check');
    expect(created.waitCommand).toBe('kubectl wait --for=condition=complete job/check-r2 -n default --timeout=660s');
    expect(created.logsCommand).toBe('kubectl logs -l job-name=check-r2 -n default -c check --prefix --tail=-1');
  });

  it('refuse a run id known only at apply time: it names the Job', () => {
    const env = platformAndWorkloads();
    const run = new TerraformVariable(env.workloads, 'run', { type: 'string' });
    expect(() => new MetadataConcealmentCheck(env.workloads, 'check', { cluster: env.cluster, runId: run.stringValue })).toThrow(
      'workloads/check: invalid runId "<unresolved token>": must be known at synth: it names the Job');
  });

  it('accept the smallest deadline that covers every attempt', () => {
    const job = jobNamed(synth(check({ attempts: 5, retryIntervalSeconds: 2, activeDeadlineSeconds: 70 }).workloads), 'check');
    expect(job.spec.active_deadline_seconds).toBe(70);
  });
});
