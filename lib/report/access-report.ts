import * as fs from 'fs';
import * as path from 'path';
import { Construct, IConstruct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AppIndex, sharedAppIndex } from '../core/app-index';
import { onSynthesize } from '../core/cdktf-internals';
import { SecurityChecks } from '../checks/security-checks';
import { inputError } from '../core/errors';
import { accessMarkdown } from './access-markdown';
import { accessModel } from './access-model';

/** The access report of an app, as written to its output folder. */
export interface AccessReportFiles {
  /** The Markdown, with Mermaid diagrams (`access-report.md`). */
  readonly markdown: string;
  /** The same content as JSON (`access-report.json`). */
  readonly json: string;
}

/** Apps whose report is written at synth, with the index to build it from when the rule pack built one. */
const APPLIED = new WeakMap<IConstruct, AccessReport>();

/**
 * Who may call whom in the mesh, who holds which role on what, and what workload certificates chain to, in
 * one file per app: `access-report.md` (Markdown with Mermaid diagrams, which GitHub renders) and
 * `access-report.json`, beside `manifest.json` in the output folder. Derived from the synthesised Terraform
 * of every stack, so hand-written resources appear too, and deterministic. `SecurityChecks.applyTo(app)`
 * writes it, from the same app index as the rule pack; `AccessReport.applyTo(app)` writes it without the
 * rule pack.
 */
export class AccessReport {
  /** The Markdown file's name. */
  public static readonly MARKDOWN_FILE_NAME: string = 'access-report.md';
  /** The JSON file's name. */
  public static readonly JSON_FILE_NAME: string = 'access-report.json';

  /** Writes the report of every stack under the app of `scope` when the app synthesises; once per app. */
  public static applyTo(scope: IConstruct): AccessReport {
    const root = scope.node.root;
    const existing = APPLIED.get(root);
    if (existing) return existing;
    const stacks = root.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
    if (stacks.length === 0) throw inputError(scope, 'scope', scope.node.path, 'belongs to an app without a TerraformStack: call AccessReport.applyTo(app) after creating a stack');
    const report = new AccessReport(root);
    APPLIED.set(root, report);
    onSynthesize(new Construct(stacks[0], 'AccessReport'), (outdir) => report.write(outdir));
    return report;
  }

  /**
   * The report of every stack of the app of `scope`, built now (run after the app is complete, for example in
   * tests). Stacks are taken in construct order.
   */
  public static of(scope: IConstruct): AccessReportFiles {
    const root = scope.node.root;
    return AccessReport.build(root, sharedAppIndex(root) ?? AppIndex.build(stacksOf(root)));
  }

  private static build(root: IConstruct, index: AppIndex): AccessReportFiles {
    const model = accessModel(index, stacksOf(root).map((s) => s.node.id));
    return { markdown: accessMarkdown(model), json: `${JSON.stringify(model, undefined, 2)}\n` };
  }

  private written = false;

  private constructor(private readonly root: IConstruct) {}

  /** Writes both files into `outdir`, once. */
  private write(outdir: string): void {
    if (this.written) return;
    this.written = true;
    writeAccessReport(outdir, AccessReport.of(this.root));
  }
}

function stacksOf(root: IConstruct): TerraformStack[] {
  return root.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

/** Writes `access-report.md` and `access-report.json` into `outdir`. */
export function writeAccessReport(outdir: string, files: AccessReportFiles): void {
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, AccessReport.MARKDOWN_FILE_NAME), files.markdown);
  fs.writeFileSync(path.join(outdir, AccessReport.JSON_FILE_NAME), files.json);
}

// Applying the rule pack also writes the access report, from the rule pack's app index (shared through core).
SecurityChecks._addCompanion((scope) => AccessReport.applyTo(scope));
