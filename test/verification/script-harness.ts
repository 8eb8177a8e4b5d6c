import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** One answer of the fake curl: an HTTP status (0 for no connection) and a body. */
export interface FakeResponse {
  readonly status: number;
  readonly body?: string;
}

/** A synthesised check container: its command and environment. */
export interface CheckContainer {
  readonly command: string[];
  readonly env: { name: string; value: string }[];
}

/** What a script run printed and did. */
export interface ScriptRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Every fake curl and gcloud call, in order: `METHOD URL` or `gcloud ARGS`. */
  readonly calls: string[];
}

/**
 * A curl stand-in: reads -o, -w, -X and the URL, logs `METHOD URL`, and answers from
 * `$FAKE_DIR/responses/<METHOD URL with non-alphanumerics as _>/<call number>` (or `last`): the first line
 * is the status, the rest the body. Unknown URLs fail to connect (status 000, exit 7), as curl does.
 */
const FAKE_CURL = `#!/bin/sh
out=''; fmt=''; url=''; method=GET
while [ $# -gt 0 ]; do
  case "$1" in
    -o|-w|-X|-H|--max-time)
      case "$1" in -o) out=$2;; -w) fmt=$2;; -X) method=$2;; esac
      shift 2;;
    -*) shift;;
    *) url=$1; shift;;
  esac
done
echo "$method $url" >> "$FAKE_DIR/calls"
key=$(printf '%s %s' "$method" "$url" | tr -c 'A-Za-z0-9' '_')
dir="$FAKE_DIR/responses/$key"
if [ ! -d "$dir" ]; then
  [ -n "$fmt" ] && printf '000'
  echo "curl: (7) Failed to connect to $url" >&2
  exit 7
fi
n=$(( $(cat "$dir/count" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$dir/count"
file="$dir/$n"
[ -f "$file" ] || file="$dir/last"
status=$(head -n 1 "$file")
if [ -n "$out" ]; then tail -n +2 "$file" > "$out"; else tail -n +2 "$file"; fi
[ -n "$fmt" ] && printf '%s' "$status"
[ "$status" = 000 ] && exit 7
exit 0
`;

/** A gcloud stand-in: prints a fake access token, or fails with `$FAKE_DIR/gcloud-error` when that file exists. */
const FAKE_GCLOUD = `#!/bin/sh
echo "gcloud $*" >> "$FAKE_DIR/calls"
if [ -f "$FAKE_DIR/gcloud-error" ]; then cat "$FAKE_DIR/gcloud-error" >&2; exit 1; fi
echo 'ya29.fake-access-token'
`;

/**
 * Runs a synthesised check container's script under /bin/sh, with its environment (plus `env`), and fake
 * curl and gcloud that answer `responses` (keyed `METHOD URL`, answered in order, the last repeated).
 */
export function runCheck(
  container: CheckContainer, responses: { [request: string]: FakeResponse[] }, options: { env?: { [name: string]: string }; gcloudError?: string } = {},
): ScriptRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verification-'));
  try {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.mkdirSync(path.join(dir, 'tmp'));
    fs.writeFileSync(path.join(bin, 'curl'), FAKE_CURL, { mode: 0o755 });
    fs.writeFileSync(path.join(bin, 'gcloud'), FAKE_GCLOUD, { mode: 0o755 });
    if (options.gcloudError !== undefined) fs.writeFileSync(path.join(dir, 'gcloud-error'), options.gcloudError);
    for (const [request, answers] of Object.entries(responses)) {
      const responseDir = path.join(dir, 'responses', request.replace(/[^A-Za-z0-9]/g, '_'));
      fs.mkdirSync(responseDir, { recursive: true });
      answers.forEach((answer, i) => {
        const text = `${String(answer.status).padStart(3, '0')}\n${answer.body ?? ''}`;
        fs.writeFileSync(path.join(responseDir, String(i + 1)), text);
        if (i === answers.length - 1) fs.writeFileSync(path.join(responseDir, 'last'), text);
      });
    }
    const [shell, flag, script] = container.command;
    const env = {
      PATH: `${bin}:${process.env.PATH}`,
      TMPDIR: path.join(dir, 'tmp'),
      FAKE_DIR: dir,
      ...Object.fromEntries(container.env.map((e) => [e.name, e.value])),
      ...options.env,
    };
    const result = spawnSync(shell, [flag, script], { env, encoding: 'utf8', timeout: 10_000 });
    const callsFile = path.join(dir, 'calls');
    const calls = fs.existsSync(callsFile) ? fs.readFileSync(callsFile, 'utf8').trim().split('\n') : [];
    return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr, calls };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
