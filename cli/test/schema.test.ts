import fs from 'node:fs';
import path from 'node:path';
import { emitSchema, SCHEMA_DIR, schemaFiles } from '../src/compose';

/**
 * schema/ is the contract partner developers and other federation engines read. The build
 * fails when code and committed SDL drift, or when the subgraphs no longer compose.
 */
describe('committed schema', () => {
  let files: Record<string, string>;
  beforeAll(async () => {
    files = schemaFiles(await emitSchema());
  });

  it('composes, and the committed files match what the code emits (run `npm run schema` after a change)', () => {
    for (const [file, text] of Object.entries(files)) {
      const committed = path.join(SCHEMA_DIR, file);
      expect({ file, exists: fs.existsSync(committed) }).toEqual({ file, exists: true });
      expect({ file, sdl: fs.readFileSync(committed, 'utf8') }).toEqual({ file, sdl: text });
    }
  });

  it('declares the federation keys of the shared entities', () => {
    expect(files['partners.graphql']).toMatch(/type Organization @key\(fields: "id"\)/);
    expect(files['resources.graphql']).toMatch(/type Service @key\(fields: "id"\)/);
    expect(files['students.graphql']).toMatch(/type Student @key\(fields: "id"\)/);
    expect(files['supergraph.graphql']).toMatch(/@join__graph\(name: "students"/);
  });

  it('documents every type and field of the public API', () => {
    const sdl = files['supergraph.graphql'];
    const undocumented: string[] = [];
    const lines = sdl.split('\n');
    let typeName = '';
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const typeMatch = /^(type|input|enum|interface) (\w+)/.exec(line);
      if (typeMatch) {
        typeName = typeMatch[2];
        if (!typeName.startsWith('join__') && !typeName.startsWith('link__') && !lines[i - 1]?.trim().endsWith('"""') && !lines[i - 1]?.trim().startsWith('"')) {
          undocumented.push(typeName);
        }
        continue;
      }
      const field = /^ {2}(\w+)[(:]/.exec(line);
      if (field && typeName && !typeName.startsWith('join__') && !typeName.startsWith('link__')) {
        const prev = lines[i - 1]?.trim() ?? '';
        if (!prev.endsWith('"""') && !prev.startsWith('"')) undocumented.push(`${typeName}.${field[1]}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
