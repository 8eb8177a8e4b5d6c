import { App, Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ProviderSchemaValidator, SchemaFindingKind } from '../lib/validation/provider-schema-validator';

/** Synthesised Terraform JSON of one stack. */
export type StackJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  provider?: Record<string, unknown[]>;
  output?: Record<string, unknown>;
};

/** A fresh app and one stack in it, for construct tests. */
export function newStack(id = 'stack'): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  return { app, stack: new TerraformStack(app, id) };
}

/** One validator for the whole test file: the bundled schemas are read once. */
let schemaValidator: ProviderSchemaValidator | undefined;

/** Throws when a stack's Terraform JSON breaks the provider schemas (every app a unit test synthesises). */
export function assertSchemaValid(stackId: string, json: unknown): void {
  schemaValidator ??= new ProviderSchemaValidator();
  const violations = schemaValidator.validateStack(stackId, json).filter((f) => f.kind === SchemaFindingKind.VIOLATION);
  if (violations.length > 0) {
    throw new Error(`synthesised Terraform breaks the provider schemas:\n  ${violations.map(ProviderSchemaValidator.formatFinding).join('\n  ')}`);
  }
}

/** Synthesises a stack (aspects included), checks it against the provider schemas and parses the JSON. */
export function synth(stack: TerraformStack, runValidations = false): StackJson {
  const json = JSON.parse(Testing.synth(stack, runValidations)) as StackJson;
  assertSchemaValid(stack.node.id, json);
  return json;
}

/** The only resource of a type in a synthesised stack; fails when there is not exactly one. */
export function onlyResource(json: StackJson, type: string): Record<string, unknown> {
  const all = Object.values(json.resource?.[type] ?? {});
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** Every resource of a type in a synthesised stack. */
export function resourcesOf(json: StackJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The path of every construct under `scope`, for asserting stable construct ids. */
export function constructPaths(scope: Construct): string[] {
  return scope.node.findAll().map((c) => c.node.path);
}
