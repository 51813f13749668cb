import * as testing from '@c2c/testing';
import { events } from '@c2c/events';
import { GraphQLError, type GraphQLObjectType } from 'graphql';
import { Event } from '../src/event.entity';
import { contextFor, otherPartner, outsiders, owner, ownerStaff, partnerWithoutEvents, rowOutsiders, seededEventsOf } from './support';

const EVENT_FIELDS =
  'id title date type description street city zip targetAudience engagementLevel attendees imperative organization { id }';

describe('events subgraph: who reads event rows', () => {
  let sg: testing.TestSubgraph;
  const ownerEvents = seededEventsOf(owner.id);
  const target = ownerEvents[0];

  beforeAll(async () => {
    sg = await testing.createTestSubgraph(events, { seed: true });
  });
  afterAll(() => sg.close());

  const expectDenied = (res: any, path: (string | number)[], code: string) => {
    expect(res.data).not.toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0].extensions.code).toBe(code);
    expect(res.errors[0].path).toEqual(path);
    // Not a single value of the row leaks beside the error.
    expect(JSON.stringify(res.data)).not.toContain(target.id);
  };

  describe('event(id)', () => {
    const query = `query($id: ID!) { event(id: $id) { ${EVENT_FIELDS} } }`;

    it('gives the owning organisation’s staff every Imperative #2 field of the row', async () => {
      const res = await sg.exec(query, { id: target.id }, ownerStaff);
      expect(res.errors).toBeUndefined();
      expect(res.data!.event).toEqual({
        id: target.id,
        title: target.title,
        date: target.date,
        type: target.type,
        description: target.description,
        street: target.street,
        city: target.city,
        zip: target.zip,
        targetAudience: target.targetAudience,
        engagementLevel: target.engagementLevel,
        attendees: target.attendees,
        imperative: 'EARLY_CHILDHOOD',
        organization: { id: owner.id },
      });
    });

    it.each(rowOutsiders)('refuses %s', async (_who, viewer, code) => {
      const res = await sg.exec(query, { id: target.id }, viewer);
      expectDenied(res, ['event'], code);
      expect(res.data!.event).toBeNull();
    });

    it('answers NOT_FOUND for an unknown id, also one that is not a uuid', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        const res = await sg.exec(query, { id }, ownerStaff);
        expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
        expect(res.data).toEqual({ event: null });
      }
    });
  });

  describe('events (the caller’s own organisation)', () => {
    const query = `{ events(first: 100) { totalCount edges { node { id organization { id } } } } }`;

    it('lists exactly the owning organisation’s events for its staff', async () => {
      const res = await sg.exec(query, {}, ownerStaff);
      expect(res.errors).toBeUndefined();
      expect(res.data!.events.totalCount).toBe(ownerEvents.length);
      expect(res.data!.events.edges.map((e: any) => e.node.id)).toEqual(ownerEvents.map((e) => e.id));
      expect(new Set(res.data!.events.edges.map((e: any) => e.node.organization.id))).toEqual(new Set([owner.id]));
    });

    it('lists another partner’s own events to that partner, none of the owner’s', async () => {
      const res = await sg.exec(query, {}, testing.viewerFor('partner_staff', otherPartner.id));
      expect(res.errors).toBeUndefined();
      expect(res.data!.events.edges.map((e: any) => e.node.id)).toEqual(seededEventsOf(otherPartner.id).map((e) => e.id));
      expect(JSON.stringify(res.data)).not.toContain(target.id);
    });

    it('is an empty list for a partner without events', async () => {
      const res = await sg.exec(query, {}, testing.viewerFor('partner_staff', partnerWithoutEvents.id));
      expect(res.errors).toBeUndefined();
      expect(res.data!.events).toEqual({ totalCount: 0, edges: [] });
    });

    it.each(outsiders.slice(1))('refuses %s', async (_who, viewer, code) => {
      const res = await sg.exec(query, {}, viewer);
      expectDenied(res, ['events'], code);
      expect(res.data!.events).toBeNull();
    });

    it('refuses partner staff whose token names no organisation', async () => {
      const res = await sg.exec(query, {}, testing.viewerFor('partner_staff'));
      expectDenied(res, ['events'], 'FORBIDDEN');
    });
  });

  describe('Organization.events through _entities', () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id events(first: 100) { totalCount edges { node { id title } } } } } }`;
    const r = [{ __typename: 'Organization', id: owner.id }];

    it('lists the organisation’s events to its own staff', async () => {
      const res = await sg.exec(query, { r }, ownerStaff);
      expect(res.errors).toBeUndefined();
      const org = res.data!._entities[0];
      expect(org.id).toBe(owner.id);
      expect(org.events.totalCount).toBe(ownerEvents.length);
      expect(org.events.edges.map((e: any) => e.node.id)).toEqual(ownerEvents.map((e) => e.id));
    });

    it.each(outsiders)('refuses %s, keeping the organisation and nulling only its events', async (_who, viewer, code) => {
      const res = await sg.exec(query, { r }, viewer);
      expectDenied(res, ['_entities', 0, 'events'], code);
      expect(res.data!._entities).toEqual([{ id: owner.id, events: null }]);
    });
  });

  describe('Event through _entities', () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Event { ${EVENT_FIELDS} } } }`;
    const r = [{ __typename: 'Event', id: target.id }];

    it('resolves the row for the owning organisation’s staff', async () => {
      const res = await sg.exec(query, { r }, ownerStaff);
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities[0]).toMatchObject({
        id: target.id,
        title: target.title,
        attendees: target.attendees,
        organization: { id: owner.id },
      });
    });

    it.each(rowOutsiders)('answers %s with an error in place of the row', async (_who, viewer, code) => {
      const res = await sg.exec(query, { r }, viewer);
      expectDenied(res, ['_entities', 0], code);
      expect(res.data!._entities).toEqual([null]);
    });

    it('serves the caller’s rows and refuses the others in one request', async () => {
      const foreign = seededEventsOf(otherPartner.id)[0];
      const res = await sg.exec(
        query,
        {
          r: [
            { __typename: 'Event', id: target.id },
            { __typename: 'Event', id: foreign.id },
            { __typename: 'Event', id: ownerEvents[1].id },
          ],
        },
        ownerStaff,
      );
      expect(res.data!._entities.map((e: any) => e?.id ?? null)).toEqual([target.id, null, ownerEvents[1].id]);
      expect(res.errors!.map((e) => [e.path, e.extensions.code])).toEqual([[['_entities', 1], 'NOT_FOUND']]);
      expect(JSON.stringify(res.data)).not.toContain(foreign.id);
    });
  });

  describe('the rule on Event fields', () => {
    // Every entry point checks the row before returning it; this is the check that still holds
    // if one day a resolver hands a row to someone else.
    it('refuses each field of a row to anyone but its organisation’s staff', async () => {
      const row = await sg.em().findOneOrFail(Event, target.id);
      const fields = (sg.schema.getType('Event') as GraphQLObjectType).getFields();
      const info = (fieldName: string) => ({ fieldName, parentType: sg.schema.getType('Event'), schema: sg.schema }) as any;
      for (const name of ['id', 'title', 'date', 'attendees', 'organization']) {
        const own = await fields[name].resolve!(row, {}, contextFor(sg.em(), ownerStaff), info(name));
        expect(own).toEqual(name === 'organization' ? { id: owner.id } : (row as any)[name]);
        for (const [, viewer, code] of outsiders) {
          const denied = await fields[name].resolve!(row, {}, contextFor(sg.em(), viewer), info(name));
          expect(denied).toBeInstanceOf(GraphQLError);
          expect((denied as GraphQLError).extensions.code).toBe(code);
        }
      }
    });
  });
});
