import fs from 'node:fs';
import path from 'node:path';

/**
 * A clone of this repository alone must pass its tests: no test, fixture loader or script may
 * reach the workspace around it (its shared folder) or a machine path. Standards material is copied into
 * test/fixtures/standards with its licence instead.
 */
const ROOT = path.resolve(__dirname, '..');
const CODE = /\.(ts|js|mjs|cjs|sh)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'data', 'test-output', 'fixtures']);

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : filesUnder(full);
    return CODE.test(e.name) ? [full] : [];
  });
}

/** Every test folder of every package, the root test folder and scripts/. */
function testAndScriptFiles(): string[] {
  const dirs = [path.join(ROOT, 'test'), path.join(ROOT, 'scripts')];
  for (const pkg of ['kernel', 'gateway', 'cli', 'demo', 'testing']) dirs.push(path.join(ROOT, pkg, 'test'));
  for (const sg of fs.readdirSync(path.join(ROOT, 'subgraphs'))) dirs.push(path.join(ROOT, 'subgraphs', sg, 'test'));
  return dirs.flatMap(filesUnder);
}

// Spelled in pieces so that this file does not match itself.
const SHARED = new RegExp(['\\.\\.', 'shared'].join('/'));
const MACHINE_PATH = new RegExp(
  `['"\`](/(?:${['usr', 'opt', 'home', 'work', 'root', 'etc', 'var', 'srv', 'mnt', 'media', 'snap'].join('|')})/)`,
);
const DIRNAME_RELATIVE = /(?:resolve|join)\(\s*__dirname\s*,\s*(['"`])([^'"`]+)\1/g;

export function outsideReferences(file: string, text: string): string[] {
  const found: string[] = [];
  const rel = path.relative(ROOT, file);
  text.split('\n').forEach((line, i) => {
    const at = `${rel}:${i + 1}`;
    if (SHARED.test(line)) found.push(`${at} refers to the workspace's shared folder`);
    const abs = MACHINE_PATH.exec(line);
    if (abs) found.push(`${at} names the machine path ${abs[1]}`);
    for (const m of line.matchAll(DIRNAME_RELATIVE)) {
      const target = path.resolve(path.dirname(file), m[2]);
      if (path.relative(ROOT, target).startsWith('..')) found.push(`${at} resolves ${m[2]} outside the repository`);
    }
  });
  return found;
}

describe('the test suite is self-contained', () => {
  const files = testAndScriptFiles();

  it('finds the test files it checks', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files).toContain(path.join(ROOT, 'test', 'hsds', 'hsds.test.ts'));
  });

  it('has no test or script that reads outside the repository', () => {
    const self = path.join(ROOT, 'test', 'self-contained.test.ts');
    const offences = files.filter((f) => f !== self).flatMap((f) => outsideReferences(f, fs.readFileSync(f, 'utf8')));
    expect(offences).toEqual([]);
  });

  it('catches each kind of outside reference', () => {
    const file = path.join(ROOT, 'test', 'hsds', 'x.test.ts');
    const up = ['..', '..', '..', 'shared', 'standards'].join('/');
    expect(outsideReferences(file, `const A = path.resolve(__dirname, '${up}');`)).toHaveLength(2);
    expect(outsideReferences(file, `launch({ executablePath: '${'/usr'}/bin/chromium' })`)).toEqual([expect.stringContaining('/usr/')]);
    expect(outsideReferences(file, `path.join(__dirname, '../../../elsewhere')`)).toEqual([
      expect.stringContaining('outside the repository'),
    ]);
    expect(outsideReferences(file, `path.join(__dirname, '../fixtures/standards/hsds')`)).toEqual([]);
    expect(outsideReferences(file, `fetch('http://localhost:4000/graphql')`)).toEqual([]);
  });

  it('keeps each copied standard with its licence', () => {
    const fixtures = path.join(ROOT, 'test', 'fixtures', 'standards');
    expect(fs.existsSync(path.join(fixtures, 'README.md'))).toBe(true);
    expect(fs.readFileSync(path.join(fixtures, 'hsds', 'LICENSE'), 'utf8')).toMatch(/Creative Commons Attribution Share-Alike 4\.0/);
    expect(fs.readFileSync(path.join(fixtures, 'oneroster', 'COPYING'), 'utf8')).toMatch(/GNU GENERAL PUBLIC LICENSE\s+Version 3/);
  });
});
