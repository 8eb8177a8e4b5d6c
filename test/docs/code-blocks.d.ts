/** A fenced code block of a Markdown page. */
export interface CodeBlock {
  /** The language after the opening fence, such as `ts`; empty when none. */
  readonly language: string;
  /** The words after the language on the fence line, such as `fragment`. */
  readonly flags: string[];
  /** The 1-based line of the block's first code line. */
  readonly line: number;
  /** The nearest heading above the block. */
  readonly heading: string;
  /** The code. */
  readonly code: string;
}
export function codeBlocks(markdown: string): CodeBlock[];
export function quickStartCode(markdown: string): string;
export const readmePath: string;
