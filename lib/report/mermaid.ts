/** Node shapes of a Mermaid flowchart. */
export type NodeShape = 'box' | 'round' | 'stadium' | 'hexagon';

const SHAPES: { [shape in NodeShape]: [string, string] } = {
  box: ['[', ']'],
  round: ['(', ')'],
  stadium: ['([', '])'],
  hexagon: ['{{', '}}'],
};

/**
 * Text safe inside a quoted Mermaid label: quotes, angle brackets, pipes and hashes become Mermaid's
 * entity codes, so names such as `serviceAccount:${…}` cannot break the diagram. `lines` are joined with
 * `<br/>`, the one markup kept.
 */
export function mermaidText(...lines: string[]): string {
  return lines.map((line) => line
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/[\r\n]+/g, ' ')).join('<br/>');
}

/**
 * A Mermaid flowchart whose node ids are generated (`n0`, `n1`, …) from keys, so any resource address or
 * principal can be a node without breaking the syntax that renders on GitHub. Nodes and edges keep the
 * order they were added in, so the same app always gives the same text.
 */
export class MermaidFlowchart {
  private readonly ids = new Map<string, string>();
  private readonly lines: string[] = [];
  private readonly edges = new Set<string>();

  constructor(private readonly direction: 'LR' | 'TD' = 'LR') {}

  /** Whether the chart has any node. */
  public get isEmpty(): boolean {
    return this.ids.size === 0;
  }

  /** The id of the node for `key`, added with `label` the first time. */
  public node(key: string, label: string[], shape: NodeShape = 'box'): string {
    const existing = this.ids.get(key);
    if (existing) return existing;
    const id = `n${this.ids.size}`;
    this.ids.set(key, id);
    const [open, close] = SHAPES[shape];
    this.lines.push(`  ${id}${open}"${mermaidText(...label)}"${close}`);
    return id;
  }

  /** An edge between two node ids, once, with an optional label. */
  public edge(from: string, to: string, label?: string): void {
    const line = `  ${from} -->${label === undefined ? '' : `|"${mermaidText(label)}"|`} ${to}`;
    if (this.edges.has(line)) return;
    this.edges.add(line);
    this.lines.push(line);
  }

  /** The fenced ```mermaid block. */
  public render(): string {
    return ['```mermaid', `flowchart ${this.direction}`, ...this.lines, '```'].join('\n');
  }
}
