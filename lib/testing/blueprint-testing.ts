import { IConstruct } from 'constructs';
import { AnnotationMetadataEntryType } from 'cdktf';
import { annotations, prepare, stableStackJson, validationErrors } from './synthesis';
import {
  ProviderSchemaValidator, ProviderSchemaValidatorOptions, SchemaFinding, SchemaFindingKind,
} from '../validation/provider-schema-validator';

/** Options of {@link BlueprintTesting.synthStacks}. */
export interface BlueprintSynthOptions {
  /**
   * Run every construct validation (`node.addValidation`) first and throw when one fails, as
   * `cdktf synth` does.
   * @default true
   */
  readonly runValidations?: boolean;
}

/**
 * Helpers for your own tests of a cdktf app built with this library, with any test runner: synthesize
 * every stack into stable JSON for snapshots, and read the rule pack's errors. Nothing here depends on a
 * test framework; with jest, write `expect(BlueprintTesting.synthStacks(app)).toMatchSnapshot()` and
 * `expect(BlueprintTesting.errorsOf(app)).toEqual([])`.
 *
 * Every method prepares the app the way `cdktf synth` does (cross-stack references, default backends)
 * and runs each stack's aspects (the rule pack) once, however often it is called.
 */
export class BlueprintTesting {
  /**
   * The Terraform JSON of every stack under `scope` (the app or one stack), keyed by stack path (its id for
   * a stack of the app): cdktf's `//` metadata removed at every level, keys sorted, local paths relative,
   * so a snapshot changes only when the infrastructure does.
   */
  public static synthStacks(scope: IConstruct, options: BlueprintSynthOptions = {}): { [stack: string]: unknown } {
    const stacks = prepare(scope);
    if (options.runValidations ?? true) {
      const failed = validationErrors(scope);
      if (failed.length > 0) throw new Error(`Validation failed with the following errors:\n  ${failed.join('\n  ')}`);
    }
    const result: { [stack: string]: unknown } = {};
    for (const stack of stacks) result[stack.node.path] = stableStackJson(stack);
    return result;
  }

  /** {@link synthStacks} as one JSON document (two-space indent), for snapshot files of any test framework. */
  public static stableJson(scope: IConstruct, options: BlueprintSynthOptions = {}): string {
    return `${JSON.stringify(BlueprintTesting.synthStacks(scope, options), undefined, 2)}\n`;
  }

  /**
   * Everything that would fail `cdktf synth` under `scope`, as `[construct path] message`: error annotations
   * (`@cdktf/error`, which the rule pack adds) and failed construct validations. Empty means the synth
   * passes the rule pack.
   */
  public static errorsOf(scope: IConstruct): string[] {
    prepare(scope);
    return [...annotations(scope, AnnotationMetadataEntryType.ERROR), ...validationErrors(scope)];
  }

  /** The warning annotations under `scope` (`@cdktf/warn`), as `[construct path] message`. */
  public static warningsOf(scope: IConstruct): string[] {
    prepare(scope);
    return annotations(scope, AnnotationMetadataEntryType.WARN);
  }

  /** The info annotations under `scope` (`@cdktf/info`), as `[construct path] message`. */
  public static infosOf(scope: IConstruct): string[] {
    prepare(scope);
    return annotations(scope, AnnotationMetadataEntryType.INFO);
  }

  /**
   * Every block of every stack under `scope` checked offline against the providers' schemas (see
   * {@link ProviderSchemaValidator}), as one line per violation: `stack: address: attribute: message`.
   * Empty means the output passes. Types the bundled schemas do not cover are left out unless `strict` is
   * set (see {@link schemaFindingsOf}); pass full dumps with `schemaFiles` to cover them. With jest:
   * `expect(BlueprintTesting.schemaViolationsOf(app)).toEqual([])`.
   */
  public static schemaViolationsOf(scope: IConstruct, options: ProviderSchemaValidatorOptions = {}): string[] {
    return BlueprintTesting.schemaFindingsOf(scope, options)
      .filter((finding) => finding.kind === SchemaFindingKind.VIOLATION)
      .map((finding) => ProviderSchemaValidator.formatFinding(finding));
  }

  /** Every finding of the offline schema validation under `scope`, the not-covered types included. */
  public static schemaFindingsOf(scope: IConstruct, options: ProviderSchemaValidatorOptions = {}): SchemaFinding[] {
    const validator = new ProviderSchemaValidator(options);
    return prepare(scope).flatMap((stack) => validator.validateStack(stack.node.path, stack.toTerraform()));
  }

  /** Throws an error that lists every entry of {@link errorsOf}, if there is one. */
  public static assertNoErrors(scope: IConstruct): void {
    const errors = BlueprintTesting.errorsOf(scope);
    if (errors.length > 0) throw new Error(`${errors.length} synth error(s):\n  ${errors.join('\n  ')}`);
  }
}
