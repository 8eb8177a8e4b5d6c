import { IConstruct } from 'constructs';
import { Token } from 'cdktf';
import { inputError } from '../core/errors';
import { checkProps } from '../core/props';

const LEGACY_CONCEALMENT: Record<string, string> = {
  SECURE: 'metadata concealment (SECURE)',
  EXPOSED: 'exposed metadata (EXPOSED)',
  EXPOSE: 'exposed metadata (EXPOSE)',
  UNSPECIFIED: 'the unspecified legacy value',
  GKE_METADATA_SERVER: 'the legacy GKE_METADATA_SERVER value',
};

/**
 * How a node pool serves instance metadata to pods (`workload_metadata_config.mode`).
 *
 * `GKE_METADATA` runs the GKE metadata server: pods get Workload Identity credentials and cannot read
 * kube-env or the node's instance identity token. It replaced the legacy metadata concealment values
 * (`SECURE`, `EXPOSED`) of `--workload-metadata-from-node`, which the API and the provider reject.
 */
export class WorkloadMetadata {
  /** The GKE metadata server: Workload Identity for pods, node metadata concealed. The default. */
  public static readonly GKE_METADATA = new WorkloadMetadata('GKE_METADATA');
  /**
   * The Compute Engine metadata server: pods see the node's service account and metadata.
   * Only with an explicit opt-out on a Workload Identity cluster.
   */
  public static readonly GCE_METADATA = new WorkloadMetadata('GCE_METADATA');

  /**
   * A mode given as a string, for example from a gcloud flag. Legacy concealment values
   * (`SECURE`, `EXPOSED`) are rejected by the node pool with an explanation.
   */
  public static of(mode: string): WorkloadMetadata {
    checkProps('WorkloadMetadata.of', { mode }, { mode: 'string!' });
    // Legacy concealment values pass here: the node pool refuses them, naming the replacement.
    if (!Token.isUnresolved(mode) && mode !== 'GKE_METADATA' && mode !== 'GCE_METADATA' && !(mode in LEGACY_CONCEALMENT)) {
      throw inputError('WorkloadMetadata.of', 'mode', mode, 'must be GKE_METADATA or GCE_METADATA');
    }
    return new WorkloadMetadata(mode);
  }

  /** The value of `workload_metadata_config.mode`. */
  public readonly mode: string;

  private constructor(mode: string) {
    this.mode = mode;
  }

  /** @internal Throws for values the provider would reject, naming the replacement. */
  public _validate(scope: IConstruct): void {
    if (Token.isUnresolved(this.mode)) return;
    const legacy = LEGACY_CONCEALMENT[this.mode];
    if (legacy) {
      throw inputError(scope, 'workloadMetadata', this.mode,
        `${legacy} of --workload-metadata-from-node was removed; GKE_METADATA (the GKE metadata server) replaced metadata ` +
        'concealment and also hides kube-env and the instance identity token from pods. Use WorkloadMetadata.GKE_METADATA');
    }
    if (this.mode !== 'GKE_METADATA' && this.mode !== 'GCE_METADATA') {
      throw inputError(scope, 'workloadMetadata', this.mode, 'must be GKE_METADATA or GCE_METADATA');
    }
  }
}

/**
 * Validates a node pool's metadata mode: legacy values are refused, GCE_METADATA needs the explicit
 * `allowGceMetadata` opt-out (the rule pack then reports it as a NODE-1 warning, which can be suppressed
 * with a reason).
 */
export function checkPoolWorkloadMetadata(scope: IConstruct, metadata: WorkloadMetadata, allowGceMetadata: boolean): void {
  metadata._validate(scope);
  if (metadata.mode === 'GCE_METADATA' && !allowGceMetadata) {
    throw inputError(scope, 'workloadMetadata', 'GCE_METADATA',
      'exposes the node service account and metadata to pods of a Workload Identity cluster; ' +
      'use GKE_METADATA, or set allowGceMetadata: true to opt out explicitly');
  }
}
