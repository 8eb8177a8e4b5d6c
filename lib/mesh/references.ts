import { IConstruct } from 'constructs';
import { TerraformStack } from 'cdktf';

/**
 * How `scope` refers to a resource of `target`: the resource's own attribute (a Terraform reference, so
 * Terraform orders the two) when both are in one stack; otherwise the literal value, known at synth
 * time, so no cross-stack output is needed. The literal must equal what the attribute resolves to.
 */
export function referenceFrom(scope: IConstruct, target: IConstruct, attribute: string, literal: string): string {
  return TerraformStack.of(scope) === TerraformStack.of(target) ? attribute : literal;
}

/**
 * Makes `scope`'s stack deploy after `target`'s when they differ, for references that are plain strings
 * and so invisible to cdktf's own dependency tracking.
 */
export function deployAfter(scope: IConstruct, target: IConstruct): void {
  const stack = TerraformStack.of(scope);
  const targetStack = TerraformStack.of(target);
  if (stack !== targetStack && !stack.dependencies.includes(targetStack)) stack.addDependency(targetStack);
}

/** The id of a global Network Services or Network Security object: `projects/P/locations/global/KIND/NAME`. */
export function globalResourceId(projectId: string, kind: string, name: string): string {
  return `projects/${projectId}/locations/global/${kind}/${name}`;
}
