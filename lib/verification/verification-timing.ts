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
  readonly ttlSecondsAfterFinished: number;
  readonly waitForCompletion: boolean;
}

/** The options' timing with defaults; throws for values a Job cannot use or that would cut the check short. */
export function timingOf(scope: IConstruct, options: VerificationJobOptions): VerificationTiming {
  const attempts = options.attempts ?? 30;
  const retryIntervalSeconds = options.retryIntervalSeconds ?? 10;
  const backoffLimit = options.backoffLimit ?? 1;
  const activeDeadlineSeconds = options.activeDeadlineSeconds ?? 600;
  const ttlSecondsAfterFinished = options.ttlSecondsAfterFinished ?? 3600;
  checkWhole(scope, 'attempts', attempts, 1, 100, 'a whole number from 1 to 100');
  checkWhole(scope, 'retryIntervalSeconds', retryIntervalSeconds, 1, 300, 'a whole number of seconds from 1 to 300');
  checkWhole(scope, 'backoffLimit', backoffLimit, 0, 6,
    'a whole number from 0 to 6: each retry is a new pod that runs every attempt again, so a large limit only delays the verdict');
  const minimum = Token.isUnresolved(attempts) || Token.isUnresolved(retryIntervalSeconds) ? 1 : attempts * retryIntervalSeconds + 60;
  checkWhole(scope, 'activeDeadlineSeconds', activeDeadlineSeconds, minimum, Number.MAX_SAFE_INTEGER,
    `a whole number of seconds of at least ${minimum} (attempts × retryIntervalSeconds + 60 s for the pod to start): ` +
    'a shorter deadline stops the check before its last attempt');
  checkWhole(scope, 'ttlSecondsAfterFinished', ttlSecondsAfterFinished, 60, Number.MAX_SAFE_INTEGER,
    'a whole number of seconds of at least 60: Kubernetes deletes the finished Job then, and kubectl wait and kubectl logs must still find it');
  return {
    attempts, retryIntervalSeconds, backoffLimit, activeDeadlineSeconds, ttlSecondsAfterFinished,
    waitForCompletion: options.waitForCompletion ?? false,
  };
}

function checkWhole(scope: IConstruct, field: string, value: number, min: number, max: number, rule: string): void {
  if (Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) throw inputError(scope, field, value, `must be ${rule}`);
}
