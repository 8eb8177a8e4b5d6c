import * as fc from 'fast-check';
import { TerraformStack, TerraformVariable } from 'cdktf';
import {
  GcpProject, MultiClusterMesh, MultiClusterMeshMember, MultiClusterMeshProps, WorkloadIdentityAutopilotCluster,
  WorkloadIdentityCluster, WorkloadIdentityClusterProps,
} from '../../lib';
import { newStack, resourcesOf, synth } from '../helpers';
import { project } from './fixtures';

/** A fleet cluster with mesh certificates in `stack`, as a multi-cluster mesh needs; `tags` on its one pool. */
function meshCluster(stack: TerraformStack, name: string, tags: string[] = [`${name}-nodes`], props: Partial<WorkloadIdentityClusterProps> = {}) {
  const cluster = new WorkloadIdentityCluster(stack, name, {
    project, name, location: 'us-east1', meshCertificates: true, fleet: true, ...props,
  });
  cluster.addNodePool('nodes', { networkTags: tags });
  return cluster;
}

/** The guide's pair: cluster-a (Pods 10.4.0.0/14) and cluster-b (Pods 10.8.0.0/14). */
function guidePair(stack: TerraformStack) {
  const a = meshCluster(stack, 'cluster-a');
  const b = meshCluster(stack, 'cluster-b');
  const members: MultiClusterMeshMember[] = [{ cluster: a, podCidr: '10.4.0.0/14' }, { cluster: b, podCidr: '10.8.0.0/14' }];
  return { a, b, members };
}

function meshOf(
  stack: TerraformStack, props: Partial<MultiClusterMeshProps> & Pick<MultiClusterMeshProps, 'clusters'>, id = 'multi-cluster',
): MultiClusterMesh {
  return new MultiClusterMesh(stack, id, { ports: [8000], ...props });
}

/**
 * One platform stack with the guide's pair, shared by the tests that only build meshes and leave the clusters
 * as they are: each attempt builds under its own id and tells the construct path its messages start with.
 */
function sharedPair() {
  const { stack } = newStack('platform');
  const pair = guidePair(stack);
  let count = 0;
  const attempt = (props: Partial<MultiClusterMeshProps> & Pick<MultiClusterMeshProps, 'clusters'>) => {
    const id = `multi-cluster-${++count}`;
    return { path: `platform/${id}`, build: () => meshOf(stack, props, id) };
  };
  return { ...pair, attempt };
}

function firewallsByName(stack: TerraformStack): Record<string, Record<string, unknown>> {
  return Object.fromEntries(resourcesOf(synth(stack), 'google_compute_firewall').map((r) => {
    const rule = { ...r };
    delete rule['//'];
    return [rule.name as string, rule];
  }));
}

describe('MultiClusterMesh', () => {
  it('writes the guide\'s firewall pair: each cluster\'s Pod range to the other cluster\'s node tags, on the mesh port', () => {
    const { stack } = newStack('platform');
    meshOf(stack, { clusters: guidePair(stack).members });
    expect(firewallsByName(stack)).toEqual({
      'per-cluster-a-pods': {
        project: 'demo-proj',
        name: 'per-cluster-a-pods',
        network: 'default',
        direction: 'INGRESS',
        source_ranges: ['10.4.0.0/14'],
        target_tags: ['cluster-b-nodes'],
        allow: [{ protocol: 'tcp', ports: ['8000'] }],
        description: 'Multi-cluster mesh: pods of cluster-a to the nodes of cluster-b',
      },
      'per-cluster-b-pods': {
        project: 'demo-proj',
        name: 'per-cluster-b-pods',
        network: 'default',
        direction: 'INGRESS',
        source_ranges: ['10.8.0.0/14'],
        target_tags: ['cluster-a-nodes'],
        allow: [{ protocol: 'tcp', ports: ['8000'] }],
        description: 'Multi-cluster mesh: pods of cluster-b to the nodes of cluster-a',
      },
    });
  });

  it('admits every protocol of the guide\'s rules with allowAllTraffic, without ports', () => {
    const { stack } = newStack('platform');
    meshOf(stack, { clusters: guidePair(stack).members, ports: undefined, allowAllTraffic: true });
    const rules = firewallsByName(stack);
    for (const rule of Object.values(rules)) {
      expect(rule.allow).toEqual([
        { protocol: 'tcp' }, { protocol: 'udp' }, { protocol: 'icmp' }, { protocol: 'esp' }, { protocol: 'ah' }, { protocol: 'sctp' },
      ]);
    }
    expect(Object.keys(rules)).toEqual(['per-cluster-a-pods', 'per-cluster-b-pods']);
  });

  it('exposes the fleet, trust domain, network and each cluster\'s rule, Pod range and node tags', () => {
    const { stack } = newStack('platform');
    const { a, b, members } = guidePair(stack);
    const mesh = meshOf(stack, { clusters: members, ports: [8000, 8443] });
    expect(mesh.clusters).toEqual([a, b]);
    expect(mesh.fleetProject).toBe('demo-proj');
    expect(mesh.trustDomain).toBe('demo-proj.svc.id.goog');
    expect(mesh.network).toBe('default');
    expect(mesh.firewallOf(b).nameInput).toBe('per-cluster-b-pods');
    expect(mesh.podCidrOf(a)).toBe('10.4.0.0/14');
    expect(mesh.nodeTagsOf(b)).toEqual(['cluster-b-nodes']);
    expect(firewallsByName(stack)['per-cluster-a-pods'].allow).toEqual([{ protocol: 'tcp', ports: ['8000', '8443'] }]);
  });

  it('refuses to answer for a cluster that is not a member', () => {
    const { stack } = newStack('platform');
    const mesh = meshOf(stack, { clusters: guidePair(stack).members });
    const stranger = meshCluster(stack, 'cluster-c');
    expect(() => mesh.podCidrOf(stranger)).toThrow(
      'platform/multi-cluster: invalid cluster "platform/cluster-c": is not a cluster of this multi-cluster mesh (platform/cluster-a, platform/cluster-b)');
  });

  it('targets every other cluster\'s tags from each cluster\'s Pod range when there are three clusters', () => {
    const { stack } = newStack('platform');
    const { members } = guidePair(stack);
    const c = meshCluster(stack, 'cluster-c', ['cluster-c-nodes', 'mesh-nodes']);
    meshOf(stack, { clusters: [...members, { cluster: c, podCidr: '10.12.0.0/14' }] });
    const rules = firewallsByName(stack);
    expect(rules['per-cluster-a-pods'].target_tags).toEqual(['cluster-b-nodes', 'cluster-c-nodes', 'mesh-nodes']);
    expect(rules['per-cluster-c-pods']).toMatchObject({
      source_ranges: ['10.12.0.0/14'],
      target_tags: ['cluster-a-nodes', 'cluster-b-nodes'],
      description: 'Multi-cluster mesh: pods of cluster-c to the nodes of cluster-a, cluster-b',
    });
  });

  it('takes the tags of every node pool of a Standard cluster, once each', () => {
    const { stack } = newStack('platform');
    const { a, members } = guidePair(stack);
    a.addNodePool('batch', { networkTags: ['cluster-a-nodes', 'batch-nodes'] });
    meshOf(stack, { clusters: members });
    expect(firewallsByName(stack)['per-cluster-b-pods'].target_tags).toEqual(['cluster-a-nodes', 'batch-nodes']);
  });

  it('targets the given node tags, as for an Autopilot cluster, and uses the given rule names', () => {
    const { stack } = newStack('platform');
    const a = meshCluster(stack, 'cluster-a');
    const autopilot = new WorkloadIdentityAutopilotCluster(stack, 'cluster-b', {
      project, name: 'cluster-b', location: 'us-east1', meshCertificates: true, fleet: true,
    });
    meshOf(stack, {
      clusters: [
        { cluster: a, podCidr: '10.4.0.0/14', firewallName: 'from-a' },
        { cluster: autopilot, podCidr: '10.8.0.0/14', nodeTags: ['gke-cluster-b-acd14479-node'] },
      ],
    });
    const rules = firewallsByName(stack);
    expect(rules['from-a'].target_tags).toEqual(['gke-cluster-b-acd14479-node']);
    expect(rules['per-cluster-b-pods'].target_tags).toEqual(['cluster-a-nodes']);
  });

  it('writes the rules on the clusters\' network, given by name, path or reference', () => {
    const { stack } = newStack('platform');
    const a = meshCluster(stack, 'cluster-a', undefined, { network: 'mesh-network' });
    const b = meshCluster(stack, 'cluster-b', undefined, { network: 'projects/demo-proj/global/networks/mesh-network' });
    const mesh = meshOf(stack, { clusters: [{ cluster: a, podCidr: '10.4.0.0/14' }, { cluster: b, podCidr: '10.8.0.0/14' }] });
    expect(mesh.network).toBe('mesh-network');
    expect(firewallsByName(stack)['per-cluster-b-pods'].network).toBe('mesh-network');

    const other = newStack('platform').stack;
    const variable = new TerraformVariable(other, 'network', { type: 'string' });
    const c = meshCluster(other, 'cluster-c', undefined, { network: variable.stringValue });
    const d = meshCluster(other, 'cluster-d', undefined, { network: 'some-network' });
    meshOf(other, { clusters: [{ cluster: c, podCidr: '10.4.0.0/14' }, { cluster: d, podCidr: '10.8.0.0/14' }] });
    expect(firewallsByName(other)['per-cluster-d-pods'].network).toBe('${var.network}');
  });

  it('passes a Pod range that is only known at apply time', () => {
    const { stack } = newStack('platform');
    const { a, b } = guidePair(stack);
    const cidr = new TerraformVariable(stack, 'pods-b', { type: 'string' }).stringValue;
    meshOf(stack, { clusters: [{ cluster: a, podCidr: '10.4.0.0/14' }, { cluster: b, podCidr: cidr }] });
    expect(firewallsByName(stack)['per-cluster-b-pods'].source_ranges).toEqual(['${var.pods-b}']);
  });

  it('keeps stable construct ids: one rule per cluster, named after the rule', () => {
    const { stack } = newStack('platform');
    const mesh = meshOf(stack, { clusters: guidePair(stack).members });
    expect(mesh.firewalls.map((f) => f.node.path)).toEqual([
      'platform/multi-cluster/Firewall-per-cluster-a-pods', 'platform/multi-cluster/Firewall-per-cluster-b-pods',
    ]);
  });
});

describe('MultiClusterMesh node pools added later', () => {
  it('fails validation for a pool added afterwards whose nodes carry none of the targeted tags', () => {
    const { stack } = newStack('platform');
    const { a, members } = guidePair(stack);
    const mesh = meshOf(stack, { clusters: members });
    a.addNodePool('late', { networkTags: ['late-nodes'] });
    expect(mesh.node.validate()).toEqual([
      'platform/multi-cluster: node pool platform/cluster-a/late was added to platform/cluster-a after the multi-cluster mesh ' +
      'took the cluster\'s node tags (cluster-a-nodes) and carries none of them, so the other clusters\' pods cannot reach its ' +
      'nodes; create the multi-cluster mesh after the node pools, tag the pool with one of those tags, or list nodeTags',
    ]);
  });
  it('accepts a pool added afterwards that carries a targeted tag, and any pool when nodeTags are given', () => {
    const { stack } = newStack('platform');
    const { a, b } = guidePair(stack);
    const mesh = meshOf(stack, { clusters: [{ cluster: a, podCidr: '10.4.0.0/14' }, { cluster: b, podCidr: '10.8.0.0/14', nodeTags: ['cluster-b-nodes'] }] });
    a.addNodePool('late', { networkTags: ['cluster-a-nodes', 'late-nodes'] });
    b.addNodePool('other', { networkTags: ['other-nodes'] });
    expect(mesh.node.validate()).toEqual([]);
  });
});

describe('MultiClusterMesh bad input', () => {
  const otherProject = new GcpProject({ id: 'other-proj', number: '210987654321' });

  it('refuses fewer than two clusters', () => {
    const { stack } = newStack('platform');
    const { members } = guidePair(stack);
    expect(() => meshOf(stack, { clusters: [members[0]] })).toThrow(
      'platform/multi-cluster: invalid clusters ["platform/cluster-a"]: must list at least two clusters: a multi-cluster mesh ' +
      'admits the pods of each cluster to the nodes of the others');
  });
  it('refuses the same cluster twice', () => {
    const { stack } = newStack('platform');
    const { a, members } = guidePair(stack);
    expect(() => meshOf(stack, { clusters: [...members, { cluster: a, podCidr: '10.12.0.0/14' }] })).toThrow(
      'platform/multi-cluster: invalid clusters[2].cluster "platform/cluster-a": is listed twice (also as clusters[0], ' +
      'projects/demo-proj/locations/us-east1/clusters/cluster-a); list each cluster once');
  });
  it('refuses two constructs of one cluster (same project, location and name)', () => {
    const { stack } = newStack('platform');
    const { members } = guidePair(stack);
    const again = new TerraformStack(stack.node.scope!, 'again');
    const twin = meshCluster(again, 'cluster-b');
    expect(() => meshOf(stack, { clusters: [...members, { cluster: twin, podCidr: '10.12.0.0/14' }] })).toThrow(
      'platform/multi-cluster: invalid clusters[2].cluster "again/cluster-b": is listed twice (also as clusters[1]');
  });
  it('refuses a cluster outside the fleet', () => {
    const { stack } = newStack('platform');
    const { members } = guidePair(stack);
    const loose = meshCluster(stack, 'cluster-c', undefined, { fleet: false });
    expect(() => meshOf(stack, { clusters: [...members, { cluster: loose, podCidr: '10.12.0.0/14' }] })).toThrow(
      'platform/multi-cluster: invalid clusters[2].cluster "platform/cluster-c": is not registered in a fleet: create it with ' +
      'fleet: true, so that every cluster of the mesh is a member of the project\'s fleet');
  });
  it('refuses a cluster without mesh certificates', () => {
    const { stack } = newStack('platform');
    const { members } = guidePair(stack);
    const plain = meshCluster(stack, 'cluster-c', undefined, { meshCertificates: false });
    expect(() => meshOf(stack, { clusters: [{ cluster: plain, podCidr: '10.12.0.0/14' }, ...members] })).toThrow(
      'platform/multi-cluster: invalid clusters[0].cluster "platform/cluster-c": does not issue mesh certificates: create it ' +
      'with meshCertificates: true, or its workloads cannot take part in mTLS with the other clusters');
  });
  it('refuses clusters of different projects, naming both clusters, projects and trust domains', () => {
    const { stack } = newStack('platform');
    const { members } = guidePair(stack);
    const foreign = meshCluster(stack, 'cluster-c', undefined, { project: otherProject });
    expect(() => meshOf(stack, { clusters: [members[0], { cluster: foreign, podCidr: '10.12.0.0/14' }] })).toThrow(
      'platform/multi-cluster: invalid clusters[1].cluster "platform/cluster-c": is in project other-proj (fleet of other-proj, ' +
      'trust domain other-proj.svc.id.goog) but platform/cluster-a is in project demo-proj (fleet of demo-proj, trust domain ' +
      'demo-proj.svc.id.goog): the clusters of a multi-cluster mesh must share one fleet and one trust domain, so create them in one project');
  });
  it('refuses clusters on different networks', () => {
    const { stack } = newStack('platform');
    const a = meshCluster(stack, 'cluster-a', undefined, { network: 'mesh-network' });
    const b = meshCluster(stack, 'cluster-b', undefined, { network: 'projects/other-proj/global/networks/mesh-network' });
    expect(() => meshOf(stack, { clusters: [{ cluster: a, podCidr: '10.4.0.0/14' }, { cluster: b, podCidr: '10.8.0.0/14' }] })).toThrow(
      'platform/multi-cluster: invalid clusters[1].cluster "platform/cluster-b": is on network projects/other-proj/global/networks/mesh-network ' +
      'but platform/cluster-a is on network mesh-network: the rules admit Pod ranges within one VPC network, so create the clusters on one network');
  });
  it('refuses a Pod range overlapping another cluster\'s, naming both', () => {
    const { stack } = newStack('platform');
    const { a, b } = guidePair(stack);
    expect(() => meshOf(stack, { clusters: [{ cluster: a, podCidr: '10.4.0.0/14' }, { cluster: b, podCidr: '10.6.0.0/16' }] })).toThrow(
      'platform/multi-cluster: invalid clusters[1].podCidr "10.6.0.0/16": overlaps the Pod range 10.4.0.0/14 of platform/cluster-a: ' +
      'clusters of one network need separate Pod ranges, or the rules cannot tell their pods apart');
  });
  it('refuses a Standard cluster without node pools, asking for nodeTags', () => {
    const { stack } = newStack('platform');
    const { members } = guidePair(stack);
    const bare = new WorkloadIdentityCluster(stack, 'cluster-c', { project, name: 'cluster-c', location: 'us-east1', meshCertificates: true, fleet: true });
    expect(() => meshOf(stack, { clusters: [...members, { cluster: bare, podCidr: '10.12.0.0/14' }] })).toThrow(
      'platform/multi-cluster: invalid clusters[2].nodeTags undefined: is required: platform/cluster-c has no node pools in this app ' +
      'to take network tags from; list the tags of its nodes (such as the gke-CLUSTER-…-node tag GKE gives them)');
  });
  it('refuses an Autopilot cluster without nodeTags', () => {
    const { stack } = newStack('platform');
    const { members } = guidePair(stack);
    const autopilot = new WorkloadIdentityAutopilotCluster(stack, 'auto', { project, name: 'auto', location: 'us-east1', meshCertificates: true, fleet: true });
    expect(() => meshOf(stack, { clusters: [...members, { cluster: autopilot, podCidr: '10.12.0.0/14' }] })).toThrow(
      'platform/multi-cluster: invalid clusters[2].nodeTags undefined: is required: platform/auto has no node pools in this app');
  });
  it('refuses a cluster with an untagged node pool, naming the pool', () => {
    const { stack } = newStack('platform');
    const { a, members } = guidePair(stack);
    a.addNodePool('untagged');
    expect(() => meshOf(stack, { clusters: members })).toThrow(
      'platform/multi-cluster: invalid clusters[0].cluster "platform/cluster-a": has node pool platform/cluster-a/untagged without ' +
      'network tags, so the other clusters\' pods could not reach pods scheduled there; give every pool networkTags, or list the targeted tags as nodeTags');
  });

  const memberCases: [string, Partial<MultiClusterMeshMember>, string][] = [
    ['a Pod range that is not a CIDR block', { podCidr: '10.8.0.0' },
      'invalid clusters[1].podCidr "10.8.0.0": must be an IPv4 CIDR block such as 10.0.0.0/8'],
    ['a Pod range of every address', { podCidr: '0.0.0.0/0' },
      'invalid clusters[1].podCidr "0.0.0.0/0": must be the cluster\'s Pod range, not every address'],
    ['empty node tags', { nodeTags: [] },
      'invalid clusters[1].nodeTags []: must list at least one tag: a rule without target tags would admit the pods to every instance of the network'],
    ['an invalid node tag', { nodeTags: ['Cluster_B'] },
      'invalid clusters[1].nodeTags[0] "Cluster_B": must be 1-63 characters, lowercase letters, digits and hyphens'],
    ['an invalid rule name', { firewallName: 'per_cluster_b' },
      'invalid clusters[1].firewallName "per_cluster_b": must be 1-63 characters'],
    ['a rule name taken by another cluster', { firewallName: 'per-cluster-a-pods' },
      'invalid clusters[1].firewallName "per-cluster-a-pods": is also the rule name of clusters[0] ' +
      '(platform/cluster-a); give one of them another firewallName'],
  ];
  const shared = sharedPair();
  it.each(memberCases)('refuses %s', (_name, change, message) => {
    const { path, build } = shared.attempt({ clusters: [shared.members[0], { ...shared.members[1], ...change }] });
    expect(build).toThrow(`${path}: ${message}`);
  });

  it('refuses one cluster name in two regions without distinct rule names', () => {
    const { stack } = newStack('platform');
    const east = meshCluster(stack, 'east', ['east-nodes'], { name: 'mesh' });
    const central = meshCluster(stack, 'central', ['central-nodes'], { name: 'mesh', location: 'us-central1' });
    expect(() => meshOf(stack, { clusters: [{ cluster: east, podCidr: '10.4.0.0/14' }, { cluster: central, podCidr: '10.8.0.0/14' }] })).toThrow(
      'platform/multi-cluster: invalid clusters[1].firewallName "per-mesh-pods": is also the rule name of clusters[0] (platform/east)');
  });

  const trafficCases: [string, Partial<MultiClusterMeshProps>, string][] = [
    ['neither ports nor allowAllTraffic', { ports: undefined },
      'invalid ports undefined: must list the TCP ports the clusters\' pods serve each other (the mesh ' +
      'services\' application ports, such as 8000), or set allowAllTraffic: true to admit every protocol and port as the guide does'],
    ['no ports', { ports: [] }, 'invalid ports []: must list the TCP ports'],
    ['a port out of range', { ports: [8000, 70000] }, 'invalid ports[1] 70000: must be a port number: a whole number from 1 to 65535'],
    ['a port listed twice', { ports: [8000, 8000] }, 'invalid ports[1] 8000: is listed twice'],
    ['ports with allowAllTraffic', { ports: [8000], allowAllTraffic: true },
      'invalid ports [8000]: cannot be combined with allowAllTraffic, which admits every port; choose one'],
  ];
  it.each(trafficCases)('refuses %s', (_name, change, message) => {
    const { path, build } = shared.attempt({ clusters: shared.members, ...change });
    expect(build).toThrow(`${path}: ${message}`);
  });
});

describe('MultiClusterMesh Pod ranges (property)', () => {
  const cidr = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 32 })).map(([address, prefix]) => {
    const network = prefix === 32 ? address : Math.floor(address / 2 ** (32 - prefix)) * 2 ** (32 - prefix);
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
    return { text: `${octets.join('.')}/${prefix}`, first: network, last: network + 2 ** (32 - prefix) - 1 };
  });

  it('refuses two Pod ranges exactly when they share an address, and otherwise uses each as its rule\'s source', () => {
    const { a, b, attempt } = sharedPair();
    fc.assert(fc.property(cidr, cidr, (x, y) => {
      const { path, build } = attempt({ clusters: [{ cluster: a, podCidr: x.text }, { cluster: b, podCidr: y.text }] });
      if (x.first <= y.last && y.first <= x.last) {
        expect(build).toThrow(`${path}: invalid clusters[1].podCidr "${y.text}": overlaps the Pod range ${x.text} of platform/cluster-a`);
      } else {
        const mesh = build();
        expect(mesh.firewalls.map((f) => f.sourceRangesInput)).toEqual([[x.text], [y.text]]);
      }
    }), { numRuns: 200 });
  });
});
