// Used by lint-rules.test.ts: lints synthetic code with the repository's own ESLint config and
// resolves Prettier's, then prints the results as JSON. It runs in a child process because both
// load their config through import(), which jest's module sandbox does not allow.
//
//   stdin:  { "lint": [{ "code": "…", "filePath": "subgraphs/events/src/foo.ts" }], "prettier": ["kernel/src/index.ts"] }
//   stdout: { "lint": [[{ ruleId, messageId, message, severity, fatal }]], "prettier": [{ config, ignored }] }
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';

const root = path.resolve(import.meta.dirname, '..');
const request = JSON.parse(fs.readFileSync(0, 'utf8'));

const eslint = new ESLint({ cwd: root });
const lint = [];
for (const { code, filePath } of request.lint ?? []) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  lint.push(result.messages.map(({ ruleId, messageId, message, severity, fatal }) => ({ ruleId, messageId, message, severity, fatal })));
}

const ignorePath = [path.join(root, '.gitignore'), path.join(root, '.prettierignore')];
const prettierResults = [];
for (const file of request.prettier ?? []) {
  const absolute = path.join(root, file);
  const config = await prettier.resolveConfig(absolute);
  const { ignored } = await prettier.getFileInfo(absolute, { ignorePath });
  prettierResults.push({ config, ignored });
}

process.stdout.write(JSON.stringify({ lint, prettier: prettierResults }));
