import { Token } from 'cdktf';

/** A GKE version such as `1.21.0-gke.1000`, as numbers: major, minor, patch, gke build. */
type VersionParts = [number, number, number, number];

const VERSION = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-gke\.(\d+))?$/;

function parse(version: string): VersionParts | undefined {
  const match = VERSION.exec(version);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0), Number(match[4] ?? 0)];
}

function compare(a: VersionParts, b: VersionParts): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return 0;
}

/**
 * Whether a cluster whose pinned minimum control-plane version is `pinned` is known to run `minimum` or
 * later: true without a pin (the release channel's versions are all current) and for `latest`; false for
 * an older pin, a prefix that allows older builds (`1.21` against `1.21.0-gke.1000`), a value only known at
 * apply time, or one this check cannot read.
 */
export function runsAtLeast(pinned: string | undefined, minimum: string): boolean {
  if (pinned === undefined || pinned === 'latest') return true;
  if (Token.isUnresolved(pinned)) return false;
  const have = parse(pinned);
  const need = parse(minimum);
  if (!have || !need) return false;
  return compare(have, need) >= 0;
}

/**
 * Whether a cluster pinned to `pinned` is known to run a version older than `minimum`: only a literal,
 * readable version below it.
 */
export function runsOlderThan(pinned: string | undefined, minimum: string): boolean {
  if (pinned === undefined || pinned === 'latest' || Token.isUnresolved(pinned)) return false;
  const have = parse(pinned);
  const need = parse(minimum);
  if (!have || !need) return false;
  return compare(have, need) < 0;
}
