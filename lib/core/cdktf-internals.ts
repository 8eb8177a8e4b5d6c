import { IConstruct } from 'constructs';
import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';

// The one place the library relies on cdktf behaviour that is not part of its documented API. Each
// function is pinned by test/core/cdktf-internals.test.ts, so a cdktf upgrade that changes one fails there
// first, not in a rule or a grant.

/** Calls `onSynthesize` with the output directory when the app is synthesised (cdktf's custom synthesis hook). */
export function onSynthesize(scope: IConstruct, onSynthesize: (outdir: string) => void): void {
  addCustomSynthesis(scope, { onSynthesize: (session) => onSynthesize(session.outdir) });
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * A value with every token resolved as Terraform will read it in `stack` (`${google_service_account.x.email}`),
 * without preparing anything: no cross-stack output is created for a reference into another stack.
 */
export function resolveForReading(value: unknown, stack: TerraformStack): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: RESOLVER });
}

/**
 * The overrides added with `stack.addOverride`. cdktf keeps them in a field it does not publish; the
 * field is read here only, so a change of cdktf shows up as "no overrides", never as a crash.
 */
export function stackOverrides(stack: TerraformStack): { readonly [key: string]: unknown } {
  const raw = (stack as unknown as { rawOverrides?: unknown }).rawOverrides;
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw as { readonly [key: string]: unknown } : {};
}

/** The name prefix of the `terraform_remote_state` data source cdktf adds for each stack a stack reads from. */
const REMOTE_STATE_PREFIX = 'cross-stack-reference-input-';

/**
 * The origin of a prepared cross-stack reference: cdktf reads `${data.terraform_remote_state.
 * cross-stack-reference-input-ORIGIN.outputs.OUTPUT}` in the consuming stack, where ORIGIN is the path of
 * the stack that holds the value and OUTPUT the id of the output it adds there. Undefined for any other
 * data source or attribute path.
 */
export function crossStackOrigin(dataType: string, dataName: string, attributePath: string[]): { stackPath: string; outputId: string } | undefined {
  const [outputs, outputId] = attributePath;
  if (dataType !== 'terraform_remote_state' || !dataName.startsWith(REMOTE_STATE_PREFIX) || outputs !== 'outputs' || outputId === undefined) {
    return undefined;
  }
  return { stackPath: dataName.slice(REMOTE_STATE_PREFIX.length), outputId };
}
