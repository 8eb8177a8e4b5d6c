import { App, TerraformStack, Testing } from 'cdktf';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import {
  ConcealedNodePool, GcpProject, MeshCertificateAuthority, MeshWorkload, SecureMeshService, ServiceMesh, WorkloadIdentity,
  WorkloadIdentityCluster,
} from '../../lib';

/**
 * A valid app of three stacks (platform, workloads, traffic) like the secure-mesh example, in which each
 * fuzz case builds one more construct. Parts are made on first use, so a case pays only for what it needs.
 */
export class World {
  public readonly app: App;
  public readonly project = new GcpProject({ id: 'demo-proj', number: '123456789012' });
  public readonly platform: TerraformStack;
  public readonly workloads: TerraformStack;
  public readonly traffic: TerraformStack;
  private made: Record<string, unknown> = {};

  /** @param context app context, such as the additional locations */
  constructor(context: Record<string, unknown> = {}) {
    this.app = Testing.app({ context });
    this.platform = this.stack('platform');
    this.workloads = this.stack('workloads');
    this.traffic = this.stack('traffic');
  }

  public get cluster(): WorkloadIdentityCluster {
    return this.once('cluster', () => new WorkloadIdentityCluster(this.platform, 'cluster', {
      project: this.project, name: 'secure-td-cluster', location: 'us-east1', meshCertificates: true,
    }));
  }
  public get nodes(): ConcealedNodePool {
    return this.once('nodes', () => this.cluster.addNodePool('nodes', { networkTags: ['allow-health-checks'] }));
  }
  public get mesh(): ServiceMesh {
    return this.once('mesh', () => new ServiceMesh(this.platform, 'mesh', { project: this.project, name: 'sidecar-mesh' }));
  }
  public get authority(): MeshCertificateAuthority {
    return this.once('authority', () => new MeshCertificateAuthority(this.platform, 'ca', {
      project: this.project, location: 'us-east1', organization: 'TestCorpLLC',
      root: { poolId: 'td-sec-pool', caId: 'pkcs2-ca' }, subordinate: { poolId: 'td-ca-pool', caId: 'td-ca' },
    }));
  }
  public get server(): WorkloadIdentity {
    return this.once('server', () => this.cluster.addWorkloadIdentity(this.workloads, 'server', { namespace: 'default', name: 'demo-server' }));
  }
  public get client(): WorkloadIdentity {
    return this.once('client', () => this.cluster.addWorkloadIdentity(this.workloads, 'client', { namespace: 'default', name: 'demo-client' }));
  }
  public get workload(): MeshWorkload {
    return this.once('workload', () => new MeshWorkload(this.workloads, 'payments', {
      identity: this.server, name: 'app1', image: 'registry.example/echo:1', port: 8000, proxyMetadata: { app: 'payments' },
      service: { name: 'service-test', negName: 'service-test-neg' },
    }));
  }
  public get service(): SecureMeshService {
    return this.once('service', () => new SecureMeshService(this.traffic, 'service-test', {
      mesh: this.mesh, workload: this.workload, neg: { zones: ['us-east1-b', 'us-east1-c'] }, healthCheckFirewall: { nodePools: [this.nodes] },
    }));
  }

  private stack(id: string): TerraformStack {
    const stack = new TerraformStack(this.app, id);
    new GoogleProvider(stack, 'google', { project: 'demo-proj' });
    new GoogleBetaProvider(stack, 'google-beta', { project: 'demo-proj' });
    return stack;
  }

  private once<T>(key: string, make: () => T): T {
    if (!(key in this.made)) this.made[key] = make();
    return this.made[key] as T;
  }
}
