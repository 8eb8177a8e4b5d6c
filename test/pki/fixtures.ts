import { App, AnnotationMetadataEntryType, TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import {
  GcpProject, MeshCertificateAuthority, MeshCertificateAuthorityProps, WorkloadIdentityCluster, WorkloadIdentityClusterProps,
} from '../../lib';

/** The guide's demo project. */
export const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });

/** The guide's demo hierarchy, with the root pool id hyphenated. */
export const guideAuthority: MeshCertificateAuthorityProps = {
  project,
  location: 'us-east1',
  organization: 'TestCorpLLC',
  root: { poolId: 'td-sec-pool', caId: 'pkcs2-ca' },
  subordinate: { poolId: 'td-ca-pool', caId: 'td-ca' },
};

/** An app with a platform stack holding a mesh-certificate cluster, and an empty workloads stack. */
export function platformAndWorkloads(clusterProps: Partial<WorkloadIdentityClusterProps> = {}) {
  const app: App = Testing.app();
  const platform = new TerraformStack(app, 'platform');
  const workloads = new TerraformStack(app, 'workloads');
  const cluster = new WorkloadIdentityCluster(platform, 'cluster', {
    project, name: 'secure-td-cluster', location: 'us-east1', meshCertificates: true, ...clusterProps,
  });
  return { app, platform, workloads, cluster };
}

/** A MeshCertificateAuthority with id `ca` in `stack`, from the guide's values and overrides. */
export function authorityIn(stack: TerraformStack, overrides: Partial<MeshCertificateAuthorityProps> = {}) {
  return new MeshCertificateAuthority(stack, 'ca', { ...guideAuthority, ...overrides });
}

/** The warning messages attached to a construct. */
export function warningsOf(construct: IConstruct): string[] {
  return construct.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data));
}
