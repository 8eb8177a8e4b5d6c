import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { reportInputError } from './errors';

const CLAIMS = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Claims a name that must be unique in its namespace across the app (a cluster per project and location,
 * a service account id per project, a Kubernetes object per cluster, kind and namespace), and reports an
 * input error naming both constructs when another construct of the app has claimed it. Names holding an
 * unresolved token are not compared: their values are only known at apply time.
 * @param namespace where the name must be unique, such as `service account in project demo-proj`
 */
export function claimName(scope: IConstruct, field: string, namespace: string, name: string): void {
  if (Token.isUnresolved(name) || Token.isUnresolved(namespace)) return;
  const root = scope.node.root;
  const claims = CLAIMS.get(root) ?? new Map<string, string>();
  CLAIMS.set(root, claims);
  const key = `${namespace}\u0000${name}`;
  const owner = claims.get(key);
  if (owner === undefined) {
    claims.set(key, scope.node.path);
  } else if (owner !== scope.node.path) {
    reportInputError(scope, field, name, `must be unique: ${owner} already uses the name as ${namespace}. Fix: give ${scope.node.path} another ${field}`);
  }
}
