import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm ci` installs exactly the committed lock and refuses it when it disagrees with a
 * package.json or lacks a platform's optional package. `npm ci --dry-run` does not notice either
 * (checked: it prints "up to date" after a dependency is added to package.json), so this test does.
 */
const ROOT = path.resolve(__dirname, '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const lock = readJson('package-lock.json');
const root = readJson('package.json');
const KINDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

describe('package-lock.json matches the package.json files', () => {
  it('is a version 3 lock', () => expect(lock.lockfileVersion).toBe(3));

  it.each(['', ...(root.workspaces as string[])])('records the declared dependencies of %s exactly', (ws) => {
    const pkg = readJson(path.join(ws, 'package.json'));
    const locked = lock.packages[ws];
    expect(locked).toBeDefined();
    for (const kind of KINDS) expect({ kind, deps: locked[kind] ?? {} }).toEqual({ kind, deps: pkg[kind] ?? {} });
    if (ws) expect(lock.packages[`node_modules/${pkg.name}`]).toEqual({ resolved: ws, link: true });
  });

  it("lists every platform's optional packages, so npm ci on another OS or CPU finds them", () => {
    const names = new Set(Object.keys(lock.packages).map((p) => p.slice(p.lastIndexOf('node_modules/') + 'node_modules/'.length)));
    const missing: string[] = [];
    let optional = 0;
    for (const [where, entry] of Object.entries<Record<string, Record<string, string>>>(lock.packages)) {
      for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
        optional++;
        if (!names.has(dep)) missing.push(`${dep} (optional for ${where})`);
      }
    }
    expect(optional).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
