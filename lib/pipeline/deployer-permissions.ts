import { Construct } from 'constructs';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { GcpProject } from '../core/gcp-project';
import { inputError } from '../core/errors';
import { DeployerPermissionTable, isReadPermission, ResourcePermissions } from './deployer-permission-table';
import { TfConfig, literalString, read } from '../core/terraform-values';
import { RoleDerivation } from './role-derivation';

/** The most permissions Google accepts in one custom role. */
const MAX_PERMISSIONS = 3000;

/** What the stacks need as IAM permissions, before any role is created. */
export interface PermissionDerivation {
  /** Permission → the types (`type (attribute)`, `type kind KIND`) that need it. */
  readonly permissions: Map<string, Set<string>>;
  /** What the permission table does not cover, by `type` or `type kind KIND`. */
  readonly uncovered: Map<string, UncoveredUse>;
}

/** Resources of one type (or one kind) the permission table does not cover. */
export interface UncoveredUse {
  /** The type, `data.TYPE` for a data source. */
  readonly type: string;
  /** The provider of the type, such as `kubernetes`. */
  readonly providerName?: string;
  /** The construct paths. */
  readonly paths: string[];
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  map.set(key, new Set([...(map.get(key) ?? []), value]));
}

/** The permissions an entry asks of one resource's configuration, or undefined when its kind is not covered. */
function entryPermissions(entry: ResourcePermissions, type: string, config: TfConfig): { permissions: [string, string][]; uncovered?: string } {
  const permissions: [string, string][] = entry.permissions.map((p) => [p, type]);
  for (const [attribute, extra] of Object.entries(entry.permissionsWhenSet ?? {})) {
    if (read(config, attribute) !== undefined) extra.forEach((p) => permissions.push([p, `${type} (${attribute})`]));
  }
  if (entry.kindAttribute !== undefined) {
    const kind = literalString(read(config, entry.kindAttribute));
    const known = kind !== undefined ? entry.permissionsByKind?.[kind] : undefined;
    if (known === undefined) return { permissions, uncovered: `${type} kind ${kind ?? '(unknown)'}` };
    known.forEach((p) => permissions.push([p, `${type} kind ${kind}`]));
  }
  return { permissions };
}

/** Maps every resource and data source of a role derivation to the permissions of `table`. */
export function derivePermissions(d: RoleDerivation, table: DeployerPermissionTable): PermissionDerivation {
  const result: PermissionDerivation = { permissions: new Map(), uncovered: new Map() };
  for (const { type, resource } of d.elements) {
    const entry = table.lookup(type);
    const found = entry === undefined ? { permissions: [], uncovered: type } : entryPermissions(entry, type, resource.config);
    found.permissions.forEach(([permission, reason]) => add(result.permissions, permission, reason));
    if (found.uncovered === undefined) continue;
    const use = result.uncovered.get(found.uncovered) ?? { type, providerName: resource.providerName, paths: [] };
    use.paths.push(resource.element.node.path);
    result.uncovered.set(found.uncovered, use);
  }
  return result;
}

/** Only the permissions that read, for a planner. */
export function readPermissionsOf(derivation: PermissionDerivation): Map<string, Set<string>> {
  return new Map([...derivation.permissions].filter(([permission]) => isReadPermission(permission)));
}

/** A custom role id: 3-64 letters, digits, underscores and periods (Google's rule), leaving room for suffixes. */
export function checkRoleId(scope: Construct, field: string, roleId: string, suffixRoom: number): void {
  const max = 64 - suffixRoom;
  if (!new RegExp(`^[a-zA-Z0-9_.]{3,${max}}$`).test(roleId)) {
    throw inputError(scope, field, roleId, `must be 3-${max} letters, digits, "_" and "." (custom role ids are [a-zA-Z0-9_.]{3,64}, ` +
      `and ${suffixRoom} characters are kept for the ids derived from it), such as cdktfDeployer`);
  }
}

/** Properties of {@link customRole}. */
export interface CustomRoleProps {
  readonly project: GcpProject;
  readonly roleId: string;
  readonly title: string;
  readonly description: string;
  readonly permissions: Iterable<string>;
}

/**
 * A project custom role holding `permissions`, sorted so the plan is stable. Throws when they exceed the
 * 3,000 permissions Google accepts in one custom role.
 */
export function customRole(scope: Construct, id: string, props: CustomRoleProps): ProjectIamCustomRole {
  const permissions = [...new Set(props.permissions)].sort();
  if (permissions.length > MAX_PERMISSIONS) {
    throw inputError(scope, 'permissions', `${permissions.length} permissions`,
      `exceed the ${MAX_PERMISSIONS} a custom role may hold: split the stacks between deployers, or use predefinedRoles`);
  }
  return new ProjectIamCustomRole(scope, id, {
    project: props.project.id,
    roleId: props.roleId,
    title: props.title,
    description: props.description,
    permissions,
    stage: 'GA',
  });
}
