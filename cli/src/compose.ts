import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { buildSubgraph, DEFAULT_PORTS } from '@c2c/kernel';
import { parse } from 'graphql';
import { SUBGRAPH_DEFINITIONS } from './subgraphs';

export const SCHEMA_DIR = path.resolve(__dirname, '..', '..', 'schema');

export interface EmittedSchema {
  subgraphs: { name: string; sdl: string }[];
  supergraph: string;
}

/** Builds each subgraph's SDL from code and composes the supergraph, offline. */
export async function emitSchema(): Promise<EmittedSchema> {
  const subgraphs = [];
  for (const def of SUBGRAPH_DEFINITIONS) subgraphs.push({ name: def.name, sdl: (await buildSubgraph(def)).sdl });
  const result = composeServices(
    subgraphs.map((s) => ({
      name: s.name,
      typeDefs: parse(s.sdl),
      // Defaults only: the gateway (or a router) maps each subgraph to its real URL.
      url: `http://localhost:${DEFAULT_PORTS[s.name]}/graphql`,
    })),
  );
  if (result.errors?.length) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => ` - ${e.message}`).join('\n')}`);
  }
  return { subgraphs, supergraph: result.supergraphSdl! };
}

export function schemaFiles(emitted: EmittedSchema): Record<string, string> {
  const files: Record<string, string> = {};
  for (const s of emitted.subgraphs) files[`${s.name}.graphql`] = `${s.sdl.trim()}\n`;
  files['supergraph.graphql'] = `${emitted.supergraph.trim()}\n`;
  return files;
}

export function writeSchemaFiles(emitted: EmittedSchema, dir = SCHEMA_DIR): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return Object.entries(schemaFiles(emitted)).map(([file, text]) => {
    fs.writeFileSync(path.join(dir, file), text);
    return path.join(dir, file);
  });
}
