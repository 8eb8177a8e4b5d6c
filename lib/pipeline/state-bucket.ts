import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { GcsBackend, TerraformStack } from 'cdktf';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { GcpProject } from '../core/gcp-project';
import { inputError } from '../core/errors';
import { checkName, GCS_BUCKET_NAME, GCS_LOCATION } from '../core/names';
import { checkProps } from '../core/props';
import { checkKnownLocation } from '../core/locations';
import { checkGcpLabels } from '../core/value-rules';

/** Properties of a {@link StateBucket}. */
export interface StateBucketProps {
  /** The project of the bucket. */
  readonly project: GcpProject;
  /** The bucket name: globally unique, such as `demo-proj-tfstate`. */
  readonly name: string;
  /** The bucket location: a region such as `us-east1`, or a multi-region such as `US`. */
  readonly location: string;
  /**
   * How many older versions of each state file to keep. Terraform rewrites the state object on every
   * apply, so versions are how a damaged state is recovered.
   * @default - every version is kept
   */
  readonly noncurrentVersionsKept?: number;
  /**
   * Let Terraform destroy the bucket. Off because destroying it loses the state of every stack.
   * @default false - the bucket has `lifecycle.prevent_destroy`
   */
  readonly allowDestroy?: boolean;
  /**
   * Labels of the bucket.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/**
 * The Cloud Storage bucket that holds the Terraform state of the deployed stacks: object versioning on,
 * uniform bucket-level access (IAM only, no object ACLs), public access prevention enforced, never
 * force-destroyed. Each stack stores its state under its own prefix (the stack id) through
 * {@link StateBucket.backendFor}, so access can be granted per stack.
 */
export class StateBucket extends Construct {
  /** The bucket name. */
  public readonly bucketName: string;
  /** The `google_storage_bucket` resource. */
  public readonly resource: StorageBucket;
  private readonly prefixes = new Map<TerraformStack, string>();

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    checkProps(this, props, { project: 'object!', name: 'string!', location: 'string!', noncurrentVersionsKept: 'number', allowDestroy: 'boolean', labels: 'map' });
    checkName(this, 'name', props.name, GCS_BUCKET_NAME);
    checkName(this, 'location', props.location, GCS_LOCATION);
    if (/^[a-z]+-[a-z]+[0-9]+$/.test(props.location)) checkKnownLocation(this, 'location', props.location, 'region');
    checkGcpLabels(this, 'labels', props.labels);
    const kept = props.noncurrentVersionsKept;
    if (kept !== undefined && !Token.isUnresolved(kept) && (!Number.isInteger(kept) || kept < 1)) {
      throw inputError(this, 'noncurrentVersionsKept', kept, 'must be a whole number of at least 1, or left out to keep every version');
    }
    this.bucketName = props.name;
    this.resource = new StorageBucket(this, 'Resource', {
      project: props.project.id,
      name: props.name,
      location: props.location,
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      versioning: { enabled: true },
      forceDestroy: false,
      labels: props.labels,
      lifecycleRule: kept === undefined ? undefined : [{
        action: { type: 'Delete' },
        condition: { numNewerVersions: kept, withState: 'ARCHIVED' },
      }],
      lifecycle: { preventDestroy: !(props.allowDestroy ?? false) },
    });
  }

  /**
   * Makes `stack` keep its state in this bucket, under the prefix `STACK_ID/` (object
   * `STACK_ID/default.tfstate`). The bucket name is a literal, so the stack does not depend on the stack
   * of the bucket. A stack can use the bucket only once it exists: the bucket's own stack keeps local
   * state until its first apply, then can be moved here with `cdktf deploy --migrate-state`.
   */
  public backendFor(stack: TerraformStack): GcsBackend {
    if (this.prefixes.has(stack)) {
      throw inputError(this, 'backendFor(stack)', stack.node.id, 'already keeps its state in this bucket');
    }
    const prefix = stack.node.id;
    const backend = new GcsBackend(stack, { bucket: this.bucketName, prefix });
    this.prefixes.set(stack, prefix);
    return backend;
  }

  /** The state prefix of `stack` in this bucket, or undefined when the stack keeps its state elsewhere. */
  public prefixOf(stack: TerraformStack): string | undefined {
    return this.prefixes.get(stack);
  }
}
