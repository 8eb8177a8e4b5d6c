import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { inputError, refuseToken } from '../core/errors';

/** One output of a cluster: its name suffix, value, description and whether Terraform hides it. */
export interface ClusterOutputValue {
  /** The suffix after the prefix, such as `endpoint`. */
  readonly suffix: string;
  /** The value. */
  readonly value: string;
  /** What the output holds. */
  readonly description: string;
  /**
   * Hide the value in plan and apply output (`terraform output -raw NAME` still prints it).
   * @default false
   */
  readonly sensitive?: boolean;
}

const OUTPUT_PREFIX = /^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/;
const outputOwners = new WeakMap<TerraformStack, Map<string, string>>();

/**
 * The prefix of a cluster's output names: `outputPrefix` when given, otherwise the cluster's construct path
 * inside its stack with every other character than letters, digits and `_` turned into `_` (construct paths
 * are unique, so clusters of one stack get distinct outputs, even clusters of the same name in two regions).
 */
export function clusterOutputPrefix(scope: Construct, given: string | undefined): string {
  if (given !== undefined) {
    refuseToken(scope, 'outputPrefix', given, 'it becomes part of the names of Terraform outputs, which are fixed in the synthesised JSON');
    if (!OUTPUT_PREFIX.test(given)) {
      throw inputError(scope, 'outputPrefix', given,
        'must be 1-63 letters, digits and "_", not starting with a digit (it starts Terraform output names), such as payments_cluster');
    }
    return given;
  }
  const stackPath = TerraformStack.of(scope).node.path;
  const relative = scope.node.path.slice(stackPath.length).replace(/^\//, '');
  const prefix = relative.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(prefix) ? `cluster_${prefix}` : prefix;
}

/**
 * Terraform outputs of a cluster, named `<prefix>_<suffix>` so that several clusters can share a stack.
 * Two clusters whose outputs would collide are refused with the fix (`outputPrefix`).
 */
export class ClusterOutputs extends Construct {
  /** The outputs by suffix. */
  public readonly outputs: { [suffix: string]: TerraformOutput } = {};

  constructor(scope: Construct, id: string, prefix: string, values: ClusterOutputValue[]) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    const owners = outputOwners.get(stack) ?? new Map<string, string>();
    outputOwners.set(stack, owners);
    for (const output of values) {
      const name = `${prefix}_${output.suffix}`;
      const owner = owners.get(name);
      if (owner !== undefined) {
        throw inputError(scope, 'outputPrefix', prefix,
          `gives the output ${name}, which ${owner} already writes in stack ${stack.node.id}; give one of the clusters ` +
          'its own outputPrefix, such as outputPrefix: \'payments_cluster\'');
      }
      owners.set(name, scope.node.path);
      const resource = new TerraformOutput(this, output.suffix, {
        value: output.value,
        description: output.description,
        sensitive: output.sensitive,
      });
      resource.overrideLogicalId(name);
      this.outputs[output.suffix] = resource;
    }
  }
}
