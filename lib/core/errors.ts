import { IConstruct } from 'constructs';

/**
 * The one shape of every input error the library raises: which construct (its path),
 * which field, what value, and what is allowed.
 */
export function inputError(scope: IConstruct | string, field: string, value: unknown, rule: string): Error {
  const where = typeof scope === 'string' ? scope : scope.node.path || scope.node.id || '<app>';
  return new Error(`${where}: invalid ${field} ${JSON.stringify(value)}: ${rule}`);
}
