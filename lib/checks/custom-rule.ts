import { TfResource } from '../core/app-index';
import { Rule } from './rule';
import { SecurityRuleInfo } from './security-finding';
import { block, blocks, isUnknown, literalBool, literalNumber, literalString, read } from '../core/terraform-values';

/** A resource or data source of the app as a team's own rule sees it. */
export interface CheckedResource {
  /** The resource type, such as `google_storage_bucket`. */
  readonly type: string;
  /** The logical name (the block label). */
  readonly name: string;
  /** The Terraform address: `type.name`, or `data.type.name`. */
  readonly address: string;
  /** Whether it is a data source. */
  readonly isData: boolean;
  /**
   * The final configuration as in `cdk.tf.json`: snake_case, overrides merged, literal locals read.
   * Values holding `${…}` are only known at plan time (see {@link TerraformValues.isUnknown}).
   */
  readonly config: { [key: string]: unknown };
  /** The construct path of the resource (the stack's path for resources written by `stack.addOverride`). */
  readonly constructPath: string;
}

/**
 * A team's own rule, run with the built-in ones (pass it in `SecurityChecksProps.customRules`). Its
 * findings are reported, suppressed, written to the JSON and SARIF reports and fail synthesis like those
 * of the built-in rules.
 */
export interface ICustomSecurityRule {
  /** The rule's id (unique, not one of the built-in ids), severity, title, fix and source. */
  readonly info: SecurityRuleInfo;
  /** The Terraform resource types the rule reads, such as `['google_storage_bucket']`. */
  readonly resourceTypes: string[];
  /**
   * The problems of one resource of those types: each string becomes one finding, and names the
   * offending value without a final period. An empty list means the resource passes.
   */
  check(resource: CheckedResource): string[];
}

/**
 * Readers for rule authors over the configuration of a {@link CheckedResource}: nested blocks are lists
 * in cdk.tf.json (or single objects when written through escape hatches), and values holding `${…}` are
 * only known at plan time, so a rule should skip them rather than report them.
 */
export class TerraformValues {
  /** The raw value at a dotted path through nested blocks (`node_config.workload_metadata_config.mode`); undefined when a level is absent. */
  public static read(config: { [key: string]: unknown }, path: string): unknown {
    return read(config, path);
  }

  /** Every element of the nested block `key` (a single object counts as one). */
  public static blocks(config: { [key: string]: unknown }, key: string): { [key: string]: unknown }[] {
    return blocks(config, key);
  }

  /** The first element of the nested block `key`, or undefined. */
  public static block(config: { [key: string]: unknown }, key: string): { [key: string]: unknown } | undefined {
    return block(config, key);
  }

  /** Whether a value holds a Terraform expression, so it is only known at plan time. */
  public static isUnknown(value: unknown): boolean {
    return isUnknown(value);
  }

  /** A literal string, or undefined when absent, not a string or unknown. */
  public static literalString(value: unknown): string | undefined {
    return literalString(value);
  }

  /** A literal boolean (also "true" and "false"), or undefined. */
  public static literalBool(value: unknown): boolean | undefined {
    return literalBool(value);
  }

  /** A literal number (numeric strings too), or undefined. */
  public static literalNumber(value: unknown): number | undefined {
    return literalNumber(value);
  }

  private constructor() {}
}

function checkedResource(resource: TfResource): CheckedResource {
  const { type, name, address, isData, config } = resource;
  return { type, name, address, isData, config, constructPath: resource.element.node.path };
}

/** The pack's form of a team's rule: one finding per problem its check returns. */
export function customRule(custom: ICustomSecurityRule): Rule {
  const { id, severity, title, fix, source } = custom.info;
  return {
    id, severity, title, fix, source,
    check(context) {
      for (const resource of [...context.index.resourcesOf(custom.resourceTypes), ...custom.resourceTypes.flatMap((t) => context.index.dataSources(t))]) {
        for (const what of custom.check(checkedResource(resource))) context.report(this, resource, what.replace(/\.$/, ''));
      }
    },
  };
}
