import { Fn, TerraformElement, Token } from 'cdktf';
import { PodEnvVar } from './gke-metadata-server';

/**
 * A container's `env` entries from a name-to-value map and the pod settings' own variables; undefined when
 * the map is an unresolved token (then {@link addTokenEnv} writes them) or when there are none.
 */
export function containerEnv(env: { [name: string]: string } | undefined, fixed: readonly PodEnvVar[] = []): PodEnvVar[] | undefined {
  if (env !== undefined && Token.isUnresolved(env)) return undefined;
  const list = [...Object.entries(env ?? {}).map(([name, value]) => ({ name, value })), ...fixed];
  return list.length > 0 ? list : undefined;
}

/**
 * Writes a map token (a variable, another resource's output) as a `dynamic "env"` block of the first container
 * at `podSpecPath` (snake_case), merged with the fixed variables, so Terraform expands it at plan time. cdktf
 * cannot place dynamic blocks inside a list of blocks, hence the override.
 */
export function addTokenEnv(resource: TerraformElement, podSpecPath: string, env: { [name: string]: string } | undefined, fixed: readonly PodEnvVar[] = []): void {
  if (env === undefined || !Token.isUnresolved(env)) return;
  const merged = fixed.length === 0 ? env : Fn.merge([env, Object.fromEntries(fixed.map((v) => [v.name, v.value]))]);
  resource.addOverride(`${podSpecPath}.container.0.dynamic.env`, { for_each: merged, content: { name: '${env.key}', value: '${env.value}' } });
}
