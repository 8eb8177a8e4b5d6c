import { Construct, IConstruct } from 'constructs';
import { Annotations, Aspects, IAspect, TerraformStack } from 'cdktf';
import { onSynthesize } from '../core/cdktf-internals';
import { inputError, refuseToken, throwReported } from '../core/errors';
import { shareAppIndex } from '../core/app-index';
import { AppIndex, TfResource } from '../core/app-index';
import { ClusterMap } from './cluster-map';
import { customRule, ICustomSecurityRule } from './custom-rule';
import { ServiceAccountIdentities } from './gcp-identities';
import { KubernetesObjects } from './kubernetes-objects';
import { findingMessage, Rule, RuleContext } from './rule';
import { ALL_RULES, RULE_ERROR } from './rule-catalog';
import { SecurityFinding, SecurityRuleInfo, SecuritySeverity } from './security-finding';
import { REPORT_FILE_NAME, stackReport, writeStackReport } from './security-report';
import { addSuppression, isSentence, suppressionReason } from './suppressions';

/** Options of {@link SecurityChecks.applyTo}. */
export interface SecurityChecksProps {
  /**
   * Also check that the GKE service agent holds `roles/container.serviceAgent` on the project (rule
   * WI-8). GKE grants the role itself when the Kubernetes Engine API is enabled, so only apps that
   * manage that grant (WorkloadIdentityCluster `grantServiceAgentRole`) turn this on.
   * @default false
   */
  readonly checkServiceAgentRole?: boolean;

  /**
   * The team's own rules, run after the built-in ones (docs/checks.md, "Adding your own rules"). Their ids
   * must be unique and differ from the built-in ids; their findings can be suppressed like any other.
   * @default [] - only the built-in rules
   */
  readonly customRules?: ICustomSecurityRule[];
}

/** One checks instance per construct tree. */
const APPLIED = new WeakMap<IConstruct, SecurityChecks>();
/** What else applying the rule pack applies to the same scope (the access report registers itself here). */
const COMPANIONS: ((scope: IConstruct) => void)[] = [];

/**
 * The synth-time security and troubleshooting rule pack, in the spirit of cdk-nag: an Aspect that
 * evaluates every rule (docs/checks.md) against the resolved Terraform configuration of every resource
 * and data source of the app, whether written by this library's constructs or directly with provider
 * classes, escape hatches included (stack overrides, single-object blocks, locals). Errors become error
 * annotations, so `cdktf synth` fails; warnings and info are printed. A rule that throws becomes a
 * RULE-ERROR finding instead of aborting. Each stack's findings, suppressed ones included, are written to
 * `stacks/<stack>/security-report.json` and, as SARIF 2.1.0, `security-report.sarif` in the output folder,
 * and the app's access report (see {@link AccessReport}), built from the same index, to
 * `access-report.md` and `access-report.json`.
 *
 * The app is indexed once (all stacks, when synthesis reaches the first one) and every rule reads the
 * index, so the cost grows linearly with the number of resources. Aspects that change resources must be
 * added before this one.
 */
export class SecurityChecks implements IAspect {
  /** Every rule of the pack. */
  public static readonly rules: SecurityRuleInfo[] = [...ALL_RULES, RULE_ERROR].map(({ id, severity, title, fix, source }) => ({ id, severity, title, fix, source }));

  /** The name of each stack's report file, beside its `cdk.tf.json`. */
  public static readonly REPORT_FILE_NAME: string = REPORT_FILE_NAME;

  /**
   * @internal Registers what applying the rule pack also applies, such as the access report, which reads the
   * same app index: a layer above the rule pack plugs in here, so the rule pack depends on none.
   */
  public static _addCompanion(apply: (scope: IConstruct) => void): void {
    COMPANIONS.push(apply);
  }

  /**
   * Applies the checks to every stack under `scope` (normally the App) and returns the aspect. Stacks
   * added under `scope` later are checked too: the scope is searched again when synthesis starts.
   * Calling it again for the same app returns the same aspect; different options throw.
   */
  public static applyTo(scope: IConstruct, props: SecurityChecksProps = {}): SecurityChecks {
    const root = scope.node.root;
    const existing = APPLIED.get(root);
    if (existing && existing.checkServiceAgentRole !== (props.checkServiceAgentRole ?? false)) {
      throw inputError(scope, 'checkServiceAgentRole', props.checkServiceAgentRole, 'differs from the options SecurityChecks was already applied with; apply it once per app');
    }
    if (existing && props.customRules !== undefined) {
      throw inputError(scope, 'customRules', props.customRules.map((r) => r.info.id).join(', '), 'can only be given the first time SecurityChecks is applied to an app; pass every custom rule in that call');
    }
    const checks = existing ?? new SecurityChecks(scope, props);
    if (checks.coverStacksUnder(scope) === 0) {
      throw inputError(scope, 'scope', scope.node.path, 'contains no TerraformStack: call SecurityChecks.applyTo(app) after creating a stack');
    }
    APPLIED.set(root, checks);
    checks.scopes.push(scope);
    COMPANIONS.forEach((apply) => apply(scope));
    return checks;
  }

  /**
   * Accepts the findings of one rule on `construct` and everything inside it. Suppressed findings stay
   * in the report, marked suppressed with the reason, but no longer fail or warn.
   * @param construct the resource, or a construct that contains it (such as a ConcealedNodePool)
   * @param ruleId a rule id of {@link SecurityChecks.rules}, such as `NODE-3`
   * @param reason at least one full sentence saying why the finding is acceptable here
   */
  public static suppress(construct: IConstruct, ruleId: string, reason: string): void {
    const synthTime = 'suppressions are read by the rule pack at synth time and never reach Terraform';
    refuseToken(construct, 'ruleId', ruleId, synthTime);
    refuseToken(construct, 'reason', reason, synthTime);
    const known = [...ALL_RULES, RULE_ERROR, ...APPLIED.get(construct.node.root)?.customRules ?? []];
    if (!known.some((rule) => rule.id === ruleId)) {
      throw inputError(construct, 'ruleId', ruleId, `must be a rule id of SecurityChecks.rules or a custom rule (${known.map((r) => r.id).join(', ')})`);
    }
    if (typeof reason !== 'string' || !isSentence(reason)) {
      throw inputError(construct, 'reason', reason,
        'must be at least one full sentence (20 characters or more, four or more words, ending with ".", "!" or "?") explaining why the finding is acceptable here');
    }
    addSuppression(construct, ruleId, reason.trim());
  }

  /**
   * The findings on resources inside `scope` (an App, a stack or any construct), suppressed ones
   * included. Runs the checks if synthesis has not yet done so, for example right after `Testing.synth`.
   */
  public static findingsOf(scope: IConstruct): SecurityFinding[] {
    const checks = APPLIED.get(scope.node.root);
    if (!checks) {
      throw inputError(scope, 'scope', scope.node.path, 'is not checked: call SecurityChecks.applyTo(app) first');
    }
    const prefix = scope.node.path;
    return checks.analyse().filter((f) => prefix === '' || f.constructPath === prefix || f.constructPath.startsWith(`${prefix}/`));
  }

  /** Whether WI-8 (the GKE service agent role) is checked. */
  public readonly checkServiceAgentRole: boolean;
  private readonly stacks: TerraformStack[] = [];
  private readonly scopes: IConstruct[] = [];
  private findings?: SecurityFinding[];
  private readonly writtenReports = new Set<TerraformStack>();
  private readonly customRules: Rule[];

  private constructor(scope: IConstruct, props: SecurityChecksProps) {
    this.checkServiceAgentRole = props.checkServiceAgentRole ?? false;
    this.customRules = (props.customRules ?? []).map((custom, i) => {
      const id = custom.info.id;
      const taken = [...ALL_RULES, RULE_ERROR, ...(props.customRules ?? []).slice(0, i).map((r) => r.info)].some((r) => r.id === id);
      if (taken || !/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/.test(id)) {
        throw inputError(scope, `customRules[${i}].info.id`, id, taken ? 'is already the id of another rule; give each rule its own id'
          : 'must be upper-case words and numbers joined by hyphens, such as TEAM-1');
      }
      return customRule(custom);
    });
  }

  /** Runs the checks when synthesis reaches a checked stack (once per app); other constructs need nothing. */
  public visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || !this.stacks.includes(node)) return;
    throwReported(node); // input errors first: the rules judge valid input only
    this.analyse();
  }

  /** Adds the aspect and the report writer to every stack under `scope` not covered yet; returns how many stacks it holds. */
  private coverStacksUnder(scope: IConstruct): number {
    const stacks = scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
    for (const stack of stacks.filter((s) => !this.stacks.includes(s))) {
      this.stacks.push(stack);
      Aspects.of(stack).add(this);
      onSynthesize(new Construct(stack, 'SecurityChecksReport'), (outdir) => this.writeReports(outdir));
    }
    return stacks.length;
  }

  /** Indexes the app, runs every rule, applies suppressions and annotates the findings; once. */
  private analyse(): SecurityFinding[] {
    if (this.findings) return this.findings;
    this.scopes.forEach((scope) => this.coverStacksUnder(scope));
    const index = AppIndex.build(this.stacks);
    shareAppIndex(this.stacks[0].node.root, index);
    const raw: { rule: SecurityRuleInfo; resource: TfResource; message: string; fix: string; severity: SecuritySeverity }[] = [];
    const shared = new Map<string, unknown>();
    const context: RuleContext = {
      index,
      clusters: new ClusterMap(index),
      accounts: new ServiceAccountIdentities(index),
      kubernetes: new KubernetesObjects(index),
      checkServiceAgentRole: this.checkServiceAgentRole,
      report: (rule, resource, what, options = {}) => {
        const fix = options.fix ?? rule.fix;
        raw.push({ rule, resource, fix, severity: options.severity ?? rule.severity, message: findingMessage(rule.id, resource.address, what, fix) });
      },
      shared: <T>(key: string, compute: () => T): T => {
        if (!shared.has(key)) shared.set(key, compute());
        return shared.get(key) as T;
      },
    };
    const stackHolder: TfResource | undefined = this.stacks.length === 0 ? undefined : ruleErrorSite(this.stacks[0]);
    for (const rule of [...ALL_RULES, ...this.customRules]) {
      try {
        rule.check(context);
      } catch (error) {
        // like cdk-nag: a broken rule is a finding (suppressible), not an aborted synthesis
        if (stackHolder) context.report(RULE_ERROR, stackHolder, `rule ${rule.id} failed and checked nothing: ${(error as Error).message}`);
      }
    }
    this.findings = raw.map(({ rule, resource, message, fix, severity }) => {
      const reason = suppressionReason(resource.element, rule.id);
      if (reason === undefined) {
        if (severity === SecuritySeverity.ERROR) Annotations.of(resource.element).addError(message);
        else if (severity === SecuritySeverity.WARNING) Annotations.of(resource.element).addWarning(message);
        else Annotations.of(resource.element).addInfo(message);
      }
      return {
        ruleId: rule.id, severity, stack: resource.stack.node.id, resourceAddress: resource.address,
        constructPath: resource.element.node.path, message, fix, suppressed: reason !== undefined, suppressionReason: reason,
      };
    });
    return this.findings;
  }

  /** Writes the report of every checked stack not written yet (all at once: a failing stack stops the synthesis of later ones). */
  private writeReports(outdir: string): void {
    const findings = this.analyse();
    for (const stack of this.stacks) {
      if (this.writtenReports.has(stack)) continue;
      this.writtenReports.add(stack);
      writeStackReport(outdir, stackReport(stack.node.id, findings.filter((f) => f.stack === stack.node.id)), [...SecurityChecks.rules, ...this.customRules]);
    }
  }
}

/** Where rule errors are reported: the first checked stack, which suppressions on the stack or the app cover. */
function ruleErrorSite(stack: TerraformStack): TfResource {
  return { type: 'rule', name: 'error', address: `stack ${stack.node.id}`, isData: false, stack, element: stack, config: {}, dynamic: false };
}
