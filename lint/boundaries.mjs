// The hub's layering, as one ESLint rule (`c2c/boundaries`), used by eslint.config.mjs.
//
//   kernel  <-  subgraphs/<name>  <-  gateway, cli        demo, testing: for the CLI and tests only
//
// Off-the-shelf rules do not cover it: `no-restricted-imports` matches the import's text, so it
// cannot tell `../../referrals/src` (another subgraph) from `../referrals` (a folder of one's own),
// and `import-x/no-restricted-paths` resolves the import first, so it says nothing about a
// package that does not resolve (a workspace not yet linked). This rule needs neither: a
// relative import is resolved as a path (no file system), a package import is read by its name.
//
// Checked per file, by where the file is in the repository:
//   - any file under subgraphs/<a>/ must not import subgraph <b> (`@c2c/<b>` or a path into
//     subgraphs/<b>/), b != a;
//   - kernel/src must not import a subgraph, the gateway or the CLI (`c2c`);
//   - production code (kernel/src, subgraphs/*/src, gateway/src) must not import the demo
//     data set (`@c2c/demo`, demo/), test support (`@c2c/testing`, testing/), or anything in a
//     test/ folder.
// Each import is reported once, with the first of these that it breaks.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SUBGRAPHS = ['partners', 'resources', 'referrals', 'events', 'students'];
const TOP_LEVEL_PACKAGES = ['kernel', 'gateway', 'cli', 'demo', 'testing'];
const PACKAGE_NAMES = { c2c: 'cli', '@c2c/kernel': 'kernel', '@c2c/gateway': 'gateway', '@c2c/demo': 'demo', '@c2c/testing': 'testing' };
for (const name of SUBGRAPHS) PACKAGE_NAMES[`@c2c/${name}`] = name;

const posix = (p) => p.split(path.sep).join('/');

/** Where a file or import target lies: its package ('kernel', 'events', 'cli', …) and whether it is production source. */
function placeOf(relative) {
  const seg = relative.split('/');
  if (seg[0] === 'subgraphs' && SUBGRAPHS.includes(seg[1])) return { pkg: seg[1], src: seg[2] === 'src', seg };
  if (TOP_LEVEL_PACKAGES.includes(seg[0])) return { pkg: seg[0], src: seg[1] === 'src', seg };
  return { pkg: null, src: false, seg };
}

/** What an import specifier points at, or null for a third-party package or a path outside the repository. */
function targetOf(spec, filename) {
  if (spec.startsWith('.') || path.isAbsolute(spec)) {
    const relative = posix(path.relative(ROOT, path.resolve(path.dirname(filename), spec)));
    if (relative.startsWith('..')) return null;
    const place = placeOf(relative);
    return { pkg: place.pkg, inTestFolder: place.seg.includes('test') };
  }
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  const pkg = PACKAGE_NAMES[name];
  return pkg ? { pkg, inTestFolder: false } : null;
}

const PRODUCTION = ['kernel', 'gateway', ...SUBGRAPHS];
const ABOVE_KERNEL = ['gateway', 'cli', ...SUBGRAPHS];

function violation(home, target) {
  if (!target) return null;
  const homeIsSubgraph = SUBGRAPHS.includes(home.pkg);
  if (homeIsSubgraph && SUBGRAPHS.includes(target.pkg) && target.pkg !== home.pkg) return 'crossSubgraph';
  if (!home.src || !PRODUCTION.includes(home.pkg)) return null;
  if (home.pkg === 'kernel' && ABOVE_KERNEL.includes(target.pkg)) return 'kernelImportsUpward';
  if (target.pkg === 'demo') return 'productionImportsDemo';
  if (target.pkg === 'testing') return 'productionImportsTesting';
  if (target.inTestFolder) return 'productionImportsTestFolder';
  return null;
}

const describeTarget = (pkg) => (SUBGRAPHS.includes(pkg) ? `the ${pkg} subgraph` : pkg === 'cli' ? 'the CLI' : `the ${pkg}`);

const boundaries = {
  meta: {
    type: 'problem',
    docs: {
      description: "Enforce the hub's layering: kernel <- subgraphs <- gateway/CLI; demo and test support stay out of production code",
    },
    schema: [],
    messages: {
      crossSubgraph:
        "'{{spec}}' is {{target}}, imported from the {{home}} subgraph: a subgraph never imports another subgraph — share code through the kernel (@c2c/kernel) and join data through federation.",
      kernelImportsUpward:
        "'{{spec}}' is {{target}}, imported from the kernel: the kernel is the bottom layer and never imports what is built on it — move the shared piece into the kernel.",
      productionImportsDemo:
        "'{{spec}}' is the demo data set, imported from production code ({{file}}): demo data is seeded by the CLI and used by tests only, so it must never be reachable from kernel/src, subgraphs/*/src or gateway/src.",
      productionImportsTesting:
        "'{{spec}}' is test support, imported from production code ({{file}}): @c2c/testing is for tests only, so production code (kernel/src, subgraphs/*/src, gateway/src) never depends on it.",
      productionImportsTestFolder:
        "'{{spec}}' is in a test/ folder, imported from production code ({{file}}): test code never ships — move what production needs into src/.",
    },
  },
  create(context) {
    const filename = context.physicalFilename ?? context.filename;
    const relative = posix(path.relative(ROOT, filename));
    if (relative.startsWith('..')) return {};
    const home = placeOf(relative);
    if (!home.pkg) return {};

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const target = targetOf(spec, filename);
      const messageId = violation(home, target);
      if (messageId)
        context.report({ node, messageId, data: { spec, target: describeTarget(target.pkg), home: home.pkg, file: relative } });
    }
    const literal = (node) =>
      node?.type === 'Literal'
        ? node.value
        : node?.type === 'TemplateLiteral' && node.expressions.length === 0
          ? node.quasis[0].value.cooked
          : undefined;

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ImportExpression: (node) => check(node.source, literal(node.source)),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length > 0)
          check(node.arguments[0], literal(node.arguments[0]));
      },
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type === 'TSExternalModuleReference')
          check(node.moduleReference.expression, literal(node.moduleReference.expression));
      },
      TSImportType(node) {
        const source = node.source ?? node.argument?.literal;
        check(source, literal(source));
      },
    };
  },
};

export default { meta: { name: 'c2c' }, rules: { boundaries } };
