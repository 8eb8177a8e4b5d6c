import { IConstruct } from 'constructs';
import { TerraformDataSource, TerraformModule, TerraformResource, TerraformStack, Token } from 'cdktf';
import { DeployerRoleTable } from './deployer-role-table';

/** A resource that runs as a service account named by one of its attributes. */
export interface RunsAsUse {
  /** The resource (a cluster, a node pool, …). */
  readonly resource: TerraformResource;
  /** The attribute path that names the service account. */
  readonly attribute: string;
  /** The e-mail, literal or a token; undefined when the resource sets no service account. */
  readonly email?: string;
}

/** What the stacks under a scope need from the deployer, before any role is merged or granted. */
export interface RoleDerivation {
  /** Role → the types (and `type (attribute)` for conditional roles) that need it. */
  readonly projectRoles: Map<string, Set<string>>;
  /** Roles the app's project IAM members grant, when literal. */
  readonly grantedRoles: Set<string>;
  /** Paths of project IAM members whose role is only known at apply time. */
  readonly unresolvedGrants: string[];
  /** Resources that run as a service account. */
  readonly runsAs: RunsAsUse[];
  /** Type → paths of the resources and data sources no table entry covers. */
  readonly unknownTypes: Map<string, string[]>;
  /** Paths of Terraform modules, whose resources are invisible to the walk. */
  readonly modules: string[];
  /** The stacks walked, in construct order. */
  readonly stacks: TerraformStack[];
  /** Every resource and data source walked, with its type (`data.TYPE` for data sources), in construct order. */
  readonly elements: DerivedElement[];
}

/** One resource or data source the derivation walked. */
export interface DerivedElement {
  /** The type, `data.TYPE` for a data source. */
  readonly type: string;
  /** The construct. */
  readonly element: TerraformResource | TerraformDataSource;
}

/** The synthesized configuration of one resource or data source (snake_case keys, tokens unresolved). */
export function configOf(element: TerraformResource | TerraformDataSource): Record<string, unknown> {
  const block = TerraformResource.isTerraformResource(element) ? 'resource' : 'data';
  const byName = element.toTerraform()[block]?.[element.terraformResourceType] ?? {};
  return (Object.values(byName)[0] ?? {}) as Record<string, unknown>;
}

/** The value at a dotted path; a single-item list (a block written as a list) is stepped into. */
export function valueAt(config: Record<string, unknown>, path: string): unknown {
  let current: unknown = config;
  for (const key of path.split('.')) {
    if (Array.isArray(current)) current = current[0];
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key) ?? new Set<V>();
  set.add(value);
  map.set(key, set);
}

/**
 * Walks every resource, data source and module under `scope` (except where `skip` says so) and maps each
 * type to the roles of `table`. Deterministic: construct order, and the caller sorts what it prints.
 */
export function deriveRoles(scope: IConstruct, table: DeployerRoleTable, skip: (c: IConstruct) => boolean): RoleDerivation {
  const derivation: RoleDerivation = {
    projectRoles: new Map(), grantedRoles: new Set(), unresolvedGrants: [], runsAs: [], unknownTypes: new Map(), modules: [], stacks: [], elements: [],
  };
  const constructs = scope.node.findAll().filter((c) => !c.node.scopes.some(skip));
  for (const c of constructs) {
    if (TerraformStack.isStack(c)) derivation.stacks.push(c);
    if (c instanceof TerraformModule) derivation.modules.push(c.node.path);
    const isResource = TerraformResource.isTerraformResource(c);
    if (!isResource && !TerraformDataSource.isTerraformDataSource(c)) continue;
    const element = c as TerraformResource | TerraformDataSource;
    const type = isResource ? element.terraformResourceType : `data.${element.terraformResourceType}`;
    derivation.elements.push({ type, element });
    const entry = table.lookup(type, element.terraformGeneratorMetadata?.providerName);
    if (entry === undefined) {
      derivation.unknownTypes.set(type, [...(derivation.unknownTypes.get(type) ?? []), c.node.path]);
      continue;
    }
    entry.roles.forEach((role) => add(derivation.projectRoles, role, type));
    const needsConfig = entry.rolesWhenSet !== undefined || entry.runsAsAttributes !== undefined || entry.grantedRoleAttribute !== undefined;
    if (!needsConfig) continue;
    const config = configOf(element);
    for (const [attribute, roles] of Object.entries(entry.rolesWhenSet ?? {})) {
      if (valueAt(config, attribute) !== undefined) roles.forEach((role) => add(derivation.projectRoles, role, `${type} (${attribute})`));
    }
    if (entry.runsAsAttributes !== undefined && isResource) {
      const attribute = entry.runsAsAttributes.find((a) => typeof valueAt(config, a) === 'string') ?? entry.runsAsAttributes[0];
      const email = valueAt(config, attribute);
      derivation.runsAs.push({ resource: c as TerraformResource, attribute, email: typeof email === 'string' ? email : undefined });
    }
    if (entry.grantedRoleAttribute !== undefined) {
      const role = valueAt(config, entry.grantedRoleAttribute);
      if (typeof role === 'string' && !Token.isUnresolved(role)) derivation.grantedRoles.add(role);
      else derivation.unresolvedGrants.push(c.node.path);
    }
  }
  return derivation;
}
