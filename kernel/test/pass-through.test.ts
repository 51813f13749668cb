import 'reflect-metadata';
import { graphql } from 'graphql';
import { Directive, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { allow, deny, rule } from 'graphql-shield';
import { buildFederatedSchema } from '../src/federation';
import { allowedOutright, permissions } from '../src/authz';
import { PageInfo } from '../src/connection';

/*
 * Fields whose rule is `allow` and that only read a property run without the shield middleware
 * (federation.ts unwrapPassThrough); every other field keeps it, and deny by default holds.
 */
@ObjectType({ description: 'A thing.' })
@Directive('@key(fields: "id")')
class Thing {
  @Field(() => ID, { description: 'Id.' })
  id: string;

  @Field({ description: 'A plain property.' })
  label: string;

  @Field({ description: 'A property with its own rule.' })
  secret: string;

  @Field({ description: 'No rule at all: denied.' })
  unruled: string;

  @Field({ name: 'renamed', description: 'Its schema name is not its property name.' })
  inner: string;

  @Field({ description: 'Computed by a field resolver.' })
  shout: string;
}

@Resolver(() => Thing)
class ThingResolver {
  @Query(() => [Thing], { description: 'Things.' })
  things(): Thing[] {
    return [{ id: '1', label: 'a', secret: 's', unruled: 'u', inner: 'i', shout: '' }];
  }

  @FieldResolver(() => String, { description: 'Computed by a field resolver.' })
  shout(@Root() t: Thing) {
    return t.label.toUpperCase();
  }
}

const seen: string[] = [];
const watched = rule('watched', { cache: 'no_cache' })((_p, _a, _c, info) => {
  seen.push(info.fieldName);
  return true;
});

describe('pass-through fields', () => {
  const tree = {
    Query: { things: allow },
    Thing: { id: allow, label: allow, secret: watched, renamed: allow, shout: allow },
  };
  const build = () =>
    buildFederatedSchema({
      resolvers: [ThingResolver],
      orphanedTypes: [PageInfo],
      middleware: [permissions(tree)],
      passThrough: allowedOutright(tree),
    });

  it('reads allowed plain properties without middleware, and keeps it everywhere else', async () => {
    const { schema } = await build();
    const fields = (schema.getType('Thing') as any).getFields();
    expect(fields.id.resolve).toBeUndefined();
    expect(fields.label.resolve).toBeUndefined();
    // A rule that is not `allow`, a field resolver, a renamed property and an unruled field keep their wrappers.
    for (const name of ['secret', 'shout', 'renamed', 'unruled']) expect(fields[name].resolve).toBeInstanceOf(Function);
  });

  it('answers as before: rules still run where given, and a field without a rule is still denied', async () => {
    const { schema } = await build();
    seen.length = 0;
    const ok = await graphql({ schema, source: '{ things { id label secret renamed shout } }', contextValue: {} });
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toEqual({ things: [{ id: '1', label: 'a', secret: 's', renamed: 'i', shout: 'A' }] });
    expect(seen).toEqual(['secret']);
    const denied = await graphql({ schema, source: '{ things { unruled } }', contextValue: {} });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('treats a whole-type allow as allow for each field, and deny as nothing to pass through', () => {
    const outright = allowedOutright({ A: allow, B: deny, C: { x: allow, '*': deny } });
    expect(outright('A', 'anything')).toBe(true);
    expect(outright('B', 'anything')).toBe(false);
    expect(outright('C', 'x')).toBe(true);
    expect(outright('C', 'y')).toBe(false);
    expect(outright('D', 'x')).toBe(false);
    expect(outright('Query', '_entities')).toBe(true);
  });
});
