import { ArgsType, Field, Int, ObjectType, Directive, type ClassType } from 'type-graphql';
import { badInput } from './errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@Directive('@shareable')
@ObjectType({ description: 'Where a page sits in its list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page.' })
  hasNextPage: boolean;

  @Field({ description: 'True when items precede this page.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item on this page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item on this page; pass it as `after` for the next page.' })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many items to return (1–${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}).` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (from `pageInfo.endCursor`).' })
  after?: string;
}

export interface Page {
  offset: number;
  limit: number;
}

export const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

/** Turns `first`/`after` into a bounded offset window, rejecting what cannot be served. */
export function pageWindow(args: PageArgs): Page {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, { field: 'first' });
  }
  let offset = 0;
  if (args.after) {
    const decoded = /^o:(\d{1,9})$/.exec(Buffer.from(args.after, 'base64url').toString());
    if (!decoded) throw badInput('after is not a cursor from this list', { field: 'after' });
    offset = Number(decoded[1]) + 1;
  }
  return { offset, limit: first };
}

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  totalCount: number;
}

export function connectionOf<T>(items: T[], totalCount: number, page: Page): ConnectionShape<T> {
  const edges = items.map((node, i) => ({ node, cursor: encodeCursor(page.offset + i) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: page.offset + items.length < totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Pages a list already in memory (a batched one-to-many load). */
export function connectionFromArray<T>(all: T[], args: PageArgs): ConnectionShape<T> {
  const page = pageWindow(args);
  return connectionOf(all.slice(page.offset, page.offset + page.limit), all.length, page);
}

/** Declares `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a ${name}Connection, with its cursor.` })
  class Edge {
    @Field(() => nodeType, { description: `The ${name}.` })
    node: T;

    @Field({ description: 'Opaque cursor of this item; pass it as `after` to continue after it.' })
    cursor: string;
  }

  @ObjectType(`${name}Connection`, { description })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The items of this page.' })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Number of items in the whole list, across all pages.' })
    totalCount: number;
  }
  return ConnectionType;
}
