import { TfResource } from '../core/app-index';
import { ClusterInfo } from './cluster-map';
import { iamGrants, GrantLevel } from './iam-grants';
import { nodeSites } from './node-sites';
import { Rule, RuleContext } from './rule';
import { SecuritySeverity } from './security-finding';
import { block, blocks, list, literalBool, literalString } from '../core/terraform-values';

const GKE_PRIVATE_NODES = 'GKE docs, "About private clusters" (nodes have internal IP addresses only; Private Google Access reaches Google APIs and registries, other internet destinations need Cloud NAT)';

/**
 * Registries private nodes reach without Cloud NAT: Private Google Access serves Google APIs and the
 * Google registries, Container Registry (`gcr.io`, `*.gcr.io`) and Artifact Registry (`*.pkg.dev`).
 * Not registry.k8s.io, Docker Hub, quay.io or ghcr.io, whose endpoints are on the public internet.
 */
const GOOGLE_REGISTRY = /^(gcr\.io|[a-z0-9-]+\.gcr\.io|[a-z0-9-]+\.pkg\.dev)$/;
/** An Artifact Registry Docker image: `LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE`. */
const ARTIFACT_REGISTRY_IMAGE = /^([a-z0-9-]+)-docker\.pkg\.dev\/([^/]+)\/([^/]+)\/./;
/** Roles that include `artifactregistry.repositories.downloadArtifacts`. */
const READER_ROLES = new Set(['roles/artifactregistry.reader', 'roles/artifactregistry.writer', 'roles/artifactregistry.repoAdmin', 'roles/artifactregistry.admin']);
const REPOSITORY_GRANT_TYPES = ['google_artifact_registry_repository_iam_member', 'google_artifact_registry_repository_iam_binding'];

/** The registry host of an image reference; Docker Hub for references without one (`busybox`, `library/nginx`). */
export function registryOf(image: string): string {
  const first = image.split('/')[0];
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first.replace(/:\d+$/, '') : 'docker.io';
}

/** The literal images of every workload of the app, with the workload and its cluster. */
function workloadImages(context: RuleContext): { resource: TfResource; cluster?: ClusterInfo; images: string[] }[] {
  return context.shared('workload-images', () => context.kubernetes.podTemplates.map((pod) => ({
    resource: pod.resource,
    cluster: context.clusters.ofKubernetesOrOnly(pod.resource),
    images: [...new Set([...blocks(pod.spec, 'container'), ...blocks(pod.spec, 'init_container')]
      .map((container) => context.index.literalString(container.image, pod.resource.element))
      .filter((image): image is string => image !== undefined))],
  })));
}

/** Whether the cluster's nodes have no external addresses: `enable_private_nodes` on the cluster. */
function hasPrivateNodes(cluster: ClusterInfo): boolean {
  const { config } = cluster.resource;
  return literalBool(block(config, 'private_cluster_config')?.enable_private_nodes) === true ||
    literalBool(block(config, 'network_config')?.enable_private_nodes) === true;
}

/** A network or region as compared: the resource a reference names, else the literal's last path segment; undefined when unknown. */
function placeKey(context: RuleContext, value: unknown, from: TfResource): string | undefined {
  const target = context.index.target(value, from.element);
  if (target) return `${target.resource.stack.node.path}|${target.resource.address}`;
  const literal = context.index.literalString(value, from.element);
  return literal === undefined ? undefined : literal.slice(literal.lastIndexOf('/') + 1);
}

/** The region of a cluster location: `us-east1` for `us-east1` and `us-east1-b`. */
function regionOf(location: string): string {
  return /^[a-z]+-[a-z]+\d+-[a-z]$/.test(location) ? location.slice(0, location.lastIndexOf('-')) : location;
}

/** Whether a Cloud NAT of the app serves the cluster's network and region (unknown parts count as serving: no false findings). */
function natServes(context: RuleContext, cluster: ClusterInfo): boolean {
  const clusterNetwork = cluster.resource.config.network === undefined ? 'default' : placeKey(context, cluster.resource.config.network, cluster.resource);
  const clusterSubnet = placeKey(context, cluster.resource.config.subnetwork, cluster.resource);
  return context.index.resources('google_compute_router_nat').some((nat) => {
    const router = context.index.resourceNamed('google_compute_router', nat.config.router, nat.element);
    const network = router ? placeKey(context, router.config.network, router) : undefined;
    const region = context.index.literalString(nat.config.region ?? router?.config.region, nat.element)
      ?? context.index.literalString(context.index.providerConfig(nat)?.region, nat.element);
    const sameNetwork = !router || network === undefined || clusterNetwork === undefined || network === clusterNetwork;
    const sameRegion = region === undefined || cluster.location === undefined || region === regionOf(cluster.location);
    const ranges = literalString(nat.config.source_subnetwork_ip_ranges_to_nat);
    const listed = blocks(nat.config, 'subnetwork').map((s) => placeKey(context, s.name, nat));
    const coversSubnet = ranges !== 'LIST_OF_SUBNETWORKS' || clusterSubnet === undefined || listed.some((s) => s === undefined || s === clusterSubnet);
    return sameNetwork && sameRegion && coversSubnet;
  });
}

/** IMG-1: a private cluster pulls images from outside Google's registries only through Cloud NAT. */
export const IMG_1: Rule = {
  id: 'IMG-1',
  severity: SecuritySeverity.WARNING,
  title: 'Private nodes pull images from outside Google registries without Cloud NAT',
  fix: 'add a Cloud NAT for the cluster\'s network and region (PrivateNodesNat), or copy the images to Artifact Registry (LOCATION-docker.pkg.dev)',
  source: `${GKE_PRIVATE_NODES}; Container Registry docs, "Pulling cached Docker Hub images" (mirror.gcr.io serves only frequently pulled images)`,
  check(context) {
    const served = new Map<ClusterInfo, boolean>();
    for (const workload of workloadImages(context)) {
      const { cluster } = workload;
      if (!cluster || !hasPrivateNodes(cluster)) continue;
      const outside = workload.images.filter((image) => !GOOGLE_REGISTRY.test(registryOf(image)));
      if (outside.length === 0) continue;
      if (!served.has(cluster)) served.set(cluster, natServes(context, cluster));
      if (served.get(cluster)) continue;
      context.report(this, workload.resource, `runs ${outside.map((i) => JSON.stringify(i)).join(', ')} on the private nodes of ${cluster.resource.address}, ` +
        'which reach only Google registries without a Cloud NAT for their network and region: the pull times out (ImagePullBackOff)');
    }
  },
};

/** Whether a grant's literal location and repository (last segment) match; unknown values match. */
function sameRepository(context: RuleContext, grant: TfResource, location: string, repository: string): boolean {
  const grantLocation = context.index.literalString(grant.config.location, grant.element);
  const grantRepository = context.index.literalString(grant.config.repository, grant.element);
  return (grantLocation === undefined || grantLocation === location) &&
    (grantRepository === undefined || grantRepository.slice(grantRepository.lastIndexOf('/') + 1) === repository);
}

/** IMG-2: images from Artifact Registry need the node service account to read the repository. */
export const IMG_2: Rule = {
  id: 'IMG-2',
  severity: SecuritySeverity.WARNING,
  title: 'Artifact Registry image the node service account cannot read',
  fix: 'give the node service account roles/artifactregistry.reader on the repository (NodeServiceAccount artifactRegistryAccess: ArtifactRegistryAccess.repositories([...]) or ArtifactRegistryAccess.PROJECT)',
  source: 'Guide 004, "ノードのサービス アカウントの構成" (artifactregistry.reader when the cluster pulls private images); Artifact Registry docs, "Configure access for GKE"',
  check(context) {
    const accountKeys = (cluster: ClusterInfo) => nodeSites(context).filter((site) => site.cluster === cluster)
      .map((site) => context.accounts.of(site.config?.service_account, site.resource.element));
    const readers = (identityKey: string, project: string, location: string, repository: string) =>
      iamGrants(context).some((grant) => grant.level === GrantLevel.PROJECT && grant.role !== undefined && READER_ROLES.has(grant.role) &&
        context.accounts.of(grant.member, grant.resource.element)?.key === identityKey &&
        [undefined, project].includes(context.index.projectOf(grant.resource))) ||
      context.index.resourcesOf(REPOSITORY_GRANT_TYPES).some((grant) => {
        const role = context.index.literalString(grant.config.role, grant.element);
        const members = grant.type.endsWith('_binding') ? list(grant.config.members) ?? [] : [grant.config.member];
        return (role === undefined || READER_ROLES.has(role)) && sameRepository(context, grant, location, repository) &&
          [undefined, project].includes(context.index.projectOf(grant)) &&
          members.some((m) => context.accounts.of(m, grant.element)?.key === identityKey);
      });
    for (const workload of workloadImages(context)) {
      if (!workload.cluster) continue;
      const accounts = accountKeys(workload.cluster);
      // The default compute account is NODE-2's finding; an account unknown at synth time is not judged.
      if (accounts.length === 0 || accounts.some((a) => a === undefined || a.defaultCompute)) continue;
      for (const image of workload.images) {
        const parsed = ARTIFACT_REGISTRY_IMAGE.exec(image);
        if (!parsed) continue;
        const [, location, project, repository] = parsed;
        const blind = accounts.filter((a) => !readers(a!.key, project, location, repository));
        if (blind.length === 0) continue;
        context.report(this, workload.resource, `runs ${JSON.stringify(image)} from Artifact Registry repository ${project}/${location}/${repository}, ` +
          `which the node service account ${blind.map((a) => a!.display).join(', ')} of ${workload.cluster.resource.address} cannot read: the pull is denied (ImagePullBackOff)`,
        { fix: `give ${blind.map((a) => a!.display).join(', ')} roles/artifactregistry.reader on ${project}/${location}/${repository} ` +
          `(NodeServiceAccount artifactRegistryAccess: ArtifactRegistryAccess.repositories([{ project: '${project}', location: '${location}', repository: '${repository}' }]))` });
      }
    }
  },
};

/** The image-pull rules. */
export const IMAGE_RULES: Rule[] = [IMG_1, IMG_2];
