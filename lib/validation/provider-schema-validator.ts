import * as fs from 'fs';
import * as path from 'path';
import { blockProblems } from './block-conformance';
import {
  addressesOf, DATA_META_ARGUMENTS, dependsOnProblems, lifecycleProblems, PROVIDER_META_ARGUMENTS, RESOURCE_META_ARGUMENTS,
} from './meta-arguments';
import { bindingOf, localNameAddress, localNamesOf, providerAliases, shortAddress } from './provider-routing';
import { ProviderSchemas, SchemaCatalog } from './schema-catalog';
import { ValueProblem } from './value-conformance';

/** The two kinds of {@link SchemaFinding}. */
export enum SchemaFindingKind {
  /** The block breaks the provider's schema or Terraform's rules: `terraform validate` would fail. */
  VIOLATION = 'violation',
  /** No schema at hand for the block's type or provider: not checked. Pass a full dump to cover it. */
  NOT_COVERED = 'not-covered',
}

/** One thing the offline validator found in a stack's Terraform JSON. */
export interface SchemaFinding {
  /** Violation, or a type the schemas at hand do not cover. */
  readonly kind: SchemaFindingKind;
  /** The stack's name. */
  readonly stack: string;
  /** The block's address: `google_container_cluster.name`, `data.google_project.name`, `provider.google`. */
  readonly address: string;
  /** The attribute path inside the block (`node_config[0].taint[1].effect`); empty for the block itself. */
  readonly attribute: string;
  /** What is wrong and what the schema allows. */
  readonly message: string;
}

/** Options of {@link ProviderSchemaValidator}. */
export interface ProviderSchemaValidatorOptions {
  /**
   * Full schema dumps (`terraform providers schema -json`) to use besides the bundled trimmed schemas, for
   * types the bundled ones do not cover; a dump replaces the bundled schema of every type it holds.
   * @default - the bundled schemas only (the types this library emits)
   */
  readonly schemaFiles?: string[];
  /**
   * Report types without a schema as violations instead of {@link SchemaFindingKind.NOT_COVERED}.
   * @default false - a type the schemas do not cover is reported, but is not a violation
   */
  readonly strict?: boolean;
}

type Json = Record<string, unknown>;

/**
 * Offline validation of synthesised Terraform JSON (`cdk.tf.json`) against the providers' schemas, with no
 * Terraform and no network: provider routing as Terraform does it, unknown and missing attributes and
 * blocks, computed-only attributes that are set, nested block counts, literal value types, enum values,
 * `depends_on` targets and `lifecycle.ignore_changes` paths. Expressions (`${...}`) pass: they are known
 * only at plan time. Server-side checks (API enablement, quotas, cross-field rules of the provider) need a
 * real `terraform plan`.
 */
export class ProviderSchemaValidator {
  /** One line for a finding: `stack: address: attribute: message`. */
  public static formatFinding(finding: SchemaFinding): string {
    const where = [finding.stack, finding.address, finding.attribute].filter((part) => part !== '').join(': ');
    return `${where}: ${finding.kind === SchemaFindingKind.NOT_COVERED ? 'not covered: ' : ''}${finding.message}`;
  }

  private readonly catalog: SchemaCatalog;
  private readonly strict: boolean;

  public constructor(options: ProviderSchemaValidatorOptions = {}) {
    this.catalog = SchemaCatalog.load(options.schemaFiles ?? []);
    this.strict = options.strict ?? false;
  }

  /** The findings of one stack's Terraform JSON (parsed `cdk.tf.json`, or a stack's `toTerraform()`). */
  public validateStack(stack: string, terraformJson: unknown): SchemaFinding[] {
    const json = terraformJson as Json;
    const found = new StackFindings(stack, this.strict);
    const known = addressesOf(json);
    for (const data of [false, true]) {
      for (const [type, byName] of Object.entries((json[data ? 'data' : 'resource'] as Record<string, Json> | undefined) ?? {})) {
        for (const [name, body] of Object.entries((byName ?? {}) as Record<string, Json>)) {
          const address = `${data ? 'data.' : ''}${type}.${name}`;
          if (body?.depends_on !== undefined) found.violations(address, dependsOnProblems(body.depends_on, known));
          this.checkBlock(found, json, { type, data, address, body });
        }
      }
    }
    for (const [local, blocks] of Object.entries((json.provider as Json | undefined) ?? {})) {
      const { address: source } = localNameAddress(local, json);
      const config = this.catalog.provider(source)?.config;
      for (const body of Array.isArray(blocks) ? blocks : [blocks]) {
        const alias = (body as { alias?: unknown } | null)?.alias;
        const address = `provider.${local}${typeof alias === 'string' ? `.${alias}` : ''}`;
        if (config) found.violations(address, blockProblems(body, config, '', PROVIDER_META_ARGUMENTS));
        else found.uncovered(address, `no schema for the configuration of ${shortAddress(source)}: pass its schema dump (--schema)`);
      }
    }
    for (const [name, output] of Object.entries((json.output as Json | undefined) ?? {})) {
      const dependsOn = (output as Json | null)?.depends_on;
      if (dependsOn !== undefined) found.violations(`output.${name}`, dependsOnProblems(dependsOn, known));
    }
    return found.all;
  }

  /** The findings of every stack of a synthesised output folder (`cdktf.out`, with its `manifest.json`). */
  public validateOutdir(outdir: string): SchemaFinding[] {
    const manifestFile = path.join(outdir, 'manifest.json');
    if (!fs.existsSync(manifestFile)) throw new Error(`${outdir} has no manifest.json: give a cdktf.out folder, written by \`cdktf synth\``);
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { stacks: Record<string, { name: string; synthesizedStackPath: string }> };
    return Object.values(manifest.stacks).flatMap((stack) => {
      const json = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8')) as Json;
      return this.validateStack(stack.name, json);
    });
  }

  private checkBlock(found: StackFindings, json: Json, block: { type: string; data: boolean; address: string; body: Json }): void {
    const { type, data, address, body } = block;
    const binding = bindingOf(type, body?.provider, json);
    if (binding.alias !== undefined && !providerAliases(binding.local, json).includes(binding.alias)) {
      found.violations(address, [{ path: 'provider', message: `no provider "${binding.local}" block with alias "${binding.alias}" in this stack (${binding.reason})` }]);
    }
    const schemas = this.catalog.provider(binding.address);
    const schema = (data ? schemas?.dataSources : schemas?.resources)?.get(type);
    if (body?.lifecycle !== undefined) found.violations(address, lifecycleProblems(body.lifecycle, schema, type));
    if (schema) {
      found.violations(address, blockProblems(body, schema, '', data ? DATA_META_ARGUMENTS : RESOURCE_META_ARGUMENTS));
      return;
    }
    const kind = data ? 'data source' : 'resource type';
    const all = data ? schemas?.allDataSources : schemas?.allResources;
    if (schemas && all && !all.has(type)) {
      found.violations(address, [{ path: 'provider', message: `${this.describe(schemas)} has no ${kind} ${type} (${binding.reason})${this.routingFix(json, type, data)}` }]);
    } else {
      found.uncovered(address, `no schema for the ${kind} ${type} of ${shortAddress(binding.address)} at hand (the bundled schemas hold the types this library emits): pass a full dump of the provider's schema (--schema, \`terraform providers schema -json\`) to check it`);
    }
  }

  private describe(schemas: ProviderSchemas): string {
    return `${shortAddress(schemas.address)}${schemas.version ? ` ${schemas.version}` : ''}`;
  }

  /** How to bind a type to a provider that has it, when one of the stack's providers does. */
  private routingFix(json: Json, type: string, data: boolean): string {
    const providers = this.catalog.addressesWith(type, data);
    const locals = providers.flatMap((address) => localNamesOf(address, json));
    if (locals.length > 0) return `: bind it with provider = "${locals[0]}" (the provider meta-argument)`;
    if (providers.length > 0) return `: ${shortAddress(providers[0])} has it; add that provider to required_providers and bind the block to it`;
    return '';
  }
}

/** The findings of one stack, as they are found. */
class StackFindings {
  public readonly all: SchemaFinding[] = [];

  public constructor(private readonly stack: string, private readonly strict: boolean) {}

  public violations(address: string, problems: ValueProblem[]): void {
    for (const p of problems) this.all.push({ kind: SchemaFindingKind.VIOLATION, stack: this.stack, address, attribute: p.path, message: p.message });
  }

  public uncovered(address: string, message: string): void {
    this.all.push({ kind: this.strict ? SchemaFindingKind.VIOLATION : SchemaFindingKind.NOT_COVERED, stack: this.stack, address, attribute: '', message });
  }
}
