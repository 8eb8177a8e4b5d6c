import { CodeBlock } from './code-blocks';
/** A `ts` block of README.md or docs/*.md, with its page. */
export interface DocSnippet extends CodeBlock {
  /** The page, relative to the repository root (README.md, docs/pki.md). */
  readonly page: string;
}
export function docSnippets(): DocSnippet[];
export function moduleOf(snippet: DocSnippet, snippets: DocSnippet[]): { text: string; offset: number };
export function fileNameOf(snippet: DocSnippet): string;
export function writeSnippetModules(dir?: string): string[];
export const snippetRoot: string;
