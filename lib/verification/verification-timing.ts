import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { inputError } from '../core/errors';
import type { VerificationJobOptions } from './verification-check';

/** The timing options of a verification Job with their defaults, checked. */
export interface VerificationTiming {
  readonly attempts: number;
  readonly retryIntervalSeconds: number;
  readonly backoffLimit: number;
  readonly activeDeadlineSeconds: number;
  readonly waitForCompletion: boolean;
}

/** The options' timing with defaults; throws for values a Job cannot use or that would cut the check short. */
export function timingOf(scope: IConstruct, options: VerificationJobOptions): VerificationTiming {
  const attempts = options.attempts ?? 30;
  const retryIntervalSeconds = options.retryIntervalSeconds ?? 10;
  const backoffLimit = options.backoffLimit ?? 1;
  const activeDeadlineSeconds = options.activeDeadlineSeconds ?? 600;
  checkWhole(scope, 'attempts', attempts, 1, 100, 'a whole number from 1 to 100');
  checkWhole(scope, 'retryIntervalSeconds', retryIntervalSeconds, 1, 300, 'a whole number of seconds from 1 to 300');
  checkWhole(scope, 'backoffLimit', backoffLimit, 0, 6,
    'a whole number from 0 to 6: each retry is a new pod that runs every attempt again, so a large limit only delays the verdict');
  const minimum = Token.isUnresolved(attempts) || Token.isUnresolved(retryIntervalSeconds) ? 1 : attempts * retryIntervalSeconds + 60;
  checkWhole(scope, 'activeDeadlineSeconds', activeDeadlineSeconds, minimum, Number.MAX_SAFE_INTEGER,
    `a whole number of seconds of at least ${minimum} (attempts × retryIntervalSeconds + 60 s for the pod to start): ` +
    'a shorter deadline stops the check before its last attempt');
  return {
    attempts, retryIntervalSeconds, backoffLimit, activeDeadlineSeconds,
    waitForCompletion: options.waitForCompletion ?? false,
  };
}

function checkWhole(scope: IConstruct, field: string, value: number, min: number, max: number, rule: string): void {
  if (Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) throw inputError(scope, field, value, `must be ${rule}`);
}

/**
 * Throws unless `runId` is a literal of lower-case letters, digits and `-` that keeps the Job name
 * (`jobName`, the check's name and the run id) a DNS-1123 label. A run id known only at apply time is
 * refused: it names the Job, which must be known to `kubectl wait`.
 */
export function checkRunId(scope: IConstruct, runId: string, jobName: string): void {
  const fix = 'give a literal such as "r2" or a CI run number';
  if (Token.isUnresolved(runId)) throw inputError(scope, 'runId', '<unresolved token>', `must be known at synth: it names the Job; ${fix}`);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(runId)) {
    throw inputError(scope, 'runId', runId, `must be lower-case letters, digits and "-", starting and ending with a letter or digit; ${fix}`);
  }
  if (jobName.length > 63) {
    throw inputError(scope, 'runId', runId, `makes the Job name "${jobName}" ${jobName.length} characters long, more than the 63 of a DNS-1123 label; use a shorter run id or name`);
  }
}
