import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The import rules of eslint.config.mjs fire where they should and only there: synthetic code
 * linted as if it sat at a real place in the repository. Production paths are files that exist
 * (each package's src/index.ts), because type-aware parsing finds a src/ file through its
 * tsconfig project on disk; test paths need not exist. ESLint and
 * Prettier run in a child process (test/lint-probe.mjs): they load their config with import(),
 * which jest's sandbox refuses.
 */
const ROOT = path.resolve(__dirname, '..');

interface LintMessage {
  ruleId: string | null;
  messageId?: string;
  message: string;
  severity: number;
  fatal?: boolean;
}
interface Case {
  code: string;
  filePath: string;
}

/** Two kernel/src files where the first imports a value from the second: linting the second with an import of the first closes a cycle. */
function kernelImportPair(): { importer: string; imported: string } {
  const dir = path.join(ROOT, 'kernel/src');
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const [, specifiers, imported] of text.matchAll(/^import \{([^}]*)\} from '\.\/([\w.-]+)';$/gm)) {
      const values = specifiers
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s && !s.startsWith('type '));
      if (values.length && fs.existsSync(path.join(dir, `${imported}.ts`))) return { importer: file.replace(/\.ts$/, ''), imported };
    }
  }
  throw new Error('kernel/src has no value import between two of its files to build a cycle from');
}
const pair = kernelImportPair();

const CASES = {
  crossSubgraphPackage: { filePath: 'subgraphs/events/src/index.ts', code: "import { x } from '@c2c/referrals';\nexport const y = x;\n" },
  crossSubgraphRelative: { filePath: 'subgraphs/events/src/index.ts', code: "import '../../referrals/src/index';\n" },
  crossSubgraphReexport: { filePath: 'subgraphs/events/src/index.ts', code: "export * from '@c2c/referrals';\n" },
  crossSubgraphFromTest: {
    filePath: 'subgraphs/events/test/foo.test.ts',
    code: "import { x } from '@c2c/referrals';\nexport const y = x;\n",
  },
  ownFolderNamedLikeASubgraph: {
    filePath: 'subgraphs/events/src/index.ts',
    code: "import { x } from './referrals';\nexport const y = x;\n",
  },
  demoInSubgraph: {
    filePath: 'subgraphs/events/src/index.ts',
    code: "import { demoUniverse } from '@c2c/demo';\nexport const u = demoUniverse;\n",
  },
  demoInGateway: { filePath: 'gateway/src/index.ts', code: "import { demoUniverse } from '@c2c/demo';\nexport const u = demoUniverse;\n" },
  demoInKernel: { filePath: 'kernel/src/index.ts', code: "import { demoUniverse } from '@c2c/demo';\nexport const u = demoUniverse;\n" },
  demoDynamicInGateway: { filePath: 'gateway/src/index.ts', code: "export const load = () => import('@c2c/demo');\n" },
  demoFolderRelative: {
    filePath: 'subgraphs/events/src/index.ts',
    code: "import { x } from '../../../demo/src/universe';\nexport const y = x;\n",
  },
  testingInSubgraph: {
    filePath: 'subgraphs/events/src/index.ts',
    code: "import { createTestSubgraph } from '@c2c/testing';\nexport const t = createTestSubgraph;\n",
  },
  testFolderInKernel: { filePath: 'kernel/src/index.ts', code: "import { x } from '../test/helpers';\nexport const y = x;\n" },
  demoAndTestingInSubgraphTest: {
    filePath: 'subgraphs/events/test/foo.test.ts',
    code: "import { demoUniverse } from '@c2c/demo';\nimport { createTestSubgraph } from '@c2c/testing';\nexport const used = [demoUniverse, createTestSubgraph];\n",
  },
  demoAndTestingInCli: {
    filePath: 'cli/src/commands/start.ts',
    code: "import { demoUniverse } from '@c2c/demo';\nimport { createTestSubgraph } from '@c2c/testing';\nexport const used = [demoUniverse, createTestSubgraph];\n",
  },
  kernelInSubgraph: {
    filePath: 'subgraphs/events/src/index.ts',
    code: "import { isUuid } from '@c2c/kernel';\nexport const check = isUuid;\n",
  },
  rootTestIntoSubgraph: {
    filePath: 'test/integration/foo.test.ts',
    code: "import { x } from '../../subgraphs/resources/src/index';\nexport const y = x;\n",
  },
  kernelImportsSubgraph: { filePath: 'kernel/src/index.ts', code: "import { x } from '@c2c/events';\nexport const y = x;\n" },
  kernelImportsCli: { filePath: 'kernel/src/index.ts', code: "import type { x } from 'c2c';\nexport type Y = x;\n" },
  cycleInKernel: {
    filePath: `kernel/src/${pair.imported}.ts`,
    code: `import * as importer from './${pair.importer}';\nexport const probe = importer;\n`,
  },
} satisfies Record<string, Case>;
type CaseName = keyof typeof CASES;

const PRETTIER_FILES = [
  'kernel/src/index.ts',
  'subgraphs/events/src/migrations/sqlite/Migration1.ts',
  'schema/supergraph.graphql',
  'README.md',
];

let lint: Record<CaseName, LintMessage[]>;
let prettierResults: { config: Record<string, unknown> | null; ignored: boolean }[];

beforeAll(() => {
  const names = Object.keys(CASES) as CaseName[];
  const out = execFileSync(process.execPath, [path.join(__dirname, 'lint-probe.mjs')], {
    cwd: ROOT,
    input: JSON.stringify({ lint: names.map((n) => CASES[n]), prettier: PRETTIER_FILES }),
    encoding: 'utf8',
    timeout: 110_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const parsed = JSON.parse(out) as { lint: LintMessage[][]; prettier: typeof prettierResults };
  lint = Object.fromEntries(names.map((n, i) => [n, parsed.lint[i]])) as typeof lint;
  prettierResults = parsed.prettier;
});

const byRule = (name: CaseName, ruleId: string) => lint[name].filter((m) => m.ruleId === ruleId);
const fatal = (name: CaseName) => lint[name].filter((m) => m.fatal || m.ruleId === null);

/** Exactly one c2c/boundaries error for the case, with this message id and a message giving the reason. */
function expectBoundary(name: CaseName, messageId: string, reason: string) {
  expect(fatal(name)).toEqual([]);
  const found = byRule(name, 'c2c/boundaries');
  expect(found).toEqual([expect.objectContaining({ messageId, severity: 2 })]);
  expect(found[0].message).toContain(reason);
}
function expectAllowed(name: CaseName) {
  expect(fatal(name)).toEqual([]);
  expect(byRule(name, 'c2c/boundaries')).toEqual([]);
}

describe('ESLint import rules', () => {
  describe('a subgraph never imports another subgraph', () => {
    const reason = 'a subgraph never imports another subgraph — share code through the kernel';
    it('by package name', () => expectBoundary('crossSubgraphPackage', 'crossSubgraph', reason));
    it('by a relative path into subgraphs/<other>/', () => expectBoundary('crossSubgraphRelative', 'crossSubgraph', reason));
    it('through a re-export', () => expectBoundary('crossSubgraphReexport', 'crossSubgraph', reason));
    it("from the subgraph's tests too", () => expectBoundary('crossSubgraphFromTest', 'crossSubgraph', reason));
    it('names the two subgraphs', () =>
      expect(byRule('crossSubgraphPackage', 'c2c/boundaries')[0].message).toMatch(/the referrals subgraph.*the events subgraph/));
    it('but a folder of its own named like another subgraph is fine', () => expectAllowed('ownFolderNamedLikeASubgraph'));
    it('and the kernel is what subgraphs share', () => expectAllowed('kernelInSubgraph'));
  });

  describe('production code does not import the demo data set or test support', () => {
    const demo = 'demo data is seeded by the CLI and used by tests only';
    it('@c2c/demo from a subgraph', () => expectBoundary('demoInSubgraph', 'productionImportsDemo', demo));
    it('@c2c/demo from the gateway', () => expectBoundary('demoInGateway', 'productionImportsDemo', demo));
    it('@c2c/demo from the kernel', () => expectBoundary('demoInKernel', 'productionImportsDemo', demo));
    it('@c2c/demo through import()', () => expectBoundary('demoDynamicInGateway', 'productionImportsDemo', demo));
    it('demo/ by a relative path', () => expectBoundary('demoFolderRelative', 'productionImportsDemo', demo));
    it('@c2c/testing from a subgraph', () =>
      expectBoundary('testingInSubgraph', 'productionImportsTesting', '@c2c/testing is for tests only'));
    it('a test/ folder', () => expectBoundary('testFolderInKernel', 'productionImportsTestFolder', 'test code never ships'));
    it("a subgraph's tests may use both", () => expectAllowed('demoAndTestingInSubgraphTest'));
    it('the CLI may use both', () => expectAllowed('demoAndTestingInCli'));
    it('repository tests may reach into a subgraph', () => expectAllowed('rootTestIntoSubgraph'));
  });

  describe('the kernel imports nothing built on it', () => {
    const reason = 'the kernel is the bottom layer';
    it('not a subgraph', () => expectBoundary('kernelImportsSubgraph', 'kernelImportsUpward', reason));
    it('not the CLI, even for types', () => expectBoundary('kernelImportsCli', 'kernelImportsUpward', reason));
  });

  it(`import cycles in production code fail (kernel/src/${pair.imported}.ts <-> ${pair.importer}.ts)`, () => {
    expect(fatal('cycleInKernel')).toEqual([]);
    expect(byRule('cycleInKernel', 'import-x/no-cycle')).toEqual([
      expect.objectContaining({ severity: 2, message: expect.stringContaining('Dependency cycle') }),
    ]);
  });
});

describe('Prettier', () => {
  it('resolves the agreed options for a .ts file', () => {
    expect(prettierResults[0]).toEqual({ config: { printWidth: 140, singleQuote: true, trailingComma: 'all' }, ignored: false });
  });
  it('leaves generated migrations and SDL, and the docs, alone', () => {
    expect(prettierResults.slice(1).map((r) => r.ignored)).toEqual([true, true, true]);
  });
});
