import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { GcpProject } from './gcp-project';
import { inputError, repeatedValueError } from './errors';
import { checkProps } from './props';

/** Properties of {@link ProjectServices}. */
export interface ProjectServicesProps {
  /** The project whose APIs are enabled. */
  readonly project: GcpProject;
  /**
   * The service names to enable, such as `container.googleapis.com`. Use the named sets
   * {@link ProjectServices.WORKLOAD_IDENTITY} or {@link ProjectServices.SERVICE_MESH}, or your own list.
   */
  readonly services: string[];
  /**
   * Disable the APIs when this construct is destroyed. Off because other resources of the project
   * (outside this app) usually depend on the same APIs.
   * @default false
   */
  readonly disableOnDestroy?: boolean;
}

const WORKLOAD_IDENTITY_SERVICES = [
  'container.googleapis.com',
  'iamcredentials.googleapis.com',
  'cloudresourcemanager.googleapis.com',
  'compute.googleapis.com',
];

const SERVICE_MESH_SERVICES = [
  ...WORKLOAD_IDENTITY_SERVICES,
  'trafficdirector.googleapis.com',
  'networkservices.googleapis.com',
  'networksecurity.googleapis.com',
  'privateca.googleapis.com',
  'gkehub.googleapis.com',
];

/**
 * Enables Google APIs with one `google_project_service` each. The construct id of each service is
 * its name, so adding a service to the list never replaces another.
 */
export class ProjectServices extends Construct {
  /**
   * The APIs Workload Identity Federation for GKE needs. `iamcredentials.googleapis.com` is the
   * troubleshooting guide's first check when pods cannot authenticate.
   */
  public static readonly WORKLOAD_IDENTITY: string[] = WORKLOAD_IDENTITY_SERVICES;
  /** The Workload Identity set plus the APIs of Cloud Service Mesh security with CA Service. */
  public static readonly SERVICE_MESH: string[] = SERVICE_MESH_SERVICES;

  /** The enabled service names, in order. */
  public readonly services: string[];
  /** The `google_project_service` resources, for `dependsOn`. */
  public readonly resources: ProjectService[] = [];

  constructor(scope: Construct, id: string, props: ProjectServicesProps) {
    super(scope, id);
    checkProps(this, props, { project: 'object!', services: 'strings!', disableOnDestroy: 'boolean' });
    const seen = new Set<string>();
    for (const service of Token.isUnresolved(props.services) ? [] : props.services) {
      if (!Token.isUnresolved(service) && !/^[a-z0-9-]+(\.[a-z0-9-]+)*\.googleapis\.com$/.test(service)) {
        throw inputError(this, 'services', service, 'must be a service name such as container.googleapis.com');
      }
      if (seen.has(service)) throw repeatedValueError(this, 'services', service);
      seen.add(service);
      this.resources.push(new ProjectService(this, service, {
        project: props.project.id,
        service,
        disableOnDestroy: props.disableOnDestroy ?? false,
        disableDependentServices: false,
      }));
    }
    this.services = [...seen];
  }

  /** Whether `service` is enabled by this construct. */
  public enables(service: string): boolean {
    return this.services.includes(service);
  }
}
