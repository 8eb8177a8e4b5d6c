import { App, Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

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

/** Synthesises a stack (aspects included; checked against the provider schemas by test/schema-validated-synth.ts) and parses the JSON. */
export function synth(stack: TerraformStack, runValidations = false): StackJson {
  return JSON.parse(Testing.synth(stack, runValidations)) as StackJson;
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
