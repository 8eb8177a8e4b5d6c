// Every stack a test synthesises with cdktf's `Testing.synth` (directly or through test/helpers.ts) is checked
// offline against the provider schemas (lib/validation): a test that builds Terraform the providers would
// reject fails with the violations, whatever it asserts. Types the bundled schemas do not cover pass.
import { TerraformStack, Testing } from 'cdktf';
import { ProviderSchemaValidator, SchemaFindingKind } from '../lib/validation/provider-schema-validator';

const uncheckedSynth = Testing.synth.bind(Testing);
let validator: ProviderSchemaValidator | undefined;

/** `Testing.synth` without the schema check, for a test that builds Terraform the providers reject on purpose. */
export function synthWithoutSchemaCheck(stack: TerraformStack, runValidations = false): string {
  return uncheckedSynth(stack, runValidations);
}

Testing.synth = (stack: TerraformStack, runValidations = false): string => {
  const output = uncheckedSynth(stack, runValidations);
  validator ??= new ProviderSchemaValidator();
  const violations = validator.validateStack(stack.node.id, JSON.parse(output)).filter((f) => f.kind === SchemaFindingKind.VIOLATION);
  if (violations.length > 0) {
    throw new Error(`synthesised Terraform breaks the provider schemas:\n  ${violations.map(ProviderSchemaValidator.formatFinding).join('\n  ')}`);
  }
  return output;
};
