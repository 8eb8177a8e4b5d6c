import * as fs from 'fs';
import * as path from 'path';

/** Folder → the other folders its files import (type-only imports included: they couple the folders too). */
export type FolderGraph = Map<string, Set<string>>;

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)'(\.{1,2}\/[^']+)'/g;

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The top-level folder of a path inside `root`, or undefined for a file directly in it (the index). */
function folderOf(root: string, file: string): string | undefined {
  const parts = path.relative(root, file).split(path.sep);
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : undefined;
}

/** The import graph between the top-level folders of `root` (lib/), from every relative import of its .ts files. */
export function folderGraph(root: string): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of tsFiles(root)) {
    const from = folderOf(root, file);
    if (from === undefined) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const to = folderOf(root, path.resolve(path.dirname(file), match[1]));
      if (to !== undefined && to !== from) graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** Every cycle between folders, each as the path that closes it (`a → b → a`); empty when the graph is acyclic. */
export function folderCycles(graph: FolderGraph): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (folder: string, trail: string[]): void => {
    state.set(folder, 'open');
    for (const next of [...(graph.get(folder) ?? [])].sort()) {
      if (state.get(next) === 'open') cycles.push([...trail.slice(trail.indexOf(next)), folder, next].join(' → '));
      else if (state.get(next) === undefined) visit(next, [...trail, folder]);
    }
    state.set(folder, 'done');
  };
  for (const folder of [...graph.keys()].sort()) {
    if (state.get(folder) === undefined) visit(folder, []);
  }
  return cycles;
}

/** Every import of `folder` outside `allowed`, as `folder → other`. */
export function importsOutside(graph: FolderGraph, folder: string, allowed: string[]): string[] {
  return [...(graph.get(folder) ?? [])].filter((to) => !allowed.includes(to)).sort().map((to) => `${folder} → ${to}`);
}
