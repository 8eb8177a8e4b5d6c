/**
 * The POSIX shell scripts of the verification Jobs. Every script is constant text: what a check's
 * properties decide reaches it as environment variables (named here), so no value is ever parsed as
 * shell code, whatever characters it holds. A script tries its `probe` until it passes, fails for good or
 * runs out of attempts, prints one `PASS: …` or `FAIL: …` line, runs its cleanup and exits 0 or 1.
 */

/** Environment variables the scripts read. */
export const SCRIPT_ENV = {
  attempts: 'CHECK_ATTEMPTS',
  retryIntervalSeconds: 'CHECK_INTERVAL_SECONDS',
  bucket: 'BUCKET',
  method: 'REQUEST_METHOD',
  url: 'REQUEST_URL',
  expectedStatus: 'EXPECTED_STATUS',
  envoyAdminPort: 'ENVOY_ADMIN_PORT',
} as const;

/** The name of the variable that holds the n-th (from 1) text an HTTP response must contain. */
export function expectedTextVariable(n: number): string {
  return `EXPECTED_TEXT_${n}`;
}

/** The answer of concealed metadata endpoints (guide 004). */
export const CONCEALED_MESSAGE = 'This metadata endpoint is concealed.';
/**
 * The GKE metadata server's refusal to issue an identity token to a pod whose Kubernetes service account
 * is not linked to a Google service account.
 */
export const NOT_LINKED_MESSAGE = 'is not annotated with a target Google service account';

const METADATA = 'http://169.254.169.254/computeMetadata/v1/instance';

/** A check's script: the body of `probe` (0 passed, 1 try again, 2 failed for good; sets RESULT) and its cleanup. */
interface CheckScript {
  readonly probe: string[];
  readonly cleanup?: string[];
}

/** The whole script of a check. */
function checkScript(script: CheckScript): string {
  return [
    'work=$(mktemp -d)',
    "RESULT='the check did not run'",
    "excerpt() { head -c 300 \"$1\" | tr '\\n' ' '; }",
    'probe() {',
    ...script.probe.map((line) => `  ${line}`),
    '}',
    'rc=1',
    'attempt=1',
    'while :; do',
    '  probe',
    '  code=$?',
    '  if [ "$code" -eq 0 ]; then',
    '    echo "PASS: $RESULT"',
    '    rc=0',
    '    break',
    '  fi',
    `  echo "attempt $attempt of $${SCRIPT_ENV.attempts}: $RESULT" >&2`,
    `  if [ "$code" -ge 2 ] || [ "$attempt" -ge "$${SCRIPT_ENV.attempts}" ]; then`,
    '    echo "FAIL: $RESULT" >&2',
    '    break',
    '  fi',
    '  attempt=$((attempt + 1))',
    `  sleep "$${SCRIPT_ENV.retryIntervalSeconds}"`,
    'done',
    ...(script.cleanup ?? []),
    'exit "$rc"',
    '',
  ].join('\n');
}

/**
 * Guide 001's verification: the pod gets an access token from the GKE metadata server (gcloud) and lists
 * the objects of `$BUCKET` with it; passes on HTTP 200 with `"kind": "storage#objects"`.
 */
export function workloadIdentityScript(): string {
  const bucket = `$${SCRIPT_ENV.bucket}`;
  return checkScript({
    probe: [
      `account=$(curl -s --max-time 5 -H 'Metadata-Flavor: Google' '${METADATA}/service-accounts/default/email')`,
      "[ -n \"$account\" ] || account='the pod identity'",
      'if ! token=$(gcloud auth print-access-token 2>"$work/gcloud-error"); then',
      '  RESULT="no access token for $account from the GKE metadata server: $(tail -n 1 "$work/gcloud-error")"',
      '  return 1',
      'fi',
      ': > "$work/response"',
      `status=$(curl -sS -o "$work/response" -w '%{http_code}' --max-time 20 -H "Authorization: Bearer $token" ` +
        `"https://storage.googleapis.com/storage/v1/b/${bucket}/o?fields=kind")`,
      'if [ "$status" = 200 ] && grep -Eq \'"kind": *"storage#objects"\' "$work/response"; then',
      `  RESULT="listed the objects of gs://${bucket} as $account: $(excerpt "$work/response")"`,
      '  return 0',
      'fi',
      `RESULT="listing the objects of gs://${bucket} as $account answered HTTP $status, expected 200 with \\"kind\\": \\"storage#objects\\": ` +
        '$(excerpt "$work/response")"',
      'return 1',
    ],
  });
}

/**
 * Guide 004's verification: kube-env must answer "This metadata endpoint is concealed." and the instance
 * identity endpoint must issue no token. A served kube-env or identity token fails at once; neither body is
 * ever printed, since both are credentials.
 */
export function metadataConcealmentScript(): string {
  const curl = `curl -s -w '%{http_code}' --max-time 10 -H 'Metadata-Flavor: Google'`;
  return checkScript({
    probe: [
      ': > "$work/kube-env"',
      ': > "$work/identity"',
      `kube_env=$(${curl} -o "$work/kube-env" '${METADATA}/attributes/kube-env')`,
      `identity=$(${curl} -o "$work/identity" '${METADATA}/service-accounts/default/identity?audience=https://www.example.com')`,
      'if [ "$kube_env" = 000 ] || [ "$identity" = 000 ]; then',
      "  RESULT='the metadata server at 169.254.169.254 did not answer'",
      '  return 1',
      'fi',
      'if [ "$kube_env" = 200 ]; then',
      "  RESULT='kube-env was served (HTTP 200, not shown): pods on this node can read the kubelet credentials, so its node pool does not conceal metadata'",
      '  return 2',
      'fi',
      'if [ "$identity" = 200 ]; then',
      "  RESULT='the instance identity endpoint issued a token (HTTP 200, not shown): the pod can act with an identity token of the node, " +
        "or its Kubernetes service account is linked to a Google service account'",
      '  return 2',
      'fi',
      `if ! grep -qF '${CONCEALED_MESSAGE}' "$work/kube-env"; then`,
      `  RESULT="kube-env answered HTTP $kube_env without \\"${CONCEALED_MESSAGE}\\": $(excerpt "$work/kube-env")"`,
      '  return 1',
      'fi',
      `if grep -qF '${CONCEALED_MESSAGE}' "$work/identity" || grep -qF '${NOT_LINKED_MESSAGE}' "$work/identity"; then`,
      `  RESULT="kube-env: HTTP $kube_env ${CONCEALED_MESSAGE}; instance identity token: HTTP $identity $(head -n 1 "$work/identity")"`,
      '  return 0',
      'fi',
      `RESULT="the instance identity endpoint answered HTTP $identity, expected \\"${CONCEALED_MESSAGE}\\" or the GKE metadata server's ` +
        'refusal for a Kubernetes service account without a Google service account: $(excerpt "$work/identity")"',
      'return 1',
    ],
  });
}

/** What an HTTP check sends and expects. */
export interface HttpScriptInput {
  /** How many texts the response must contain (`EXPECTED_TEXT_1` …). */
  readonly expectedTexts: number;
  /** Whether the pod has an Envoy sidecar: the probe waits for it and the script stops it at the end. */
  readonly sidecar: boolean;
  /** Whether curl skips verifying the server certificate (`--insecure`). */
  readonly insecure: boolean;
}

/**
 * Guide 002's client checks: one request (`$REQUEST_METHOD $REQUEST_URL`) must answer `$EXPECTED_STATUS` with
 * every expected text in its body. With a sidecar, the probe first waits for Envoy's admin `/ready` to say
 * LIVE, and the script ends by POSTing `/quitquitquit`, so that Envoy exits and the pod completes.
 */
export function httpScript(input: HttpScriptInput): string {
  const { method, url, expectedStatus, envoyAdminPort } = SCRIPT_ENV;
  const admin = `http://127.0.0.1:$${envoyAdminPort}`;
  const request = `$${method} $${url}`;
  const texts = Array.from({ length: input.expectedTexts }, (_, i) => `$${expectedTextVariable(i + 1)}`);
  const sidecarWait = input.sidecar ? [
    `if [ "$(curl -s --max-time 2 "${admin}/ready")" != LIVE ]; then`,
    `  RESULT="no ready Envoy sidecar on 127.0.0.1:$${envoyAdminPort}: the pod got no sidecar (is injection enabled for its namespace?), ` +
      'or the sidecar\'s admin port differs (envoyAdminPort)"',
    '  return 1',
    'fi',
  ] : [];
  const textChecks = texts.flatMap((text) => [
    `if ! grep -qF -- "${text}" "$work/response"; then`,
    `  RESULT="${request} answered HTTP $status without \\"${text}\\": $(excerpt "$work/response")"`,
    '  return 1',
    'fi',
  ]);
  const cleanup = input.sidecar ? [
    `if ! curl -s -o /dev/null --max-time 5 -X POST "${admin}/quitquitquit"; then`,
    `  echo "could not stop the Envoy sidecar on 127.0.0.1:$${envoyAdminPort}; the Job's activeDeadlineSeconds ends the pod" >&2`,
    'fi',
  ] : [];
  return checkScript({
    probe: [
      ...sidecarWait,
      ': > "$work/response"',
      `status=$(curl -sS -o "$work/response" -w '%{http_code}' --max-time 10${input.insecure ? ' --insecure' : ''} -X "$${method}" "$${url}")`,
      `if [ "$status" != "$${expectedStatus}" ]; then`,
      `  RESULT="${request} answered HTTP $status, expected $${expectedStatus}: $(excerpt "$work/response")"`,
      '  return 1',
      'fi',
      ...textChecks,
      `RESULT="${request} answered HTTP $status with ${texts.map((t) => `\\"${t}\\"`).join(', ')}"`,
      'return 0',
    ],
    cleanup,
  });
}
