import * as path from 'path';
import { IConstruct } from 'constructs';
import { AnnotationMetadataEntryType, Aspects, IAspect, TerraformBackend, TerraformStack } from 'cdktf';

/** Aspects already run on each construct by this module, so repeated calls never run one twice. */
const visited = new WeakMap<IConstruct, Set<IAspect>>();
/** Stacks that had no backend before {@link prepare} gave them cdktf's default local one. */
const implicitBackend = new WeakSet<TerraformStack>();

/** The stacks `scope` is or holds, in construct order. */
export function stacksOf(scope: IConstruct): TerraformStack[] {
  return TerraformStack.isStack(scope) ? [scope] : scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

/**
 * Does what `cdktf synth` does before it writes a stack: every stack of the app resolves its cross-stack
 * references (which adds outputs and remote-state data sources) and gets its default backend; then the
 * aspects of each stack of `scope` run, as cdktf runs them (from the stack down: aspects added to the app
 * itself are not applied by cdktf either).
 */
export function prepare(scope: IConstruct): TerraformStack[] {
  for (const stack of stacksOf(scope.node.root)) {
    if (!stack.node.children.some((c) => TerraformBackend.isBackend(c))) implicitBackend.add(stack);
    stack.prepareStack();
  }
  const stacks = stacksOf(scope);
  stacks.forEach((stack) => invokeAspects(stack, []));
  return stacks;
}

function invokeAspects(construct: IConstruct, inherited: IAspect[]): void {
  const here = [...inherited, ...Aspects.of(construct).all];
  const done = visited.get(construct) ?? new Set<IAspect>();
  visited.set(construct, done);
  for (const aspect of here) {
    if (done.has(aspect)) continue;
    aspect.visit(construct);
    done.add(aspect);
  }
  for (const child of construct.node.children) invokeAspects(child, here);
}

/** The failed validations under `scope`, as `[path] message`. */
export function validationErrors(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.validate().map((message) => `[${c.node.path}] ${message}`));
}

/** The annotations of one level under `scope`, as `[path] message`, each once. */
export function annotations(scope: IConstruct, level: AnnotationMetadataEntryType): string[] {
  const lines = scope.node.findAll().flatMap((c) => c.node.metadata
    .filter((entry) => entry.type === level)
    .map((entry) => `[${c.node.path}] ${String(entry.data)}`));
  return [...new Set(lines)];
}

/**
 * A stack's Terraform JSON without what changes between machines and runs: cdktf's `//` metadata blocks
 * (construct paths, stack traces, the cdktf version) are removed at every level, keys are sorted, the
 * default local backend cdktf adds to a stack without one (an absolute path on this machine) is left
 * out, and other absolute paths under the working directory become relative.
 */
export function stableStackJson(stack: TerraformStack): unknown {
  const json = stable(stack.toTerraform(), process.cwd() + path.sep) as { terraform?: { backend?: { local?: unknown } } };
  if (implicitBackend.has(stack) && json.terraform?.backend) {
    delete json.terraform.backend.local;
    if (Object.keys(json.terraform.backend).length === 0) delete json.terraform.backend;
  }
  return json;
}

function stable(value: unknown, cwd: string): unknown {
  if (Array.isArray(value)) return value.map((item) => stable(item, cwd));
  if (typeof value === 'string') return value.startsWith(cwd) ? value.slice(cwd.length) : value;
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value).filter((k) => k !== '//').sort()) result[key] = stable((value as Record<string, unknown>)[key], cwd);
  return result;
}
