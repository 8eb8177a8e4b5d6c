import { IConstruct } from 'constructs';
import { TerraformStack, TerraformVariable, Token } from 'cdktf';
import { resolveForReading } from './cdktf-internals';

/**
 * `value` as `consumer`'s stack may use it. A string that is a TerraformVariable of `owner`'s stack (such as a
 * host name given as a variable) becomes a variable of the same name in the consumer's stack, so one
 * `TF_VAR_` value sets both and no cross-stack reference is made: such a reference would make the consumer's
 * stack depend on the owner's, a cycle when the owner's stack already depends on the consumer's (the mesh
 * stack on the workloads stack). Literals, other tokens and values of the same stack are returned as given.
 */
export function mirroredVariable(consumer: IConstruct, owner: IConstruct, value: string): string {
  if (!Token.isUnresolved(value)) return value;
  const from = TerraformStack.of(owner);
  const to = TerraformStack.of(consumer);
  if (from === to) return value;
  const expression = JSON.stringify(resolveForReading(value, from));
  const variable = from.node.findAll().find((c): c is TerraformVariable =>
    c instanceof TerraformVariable && JSON.stringify(resolveForReading(c.stringValue, from)) === expression);
  if (!variable) return value;
  const name = variable.friendlyUniqueId;
  const existing = to.node.findAll().find((c): c is TerraformVariable => c instanceof TerraformVariable && c.friendlyUniqueId === name);
  if (existing) return existing.stringValue;
  const mirror = new TerraformVariable(to, `mirror-${name}`, {
    type: variable.type, default: variable.default, description: variable.description, sensitive: variable.sensitive, nullable: variable.nullable,
  });
  mirror.overrideLogicalId(name);
  return mirror.stringValue;
}
