import * as fs from 'fs';
import * as path from 'path';

// The provider schemas the validator checks against, read from files in the format of
// `terraform providers schema -json`: the trimmed copies bundled in schemas/ and any full dumps a user adds.

/** A Terraform type as the schema JSON writes it: `"string"`, `["list", "string"]`, `["object", {...}]`... */
export type SchemaType = string | [string, ...unknown[]];

/** One attribute of a block schema. */
export interface SchemaAttribute {
  readonly type?: SchemaType;
  readonly nested_type?: NestedAttributeType;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly description?: string;
}

/** The nested attributes of a plugin-framework attribute (instead of `type`). */
export interface NestedAttributeType {
  readonly attributes: Record<string, SchemaAttribute>;
  readonly nesting_mode: 'single' | 'list' | 'set' | 'map';
}

/** A block schema: attributes and nested block types. */
export interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, SchemaBlockType>;
}

/** A nested block type: how many blocks, in which collection. */
export interface SchemaBlockType {
  readonly nesting_mode: 'single' | 'group' | 'list' | 'set' | 'map';
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

/** Everything known about one provider (by source address). */
export interface ProviderSchemas {
  readonly address: string;
  version?: string;
  config?: SchemaBlock;
  readonly resources: Map<string, SchemaBlock>;
  readonly dataSources: Map<string, SchemaBlock>;
  /** Every resource type of the provider, when a complete dump said so; unset for partial schemas. */
  allResources?: Set<string>;
  /** Every data source of the provider, when a complete dump said so. */
  allDataSources?: Set<string>;
}

interface SchemaFile {
  readonly partial?: boolean;
  readonly provider_versions?: Record<string, string>;
  readonly all_type_names?: { readonly resources: string[]; readonly data_sources: string[] };
  readonly provider_schemas?: Record<string, {
    readonly provider?: { readonly block: SchemaBlock };
    readonly resource_schemas?: Record<string, { readonly block: SchemaBlock }>;
    readonly data_source_schemas?: Record<string, { readonly block: SchemaBlock }>;
  }>;
}

/** The folder of the bundled trimmed schemas: `schemas/` at the package root (next to lib/ and dist/). */
export function bundledSchemaDir(): string {
  return path.join(__dirname, '..', '..', 'schemas');
}

/** Parsed schema files by path and modification time: each file is read once per process. */
const parsedFiles = new Map<string, { mtimeMs: number; file: SchemaFile }>();

function readSchemaFile(file: string): SchemaFile {
  const full = path.resolve(file);
  const mtimeMs = fs.statSync(full).mtimeMs;
  const cached = parsedFiles.get(full);
  if (cached && cached.mtimeMs === mtimeMs) return cached.file;
  let parsed: SchemaFile;
  try {
    parsed = JSON.parse(fs.readFileSync(full, 'utf8')) as SchemaFile;
  } catch (error) {
    throw new Error(`schema file ${file} is not JSON (${(error as Error).message}): give the output of \`terraform providers schema -json\``);
  }
  if (typeof parsed.provider_schemas !== 'object' || parsed.provider_schemas === null) {
    throw new Error(`schema file ${file} has no "provider_schemas": give the output of \`terraform providers schema -json\``);
  }
  parsedFiles.set(full, { mtimeMs, file: parsed });
  return parsed;
}

/** The provider schemas of several files, merged by provider address; later files replace earlier ones type by type. */
export class SchemaCatalog {
  /** The bundled schemas plus `extraFiles` (full dumps), in that order. */
  public static load(extraFiles: string[] = []): SchemaCatalog {
    const dir = bundledSchemaDir();
    const bundled = fs.readdirSync(dir).filter((name) => name.endsWith('.schema.json')).sort().map((name) => path.join(dir, name));
    const catalog = new SchemaCatalog();
    for (const file of [...bundled, ...extraFiles]) catalog.add(readSchemaFile(file));
    return catalog;
  }

  private readonly providers = new Map<string, ProviderSchemas>();

  private constructor() {}

  /** The schemas of a provider address (`registry.terraform.io/hashicorp/google`), if any file had them. */
  public provider(address: string): ProviderSchemas | undefined {
    return this.providers.get(address);
  }

  /** Every provider address that has a schema for `type` (a resource type, or a data source with `data`). */
  public addressesWith(type: string, data: boolean): string[] {
    return [...this.providers.values()].filter((p) => (data ? p.dataSources : p.resources).has(type)).map((p) => p.address);
  }

  private add(file: SchemaFile): void {
    for (const [address, schemas] of Object.entries(file.provider_schemas ?? {})) {
      const entry: ProviderSchemas = this.providers.get(address) ?? { address, resources: new Map(), dataSources: new Map() };
      entry.version = file.provider_versions?.[address] ?? entry.version;
      entry.config = schemas.provider?.block ?? entry.config;
      const resources = Object.entries(schemas.resource_schemas ?? {});
      const dataSources = Object.entries(schemas.data_source_schemas ?? {});
      for (const [type, schema] of resources) entry.resources.set(type, schema.block);
      for (const [type, schema] of dataSources) entry.dataSources.set(type, schema.block);
      if (file.all_type_names) {
        entry.allResources = new Set(file.all_type_names.resources);
        entry.allDataSources = new Set(file.all_type_names.data_sources);
      } else if (!file.partial) {
        entry.allResources = new Set(resources.map(([type]) => type));
        entry.allDataSources = new Set(dataSources.map(([type]) => type));
      }
      this.providers.set(address, entry);
    }
  }
}
