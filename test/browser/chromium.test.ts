import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findChromium } from './chromium';

describe('findChromium: which browser the browser suite uses, or why it skips or fails', () => {
  let root: string;
  const bin = (dir: string, name: string, mode = 0o755) => {
    fs.mkdirSync(path.join(root, dir), { recursive: true });
    const file = path.join(root, dir, name);
    fs.writeFileSync(file, '#!/bin/sh\n');
    fs.chmodSync(file, mode);
    return file;
  };
  const PATH = (...dirs: string[]) => dirs.map((d) => path.join(root, d)).join(path.delimiter);
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-chromium-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('takes C2C_CHROMIUM first, even when a browser is on PATH', () => {
    const explicit = bin('opt', 'my-chrome');
    bin('a', 'chromium');
    expect(findChromium({ C2C_CHROMIUM: explicit, PATH: PATH('a') })).toEqual({ kind: 'found', path: explicit });
  });

  it('fails, naming the path, when C2C_CHROMIUM points at a missing or non-executable file', () => {
    const missing = path.join(root, 'nope', 'chrome');
    const r = findChromium({ C2C_CHROMIUM: missing, PATH: '' });
    expect(r).toEqual({ kind: 'fail', reason: expect.stringContaining(missing) });
    const plain = bin('b', 'chrome', 0o644);
    expect(findChromium({ C2C_CHROMIUM: plain, PATH: '' }).kind).toBe('fail');
  });

  it('searches PATH for chromium, then chromium-browser, then google-chrome', () => {
    const chrome = bin('a', 'google-chrome');
    const browser = bin('b', 'chromium-browser');
    expect(findChromium({ PATH: PATH('a', 'b') })).toEqual({ kind: 'found', path: browser });
    const chromium = bin('c', 'chromium');
    expect(findChromium({ PATH: PATH('a', 'b', 'c') })).toEqual({ kind: 'found', path: chromium });
    expect(findChromium({ PATH: PATH('a') })).toEqual({ kind: 'found', path: chrome });
  });

  it('skips with a line saying how to enable the suite when nothing is found and nothing requires it', () => {
    bin('a', 'chromium', 0o644);
    const r = findChromium({ PATH: PATH('a') });
    expect(r.kind).toBe('skip');
    expect(r.kind === 'skip' && r.reason).toMatch(/C2C_CHROMIUM=/);
  });

  it('fails instead of skipping under CI or C2C_REQUIRE_BROWSER=1', () => {
    expect(findChromium({ PATH: '', CI: 'true' })).toEqual({ kind: 'fail', reason: expect.stringContaining('CI is set') });
    expect(findChromium({ PATH: '', C2C_REQUIRE_BROWSER: '1' })).toEqual({
      kind: 'fail',
      reason: expect.stringContaining('C2C_REQUIRE_BROWSER=1'),
    });
  });
});
