import { IConstruct } from 'constructs';
import { TerraformResource, TerraformStack } from 'cdktf';
import { AppIndex, ReferenceTarget, TfResource } from '../core/app-index';
import { literalString, read } from '../core/terraform-values';
import { DeployerRoleTable } from './deployer-role-table';

/** A resource that runs as a service account named by one of its attributes. */
export interface RunsAsUse {
  /** The resource (a cluster, a node pool, …). */
  readonly resource: TerraformResource;
  /** The attribute path that names the service account. */
  readonly attribute: string;
  /**
   * The e-mail as Terraform reads it in the resource's stack: a literal, or an expression such as
   * `${google_service_account.nodes.email}`; undefined when the resource sets no service account.
   */
  readonly email?: string;
  /** Where the e-mail comes from, when it is a reference the app index can follow. */
  readonly source?: ReferenceTarget;
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
  /** The resource or data source as the app index holds it: its construct and resolved configuration. */
  readonly resource: TfResource;
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
  const stacks = scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c) && !c.node.scopes.some(skip));
  const index = AppIndex.build(stacks, skip);
  const derivation: RoleDerivation = {
    projectRoles: new Map(), grantedRoles: new Set(), unresolvedGrants: [], runsAs: [], unknownTypes: new Map(),
    modules: index.modules.map((m) => m.node.path), stacks, elements: [],
  };
  for (const resource of index.all) {
    const path = resource.element.node.path;
    const type = resource.isData ? `data.${resource.type}` : resource.type;
    derivation.elements.push({ type, resource });
    const entry = table.lookup(type, resource.providerName);
    if (entry === undefined) {
      derivation.unknownTypes.set(type, [...(derivation.unknownTypes.get(type) ?? []), path]);
      continue;
    }
    entry.roles.forEach((role) => add(derivation.projectRoles, role, type));
    for (const [attribute, roles] of Object.entries(entry.rolesWhenSet ?? {})) {
      if (read(resource.config, attribute) !== undefined) roles.forEach((role) => add(derivation.projectRoles, role, `${type} (${attribute})`));
    }
    if (entry.runsAsAttributes !== undefined && TerraformResource.isTerraformResource(resource.element)) {
      const attribute = entry.runsAsAttributes.find((a) => typeof read(resource.config, a) === 'string') ?? entry.runsAsAttributes[0];
      const email = read(resource.config, attribute);
      derivation.runsAs.push({
        resource: resource.element, attribute,
        email: typeof email === 'string' ? email : undefined, source: index.target(email, resource.element),
      });
    }
    if (entry.grantedRoleAttribute !== undefined) {
      const role = literalString(read(resource.config, entry.grantedRoleAttribute));
      if (role !== undefined) derivation.grantedRoles.add(role);
      else derivation.unresolvedGrants.push(path);
    }
  }
  return derivation;
}
