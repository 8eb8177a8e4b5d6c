import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { ContainerClusterMaintenancePolicy } from '@cdktf/provider-google/lib/container-cluster';
import { inputError } from '../core/errors';

const HOUR_MINUTE = /^(?:[01][0-9]|2[0-3]):[0-5][0-9]$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const MAX_EXCLUSIONS = 20;
const NO_UPGRADES_MAX_DAYS = 30;

/**
 * When GKE may run automatic maintenance (upgrades, repairs): a daily window or a recurring window.
 * Windows must leave GKE at least 48 hours of maintenance in any 32 days, which the API checks.
 */
export class MaintenanceWindow {
  /**
   * A daily four-hour window starting at `startTime`, `HH:MM` in UTC, such as `03:00`.
   */
  public static daily(startTime: string): MaintenanceWindow {
    return new MaintenanceWindow({ kind: 'daily', startTime });
  }

  /**
   * A recurring window: the first occurrence from `startTime` to `endTime` (RFC 3339, such as
   * `2025-01-04T01:00:00Z`), repeated by an RFC 5545 `recurrence` such as `FREQ=WEEKLY;BYDAY=SA,SU`.
   */
  public static recurring(startTime: string, endTime: string, recurrence: string): MaintenanceWindow {
    return new MaintenanceWindow({ kind: 'recurring', startTime, endTime, recurrence });
  }

  /** `daily` or `recurring`. */
  public readonly kind: string;
  /** The start time as given. */
  public readonly startTime: string;
  /** The end time of the first occurrence (recurring windows). */
  public readonly endTime?: string;
  /** The RFC 5545 recurrence rule (recurring windows). */
  public readonly recurrence?: string;

  private constructor(fields: { kind: string; startTime: string; endTime?: string; recurrence?: string }) {
    this.kind = fields.kind;
    this.startTime = fields.startTime;
    this.endTime = fields.endTime;
    this.recurrence = fields.recurrence;
  }
}

/** What automatic upgrades a maintenance exclusion holds back (`exclusion_options.scope`). */
export class MaintenanceExclusionScope {
  /** No upgrades at all, control plane or nodes; at most 30 days. */
  public static readonly NO_UPGRADES = new MaintenanceExclusionScope('NO_UPGRADES');
  /** Patch upgrades only: no minor upgrades of the control plane or nodes. */
  public static readonly NO_MINOR_UPGRADES = new MaintenanceExclusionScope('NO_MINOR_UPGRADES');
  /** Control-plane patches only: no minor upgrades and no node upgrades. */
  public static readonly NO_MINOR_OR_NODE_UPGRADES = new MaintenanceExclusionScope('NO_MINOR_OR_NODE_UPGRADES');

  /** The Terraform value. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}

/** A period in which GKE runs no automatic maintenance of the given scope. */
export interface MaintenanceExclusion {
  /** A name unique within the cluster, such as `year-end-freeze`. */
  readonly name: string;
  /** The start, RFC 3339, such as `2025-12-20T00:00:00Z`. */
  readonly startTime: string;
  /** The end, RFC 3339, after the start. */
  readonly endTime: string;
  /**
   * What is held back.
   * @default MaintenanceExclusionScope.NO_UPGRADES - nothing is upgraded (GKE limits it to 30 days)
   */
  readonly scope?: MaintenanceExclusionScope;
}

/** The `maintenance_policy` block, checked; undefined when neither a window nor exclusions are given. */
export function maintenancePolicy(
  scope: IConstruct, window: MaintenanceWindow | undefined, exclusions: MaintenanceExclusion[] | undefined,
): ContainerClusterMaintenancePolicy | undefined {
  const list = exclusions ?? [];
  if (window === undefined && list.length === 0) return undefined;
  if (window) checkWindow(scope, window);
  if (list.length > 0 && window === undefined) {
    throw inputError(scope, 'maintenanceExclusions', list.map((e) => e.name),
      'need a maintenanceWindow: a maintenance policy holds exactly one window (daily or recurring) beside its exclusions; ' +
      'add maintenanceWindow: MaintenanceWindow.daily(\'03:00\') or MaintenanceWindow.recurring(…)');
  }
  checkExclusions(scope, list);
  return {
    dailyMaintenanceWindow: window?.kind === 'daily' ? { startTime: window.startTime } : undefined,
    recurringWindow: window?.kind === 'recurring'
      ? { startTime: window.startTime, endTime: window.endTime!, recurrence: window.recurrence! } : undefined,
    maintenanceExclusion: list.length > 0 ? list.map((e) => ({
      exclusionName: e.name,
      startTime: e.startTime,
      endTime: e.endTime,
      exclusionOptions: { scope: (e.scope ?? MaintenanceExclusionScope.NO_UPGRADES).value },
    })) : undefined,
  };
}

function checkWindow(scope: IConstruct, window: MaintenanceWindow): void {
  if (window.kind === 'daily') {
    if (!Token.isUnresolved(window.startTime) && !HOUR_MINUTE.test(window.startTime)) {
      throw inputError(scope, 'maintenanceWindow.startTime', window.startTime,
        'must be HH:MM in UTC (00:00-23:59), such as MaintenanceWindow.daily(\'03:00\')');
    }
    return;
  }
  checkTimeRange(scope, 'maintenanceWindow', window.startTime, window.endTime!);
  const recurrence = window.recurrence!;
  if (!Token.isUnresolved(recurrence) && !/^FREQ=(?:DAILY|WEEKLY|MONTHLY)(?:;[A-Z]+=[A-Z0-9,+-]+)*$/.test(recurrence)) {
    throw inputError(scope, 'maintenanceWindow.recurrence', recurrence,
      'must be an RFC 5545 rule starting with FREQ=DAILY, FREQ=WEEKLY or FREQ=MONTHLY, such as FREQ=WEEKLY;BYDAY=SA,SU');
  }
}

function checkExclusions(scope: IConstruct, exclusions: MaintenanceExclusion[]): void {
  if (exclusions.length > MAX_EXCLUSIONS) {
    throw inputError(scope, 'maintenanceExclusions', `${exclusions.length} exclusions`,
      `may hold at most ${MAX_EXCLUSIONS} exclusions (a GKE limit); merge or drop some`);
  }
  exclusions.forEach((exclusion, i) => {
    const field = `maintenanceExclusions[${i}]`;
    if (!Token.isUnresolved(exclusion.name) && !/^[a-zA-Z0-9][-_.a-zA-Z0-9 ]{0,62}$/.test(exclusion.name)) {
      throw inputError(scope, `${field}.name`, exclusion.name,
        'must be 1-63 letters, digits, spaces, "-", "_" and ".", starting with a letter or digit, such as year-end-freeze');
    }
    if (exclusions.findIndex((e) => e.name === exclusion.name) !== i) {
      throw inputError(scope, `${field}.name`, exclusion.name, 'is used twice; give each exclusion its own name');
    }
    const days = checkTimeRange(scope, field, exclusion.startTime, exclusion.endTime);
    const scopeValue = (exclusion.scope ?? MaintenanceExclusionScope.NO_UPGRADES).value;
    if (days !== undefined && scopeValue === 'NO_UPGRADES' && days > NO_UPGRADES_MAX_DAYS) {
      throw inputError(scope, `${field}.endTime`, exclusion.endTime,
        `is ${Math.ceil(days)} days after the start, but a NO_UPGRADES exclusion lasts at most ${NO_UPGRADES_MAX_DAYS} days; ` +
        'shorten it, or use scope: MaintenanceExclusionScope.NO_MINOR_UPGRADES for a longer freeze');
    }
  });
}

/** Checks two RFC 3339 times, the end after the start; the length in days when both are literals. */
function checkTimeRange(scope: IConstruct, field: string, start: string, end: string): number | undefined {
  for (const [name, value] of [['startTime', start], ['endTime', end]]) {
    if (!Token.isUnresolved(value) && !(RFC3339.test(value) && !Number.isNaN(Date.parse(value)))) {
      throw inputError(scope, `${field}.${name}`, value, 'must be an RFC 3339 time such as 2025-01-04T01:00:00Z');
    }
  }
  if (Token.isUnresolved(start) || Token.isUnresolved(end)) return undefined;
  const millis = Date.parse(end) - Date.parse(start);
  if (millis <= 0) {
    throw inputError(scope, `${field}.endTime`, end, `must be after the start time ${start}`);
  }
  return millis / 86_400_000;
}
