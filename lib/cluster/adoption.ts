import { TerraformResource } from 'cdktf';
import { inputError } from '../core/errors';

/** A provider class whose `xxxInput` getters name every argument of its Terraform schema. */
interface GeneratedClass {
  readonly prototype: object;
}

const META_ARGUMENTS = ['//', 'lifecycle', 'depends_on', 'provider', 'count', 'for_each'];

function toSnakeCase(name: string): string {
  return name.replace(/K8S/g, 'K8s').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Every argument of a generated provider class, in Terraform's snake_case, read from its `xxxInput`
 * getters, so the list follows the provider version in use.
 */
export function schemaArguments(generated: GeneratedClass): string[] {
  return Object.getOwnPropertyNames(generated.prototype)
    .filter((name) => name.endsWith('Input'))
    .map((name) => toSnakeCase(name.slice(0, -'Input'.length)))
    .filter((name) => name !== 'id' && name !== 'timeouts');
}

/**
 * Checks, at synth time, that an adopted resource only writes the arguments it manages and still ignores
 * every argument whose change would replace it. Catches escape-hatch overrides that would otherwise be
 * ignored silently or plan a replacement.
 */
export function adoptionViolations(
  resource: TerraformResource, managed: string[], mustIgnore: string[], kind: string,
): string[] {
  const config = resource.toTerraform().resource[resource.terraformResourceType][resource.friendlyUniqueId] as Record<string, unknown>;
  const lifecycle = (config.lifecycle ?? {}) as { ignore_changes?: string[] };
  const ignored = new Set(lifecycle.ignore_changes ?? []);
  const errors: string[] = [];
  const unmanaged = (field: string, value: unknown) => errors.push(inputError(resource, field, value,
    `is not managed on an adopted ${kind}: only ${managed.join(', ')} change in place; set other arguments outside this app`).message);
  for (const key of Object.keys(config)) {
    if (config[key] === undefined || META_ARGUMENTS.includes(key) || managed.includes(key)) continue;
    const nested = managed.filter((m) => m.startsWith(`${key}.`)).map((m) => m.slice(key.length + 1));
    if (nested.length === 0) {
      unmanaged(key, config[key]);
      continue;
    }
    const block = (Array.isArray(config[key]) ? (config[key] as unknown[])[0] : config[key]) as Record<string, unknown>;
    for (const sub of Object.keys(block ?? {})) {
      if (block[sub] !== undefined && !nested.includes(sub)) unmanaged(`${key}.${sub}`, block[sub]);
    }
  }
  for (const key of mustIgnore) {
    if (!ignored.has(key)) {
      errors.push(inputError(resource, 'lifecycle.ignore_changes', [...ignored],
        `must keep ignoring ${key}: a change to it would replace the adopted ${kind}`).message);
    }
  }
  return errors;
}
