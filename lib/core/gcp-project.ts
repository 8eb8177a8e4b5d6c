import { IConstruct } from 'constructs';
import { TerraformStack, Token } from 'cdktf';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { checkName, PROJECT_ID, PROJECT_NUMBER } from './names';
import { checkProps } from './props';

/** Properties of a {@link GcpProject}. */
export interface GcpProjectProps {
  /** The project id, such as `demo-proj`. */
  readonly id: string;
  /**
   * The project number, such as `123456789012`. Workload principals (`principal://…/projects/NUMBER/…`)
   * and the GKE service agent are named by number.
   * @default - looked up with a `google_project` data source in each stack that needs it
   */
  readonly number?: string;
}

/**
 * A Google Cloud project as a value: its id, its number and the identities GKE derives from them.
 * Not a construct: one instance is shared by every stack of an app.
 */
export class GcpProject {
  /** The project id. */
  public readonly id: string;
  /** The Workload Identity pool of every GKE cluster in the project: `PROJECT_ID.svc.id.goog`. */
  public readonly workloadPool: string;
  /** The mesh trust domain, which is the workload pool. */
  public readonly trustDomain: string;
  private readonly literalNumber?: string;

  constructor(props: GcpProjectProps) {
    checkProps('GcpProject', props, { id: 'string!', number: 'string' });
    checkName('GcpProject', 'id', props.id, PROJECT_ID);
    checkName('GcpProject', 'number', props.number, PROJECT_NUMBER);
    this.id = props.id;
    this.literalNumber = props.number;
    this.workloadPool = `${props.id}.svc.id.goog`;
    this.trustDomain = this.workloadPool;
  }

  /** Whether the project number was given (true) or is looked up at plan time (false). */
  public get hasLiteralNumber(): boolean {
    return this.literalNumber !== undefined && !Token.isUnresolved(this.literalNumber);
  }

  /**
   * The project number as usable from `scope`'s stack: the literal when given, otherwise the
   * `number` attribute of one `google_project` data source per stack.
   */
  public numberIn(scope: IConstruct): string {
    if (this.literalNumber !== undefined) return this.literalNumber;
    const stack = TerraformStack.of(scope);
    const id = `gcp-project-${this.id}`;
    const existing = stack.node.tryFindChild(id) as DataGoogleProject | undefined;
    return (existing ?? new DataGoogleProject(stack, id, { projectId: this.id })).number;
  }

  /** The GKE service agent: `service-NUMBER@container-engine-robot.iam.gserviceaccount.com`. */
  public gkeServiceAgentEmail(scope: IConstruct): string {
    return `service-${this.numberIn(scope)}@container-engine-robot.iam.gserviceaccount.com`;
  }

  /** The GKE service agent as an IAM member (`serviceAccount:service-NUMBER@…`). */
  public gkeServiceAgentMember(scope: IConstruct): string {
    return `serviceAccount:${this.gkeServiceAgentEmail(scope)}`;
  }
}
