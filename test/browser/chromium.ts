import fs from 'node:fs';
import path from 'node:path';

/** Names tried on PATH, in this order, when C2C_CHROMIUM is not set. */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome'] as const;

export const ENABLE_HINT =
  'install Chromium (Debian: apt-get install chromium) or set C2C_CHROMIUM=/path/to/chrome to run the browser tests';

export type ChromiumLookup =
  | { kind: 'found'; path: string }
  /** Nothing found and nothing demands a browser: the suite is skipped. */
  | { kind: 'skip'; reason: string }
  /** A browser was required (CI, C2C_REQUIRE_BROWSER=1) or C2C_CHROMIUM names no executable. */
  | { kind: 'fail'; reason: string };

function isExecutable(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the browser for the headless tests. An explicit C2C_CHROMIUM that is wrong is always an
 * error, never a silent skip: someone asked for that browser and would otherwise believe the suite ran.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const explicit = env.C2C_CHROMIUM;
  if (explicit) {
    return isExecutable(explicit)
      ? { kind: 'found', path: explicit }
      : { kind: 'fail', reason: `C2C_CHROMIUM=${explicit} is not an executable file` };
  }
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return { kind: 'found', path: candidate };
    }
  }
  const missing = `no Chromium found (C2C_CHROMIUM unset; none of ${CHROMIUM_NAMES.join(', ')} on PATH)`;
  if (env.CI || env.C2C_REQUIRE_BROWSER === '1') {
    const why = env.C2C_REQUIRE_BROWSER === '1' ? 'C2C_REQUIRE_BROWSER=1' : 'CI is set';
    return { kind: 'fail', reason: `${missing}, and ${why} so the browser tests must run: ${ENABLE_HINT}` };
  }
  return { kind: 'skip', reason: `browser tests skipped: ${missing}; ${ENABLE_HINT}` };
}
