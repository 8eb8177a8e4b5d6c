import { Construct } from 'constructs';
import { Fn, TerraformStack } from 'cdktf';
import { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
import { DataGoogleContainerCluster } from '@cdktf/provider-google/lib/data-google-container-cluster';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { inputError } from '../core/errors';
import { IWorkloadIdentityCluster, KubernetesConnectionOptions } from '../core/cluster-ref';
import { GKE_CONTROLLER_ANNOTATIONS } from './gke-controller-annotations';

/**
 * Creates (once per stack and cluster) the data sources and the kubernetes provider that reach
 * `cluster` from `scope`'s stack. The provider ignores the annotations GKE's controllers write
 * ({@link GKE_CONTROLLER_ANNOTATIONS}), so a settled deployment plans no changes.
 */
export function connectKubernetes(
  cluster: IWorkloadIdentityCluster, scope: Construct, options: KubernetesConnectionOptions = {},
): KubernetesProvider {
  const stack = TerraformStack.of(scope);
  const clusterStack = TerraformStack.of(cluster);
  if (stack === clusterStack) {
    throw inputError(cluster, 'connect(scope)', stack.node.id,
      'the cluster cannot be connected to the stack that creates it: Terraform reads the cluster data sources at plan time, ' +
      'before the cluster exists. Connect a later stack (for example "workloads") and deploy it after this one');
  }
  const id = `k8s-${cluster.clusterName}`;
  const existing = stack.node.tryFindChild(id) as Construct | undefined;
  if (existing) {
    const provider = existing.node.findChild('provider') as KubernetesProvider;
    if (options.alias !== undefined && provider.alias !== options.alias) {
      throw inputError(cluster, 'connect(scope).alias', options.alias,
        `the cluster is already connected to stack "${stack.node.id}" ${provider.alias ? `with alias "${provider.alias}"` : 'without an alias'}; ` +
        'connect each cluster to a stack once, with the alias of its first connection');
    }
    return provider;
  }

  stack.addDependency(clusterStack);
  const connection = new Construct(stack, id);
  const clientConfig = new DataGoogleClientConfig(connection, 'client-config', {});
  const data = new DataGoogleContainerCluster(connection, 'cluster', {
    project: cluster.project.id,
    name: cluster.clusterName,
    location: cluster.location,
  });
  return new KubernetesProvider(connection, 'provider', {
    alias: options.alias,
    host: `https://${data.endpoint}`,
    token: clientConfig.accessToken,
    clusterCaCertificate: Fn.base64decode(data.masterAuth.get(0).clusterCaCertificate),
    ignoreAnnotations: [...GKE_CONTROLLER_ANNOTATIONS],
  });
}
