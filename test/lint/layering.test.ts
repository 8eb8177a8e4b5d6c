import * as path from 'path';
import { folderCycles, folderGraph, importsOutside } from './folder-graph';

const lib = path.join(__dirname, '..', '..', 'lib');
const fixture = path.join(__dirname, 'fixtures', 'cycle', 'lib');

/**
 * The layers of docs/architecture.md: core ← identity ← cluster ← {workloads, pki, access} ← mesh ←
 * verification; the rule pack (checks) and the deploy pipeline depend on core only.
 */
const LAYER = new Map([
  ['core', 0], ['identity', 1], ['cluster', 2], ['workloads', 3], ['pki', 3], ['access', 3], ['mesh', 4], ['verification', 5],
]);

describe('the folder layering of lib/', () => {
  const graph = folderGraph(lib);

  it('reads the imports of every folder', () => {
    expect([...graph.keys()]).toEqual(expect.arrayContaining(['checks', 'cluster', 'core', 'identity', 'mesh', 'pipeline']));
    expect([...graph.get('mesh')!]).toEqual(expect.arrayContaining(['cluster', 'core', 'identity']));
  });

  it('has no cycle between folders', () => {
    expect(folderCycles(graph)).toEqual([]);
  });

  it('keeps the rule pack and the pipeline on core only', () => {
    expect([...importsOutside(graph, 'checks', ['core']), ...importsOutside(graph, 'pipeline', ['core'])]).toEqual([]);
  });

  it('keeps core free of every other folder', () => {
    expect(importsOutside(graph, 'core', [])).toEqual([]);
  });

  it('lets construct folders import only their own or lower layers (cycles are caught above)', () => {
    const upward = [...LAYER].flatMap(([folder, layer]) =>
      [...(graph.get(folder) ?? [])].filter((to) => LAYER.has(to) && LAYER.get(to)! > layer).map((to) => `${folder} → ${to}`));
    expect(upward).toEqual([]);
  });
});

describe('the layering check itself', () => {
  const graph = folderGraph(fixture);

  it('finds a cycle made of a type-only import and a plain one', () => {
    expect(folderCycles(graph)).toEqual(['alpha → beta → alpha']);
  });

  it('names an import outside the allowed folders', () => {
    expect(importsOutside(graph, 'alpha', ['core'])).toEqual(['alpha → beta']);
  });

  it('finds no cycle once one import is gone', () => {
    graph.get('beta')!.delete('alpha');
    expect(folderCycles(graph)).toEqual([]);
  });
});
