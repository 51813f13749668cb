import fs from 'node:fs';
import path from 'node:path';
import { SUBGRAPH_NAMES } from '@c2c/kernel';

/** The file kinds of CONTRIBUTING.md: every subgraph is laid out the same way. */
export const FILE_KINDS = [
  'entity',
  'embeddable',
  'enum',
  'types',
  'input',
  'resolver',
  'mutations',
  'rules',
  'access',
  'loaders',
  'reference',
  'stub',
  'validation',
  'logic',
] as const;

const ROOT = path.resolve(__dirname, '..');
const NAME = new RegExp(`^[a-z][a-z0-9]*(-[a-z0-9]+)*\\.(${FILE_KINDS.join('|')})\\.ts$`);
const ENTRY_POINTS = new Set(['index.ts', 'main.ts']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sourceFiles(path.join(dir, e.name)).map((f) => path.join(e.name, f));
    return [e.name];
  });
}

describe('house style', () => {
  it.each(SUBGRAPH_NAMES)('names every source file of %s <topic>.<kind>.ts', (name) => {
    const files = sourceFiles(path.join(ROOT, 'subgraphs', name, 'src')).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const odd = files.filter((f) => !ENTRY_POINTS.has(f) && !NAME.test(path.basename(f)));
    expect(odd).toEqual([]);
  });

  it.each(SUBGRAPH_NAMES)('keeps %s to index.ts, main.ts and its migrations at the top', (name) => {
    const src = path.join(ROOT, 'subgraphs', name, 'src');
    for (const f of ENTRY_POINTS) expect(fs.existsSync(path.join(src, f))).toBe(true);
    expect(fs.readdirSync(path.join(src, 'migrations')).sort()).toEqual(['postgresql', 'postgresql.ts', 'sqlite', 'sqlite.ts']);
  });

  it('documents the file kinds it enforces in CONTRIBUTING.md', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'CONTRIBUTING.md'), 'utf8');
    for (const kind of FILE_KINDS) expect({ kind, documented: doc.includes(`.${kind}.ts`) }).toEqual({ kind, documented: true });
  });
});
