import { Construct } from 'constructs';
import { Fn, Token } from 'cdktf';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeHealthCheck } from '@cdktf/provider-google/lib/compute-health-check';
import { ITaggedNodePool } from '../core/cluster-ref';
import { GcpProject } from '../core/gcp-project';
import { inputError } from '../core/errors';
import { checkName, URL_PATH, checkPort, RESOURCE_NAME } from '../core/names';
import { checkProps, required } from '../core/props';
import { checkNoRepeats } from '../core/value-rules';

/** Where the health checkers' probes must be let in: the nodes that run the service's pods. */
export interface HealthCheckFirewallOptions {
  /**
   * The firewall rule name, such as `fw-allow-health-checks`.
   * @default - `<health check name>-fw`
   */
  readonly name?: string;
  /**
   * The VPC network of the nodes (name or self link).
   * @default 'default' - the network clusters use unless told otherwise
   */
  readonly network?: string;
  /**
   * Node pools whose network tags the rule targets.
   * @default - none; then `targetTags` must name the tags
   */
  readonly nodePools?: ITaggedNodePool[];
  /**
   * Network tags the rule targets, for nodes not created in this app (Autopilot, adopted pools).
   * @default - none; then `nodePools` must carry the tags
   */
  readonly targetTags?: string[];
}

/** How a {@link MeshHealthCheck} probes the NEG endpoints. */
export interface MeshHealthCheckProbe {
  /**
   * A port the application serves its health endpoint on outside the mesh. It must differ from the
   * application port: Envoy intercepts that port and the service's security policy would also apply to
   * the probes, which then fail and mark healthy endpoints unhealthy (guide 002).
   * @default - USE_SERVING_PORT: each NEG endpoint is probed on its own serving port, as in the guide
   */
  readonly port?: number;
  /**
   * The HTTP path probed.
   * @default '/'
   */
  readonly requestPath?: string;
}

/** Options of the health check of a {@link SecureMeshService}. */
export interface MeshHealthCheckOptions extends MeshHealthCheckProbe {
  /**
   * The health check name, such as `td-gke-health-check`.
   * @default - `<service name>-hc`
   */
  readonly name?: string;
}

/** Properties of a {@link MeshHealthCheck}. */
export interface MeshHealthCheckProps extends MeshHealthCheckProbe {
  /** The project of the health check and the firewall rule. */
  readonly project: GcpProject;
  /** The health check name, such as `td-gke-health-check`. */
  readonly name: string;
  /** The application port: the NEG endpoints' serving port, which Envoy intercepts; `port` must differ from it. */
  readonly applicationPort: number;
  /** The nodes the probes must reach. */
  readonly firewall: HealthCheckFirewallOptions;
}

/**
 * An HTTP health check for the NEG backends of a mesh service, and the firewall rule that lets Google's
 * health checkers (35.191.0.0/16, 130.211.0.0/22) reach the nodes, on the probed port only.
 */
export class MeshHealthCheck extends Construct {
  /** The source ranges of Google Cloud health checkers. */
  public static readonly HEALTH_CHECKER_RANGES: string[] = ['35.191.0.0/16', '130.211.0.0/22'];

  /** The health check name. */
  public readonly healthCheckName: string;
  /** The firewall rule name. */
  public readonly firewallName: string;
  /** The port the firewall opens: the health check port, or the application (serving) port. */
  public readonly probedPort: number;
  /** The network tags the firewall rule targets. */
  public readonly targetTags: string[];
  /** The `google_compute_health_check` resource. */
  public readonly resource: ComputeHealthCheck;
  /** The `google_compute_firewall` resource. */
  public readonly firewall: ComputeFirewall;

  constructor(scope: Construct, id: string, props: MeshHealthCheckProps) {
    super(scope, id);
    checkProps(this, props, { project: 'object!', name: 'string!', applicationPort: 'number!', port: 'number', requestPath: 'string', firewall: required({ name: 'string', network: 'string', nodePools: 'object', targetTags: 'strings' }) });
    checkName(this, 'name', props.name, RESOURCE_NAME);
    checkPort(this, 'applicationPort', props.applicationPort);
    checkPort(this, 'port', props.port);
    if (props.port !== undefined && props.port === props.applicationPort) {
      throw inputError(this, 'port', props.port,
        `must differ from the application port ${props.applicationPort}: Envoy intercepts that port and the service's ` +
        'security policy would reject the plaintext probes; omit the port to probe the serving port, or give a port ' +
        'the application serves outside the mesh');
    }
    checkName(this, 'requestPath', props.requestPath, URL_PATH);
    this.healthCheckName = props.name;
    this.firewallName = props.firewall.name ?? `${props.name}-fw`;
    checkName(this, 'firewall.name', this.firewallName, RESOURCE_NAME);
    this.probedPort = props.port ?? props.applicationPort;
    this.targetTags = targetTagsOf(this, props.firewall);

    this.resource = new ComputeHealthCheck(this, 'Resource', {
      project: props.project.id,
      name: props.name,
      httpHealthCheck: props.port === undefined
        ? { portSpecification: 'USE_SERVING_PORT', requestPath: props.requestPath }
        : { portSpecification: 'USE_FIXED_PORT', port: props.port, requestPath: props.requestPath },
    });
    this.firewall = new ComputeFirewall(this, 'Firewall', {
      project: props.project.id,
      name: this.firewallName,
      network: props.firewall.network ?? 'default',
      direction: 'INGRESS',
      sourceRanges: MeshHealthCheck.HEALTH_CHECKER_RANGES,
      targetTags: this.targetTags,
      allow: [{ protocol: 'tcp', ports: [String(this.probedPort)] }],
      description: `Google Cloud health checkers to ${props.name} on port ${this.probedPort}`,
    });
  }
}

function targetTagsOf(scope: Construct, firewall: HealthCheckFirewallOptions): string[] {
  const tags: string[] = [];
  (firewall.nodePools ?? []).forEach((pool, i) => {
    if (pool.networkTags.length === 0) {
      throw inputError(scope, `firewall.nodePools[${i}]`, pool.node.path,
        'has no network tags; give the pool networkTags (such as allow-health-checks) so the health-check firewall can target its nodes');
    }
    tags.push(...pool.networkTags);
  });
  const named = firewall.targetTags ?? [];
  if (Token.isUnresolved(named)) {
    // A list token (a variable): Terraform joins it with the pools' tags, and the API judges the names.
    return tags.length === 0 ? named : Token.asList(Fn.distinct(Fn.concat([[...new Set(tags)], named])));
  }
  checkNoRepeats(scope, 'firewall.targetTags', named);
  tags.push(...named);
  if (tags.length === 0) {
    throw inputError(scope, 'firewall', {},
      'needs nodePools or targetTags: without target tags the rule would let health checkers reach every instance of the network');
  }
  tags.forEach((tag, i) => checkName(scope, `firewall.targetTags[${i}]`, tag, RESOURCE_NAME));
  return [...new Set(tags)];
}
