import * as testing from '@c2c/testing';
import { events } from '@c2c/events';
import { Event } from '../src/event.entity';
import { addYears, todayUtc } from '../src/iso-date.logic';
import { otherPartner, outsiders, owner, ownerStaff, rowOutsiders, seededEventsOf, universe } from './support';

const FIELDS =
  'id title date type description street city zip targetAudience engagementLevel attendees imperative organization { id } createdAt updatedAt';
const CREATE = `mutation($input: EventInput!) { createEvent(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: EventInput!) { updateEvent(id: $id, input: $input) { ${FIELDS} } }`;
const DELETE = `mutation($id: ID!) { deleteEvent(id: $id) }`;

const valid = {
  title: '  Family Literacy Night  ',
  date: '2026-10-15',
  type: 'WORKSHOP',
  description: 'Reading strategies for parents of children 0-5.',
  street: '4100 Woodward Ave',
  city: 'Detroit',
  zip: '48201',
  targetAudience: 'Parents and caregivers',
  engagementLevel: 'LEVEL_ONE',
  attendees: 24,
};

describe('events subgraph: recording events', () => {
  let sg: testing.TestSubgraph;
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(events, { seed: true });
  });
  afterAll(() => sg.close());

  const count = () => sg.em().count(Event, {});
  const row = (id: string) => sg.em().findOne(Event, id);

  describe('createEvent', () => {
    it('records an event for the caller’s own organisation, trimmed, early childhood by default', async () => {
      const before = await count();
      const res = await sg.exec(CREATE, { input: valid }, ownerStaff);
      expect(res.errors).toBeUndefined();
      const created = res.data!.createEvent;
      expect(created).toMatchObject({
        ...valid,
        title: 'Family Literacy Night',
        imperative: 'EARLY_CHILDHOOD',
        organization: { id: owner.id },
      });
      expect(await count()).toBe(before + 1);
      const stored = await row(created.id);
      expect(stored).toMatchObject({
        organizationId: owner.id,
        title: 'Family Literacy Night',
        date: '2026-10-15',
        attendees: 24,
        zip: '48201',
      });
      // And it is now one of the organisation's events.
      const list = await sg.exec(`{ events(first: 100) { totalCount edges { node { id } } } }`, {}, ownerStaff);
      expect(list.data!.events.totalCount).toBe(seededEventsOf(owner.id).length + 1);
      expect(list.data!.events.edges.map((e: any) => e.node.id)).toContain(created.id);
    });

    it('takes the organisation from the token, not from anything the caller sends', async () => {
      const res = await sg.exec(CREATE, { input: { ...valid, organizationId: otherPartner.id } }, ownerStaff);
      // The input type has no organisation field at all.
      expect(res.errors?.[0].message).toMatch(/organizationId/);
      expect(res.data ?? null).toBeNull();
    });

    it.each(outsiders.slice(1))('refuses %s and writes nothing', async (_who, viewer, code) => {
      const before = await count();
      const res = await sg.exec(CREATE, { input: valid }, viewer);
      expect(res.data).toEqual({ createEvent: null });
      expect(res.errors?.[0].extensions?.code).toBe(code);
      expect(await count()).toBe(before);
    });

    const tooFar = addYears(todayUtc(), 2);
    const invalid: [string, Record<string, unknown>, string][] = [
      ['a blank title', { title: '   ' }, 'input.title'],
      ['a title over 200 characters', { title: 'x'.repeat(201) }, 'input.title'],
      ['a title with a NUL character', { title: 'Family\u0000Night' }, 'input.title'],
      ['a date that does not exist', { date: '2026-02-30' }, 'input.date'],
      ['a month that does not exist', { date: '2026-13-01' }, 'input.date'],
      ['a date in another format', { date: '10/15/2026' }, 'input.date'],
      ['a date more than a year ahead', { date: tooFar }, 'input.date'],
      ['a date before 2000', { date: '1999-12-31' }, 'input.date'],
      ['a description over 4000 characters', { description: 'x'.repeat(4001) }, 'input.description'],
      ['a blank street', { street: '' }, 'input.street'],
      ['a city over 100 characters', { city: 'x'.repeat(101) }, 'input.city'],
      ['a four-digit zip', { zip: '4820' }, 'input.zip'],
      ['a ZIP+4', { zip: '48201-1234' }, 'input.zip'],
      ['letters in the zip', { zip: 'abcde' }, 'input.zip'],
      ['a blank target audience', { targetAudience: ' ' }, 'input.targetAudience'],
      ['negative attendees', { attendees: -1 }, 'input.attendees'],
      ['more than 100000 attendees', { attendees: 100001 }, 'input.attendees'],
    ];

    it.each(invalid)('rejects %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, change, field) => {
      const before = await count();
      const res = await sg.exec(CREATE, { input: { ...valid, ...change } }, ownerStaff);
      expect(res.data).toEqual({ createEvent: null });
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await count()).toBe(before);
    });

    it('accepts the edges of every range', async () => {
      const edge = { ...valid, title: 'x'.repeat(200), date: addYears(todayUtc(), 1), attendees: 100000, description: '   ' };
      const res = await sg.exec(CREATE, { input: edge }, ownerStaff);
      expect(res.errors).toBeUndefined();
      expect(res.data!.createEvent).toMatchObject({ title: 'x'.repeat(200), attendees: 100000, description: null });
      const zero = await sg.exec(CREATE, { input: { ...valid, attendees: 0, date: '2000-01-01', imperative: 'K12' } }, ownerStaff);
      expect(zero.data!.createEvent).toMatchObject({ attendees: 0, date: '2000-01-01', imperative: 'K12' });
    });

    it('rejects values outside the enums before the resolver runs', async () => {
      const before = await count();
      for (const change of [{ type: 'PARTY' }, { engagementLevel: 'LEVEL_THREE' }, { imperative: 'SPACE' }]) {
        const res = await sg.exec(CREATE, { input: { ...valid, ...change } }, ownerStaff);
        expect(res.data ?? null).toBeNull();
        expect(res.errors?.[0].message).toContain(Object.values(change)[0]);
      }
      expect(await count()).toBe(before);
    });
  });

  describe('updateEvent', () => {
    it('replaces every field of the organisation’s own event', async () => {
      const target = seededEventsOf(owner.id)[2];
      const before = await row(target.id);
      const res = await sg.exec(UPDATE, { id: target.id, input: { ...valid, description: null, attendees: 31 } }, ownerStaff);
      expect(res.errors).toBeUndefined();
      expect(res.data!.updateEvent).toMatchObject({
        id: target.id,
        title: 'Family Literacy Night',
        description: null,
        attendees: 31,
        organization: { id: owner.id },
      });
      const after = await row(target.id);
      expect(after).toMatchObject({ organizationId: owner.id, title: 'Family Literacy Night', attendees: 31, description: null });
      expect(after!.updatedAt.getTime()).toBeGreaterThanOrEqual(before!.updatedAt.getTime());
      expect(after!.createdAt.getTime()).toBe(before!.createdAt.getTime());
    });

    it.each(rowOutsiders)('refuses %s on the owner’s event and changes nothing', async (_who, viewer, code) => {
      const target = seededEventsOf(owner.id)[3];
      const res = await sg.exec(UPDATE, { id: target.id, input: valid }, viewer);
      expect(res.data).toEqual({ updateEvent: null });
      expect(res.errors?.[0].extensions?.code).toBe(code);
      expect(await row(target.id)).toMatchObject({ title: target.title, attendees: target.attendees, date: target.date });
    });

    it('refuses another organisation even when the input is also wrong: the input of a foreign row is never examined', async () => {
      const target = seededEventsOf(owner.id)[3];
      const res = await sg.exec(
        UPDATE,
        { id: target.id, input: { ...valid, zip: 'nope' } },
        testing.viewerFor('partner_staff', otherPartner.id),
      );
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('rejects bad input on its own event and changes nothing', async () => {
      const target = seededEventsOf(owner.id)[4];
      const res = await sg.exec(UPDATE, { id: target.id, input: { ...valid, title: 'Changed', attendees: 100001 } }, ownerStaff);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.attendees' });
      expect(await row(target.id)).toMatchObject({ title: target.title, attendees: target.attendees });
    });

    it('answers NOT_FOUND for an unknown event', async () => {
      const res = await sg.exec(UPDATE, { id: '00000000-0000-4000-8000-000000000000', input: valid }, ownerStaff);
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('deleteEvent', () => {
    it.each(rowOutsiders)('refuses %s and keeps the row', async (_who, viewer, code) => {
      const target = seededEventsOf(owner.id)[5];
      const res = await sg.exec(DELETE, { id: target.id }, viewer);
      expect(res.data).toEqual({ deleteEvent: null });
      expect(res.errors?.[0].extensions?.code).toBe(code);
      expect(await row(target.id)).not.toBeNull();
    });

    it('deletes the organisation’s own event', async () => {
      const target = seededEventsOf(owner.id)[5];
      const before = await count();
      const res = await sg.exec(DELETE, { id: target.id }, ownerStaff);
      expect(res).toEqual({ data: { deleteEvent: target.id } });
      expect(await row(target.id)).toBeNull();
      expect(await count()).toBe(before - 1);
      const again = await sg.exec(`query($id: ID!) { event(id: $id) { id } }`, { id: target.id }, ownerStaff);
      expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('leaves other organisations’ events alone', async () => {
      const others = universe.events.filter((e) => e.organizationId !== owner.id).map((e) => e.id);
      expect(await sg.em().count(Event, { id: { $in: others } })).toBe(others.length);
    });
  });
});
