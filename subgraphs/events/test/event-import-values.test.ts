import {
  attendeesOf,
  audienceOf,
  dateOf,
  engagementLevelOf,
  eventTypeOf,
  fieldOfHeader,
  parseColumnMap,
  RowProblem,
  zipOf,
} from '../src/event-import-values.logic';

/** The spellings partners use, value by value, and what each becomes or why it is refused. */
describe('event import: headers and values as partners write them', () => {
  it.each([
    ['Event Title', 'title'],
    ['  DATE OF EVENT ', 'date'],
    ['Date-of-Event', 'date'],
    ['Type of Event', 'type'],
    ['Zip Code', 'zip'],
    ['ZIP+4', 'zip'],
    ['zip_code', 'zip'],
    ['# of attendees', 'attendees'],
    ['No. of Attendees', 'attendees'],
    ['Audience', 'targetAudience'],
    ['targetAudience', 'targetAudience'],
    ['Engagement Level', 'engagementLevel'],
    ['Street Address', 'street'],
    ['Internal notes', null],
  ])('header %j is %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it('an explicit mapping wins over the variants, and an unknown field is refused', () => {
    const map = parseColumnMap('Where=street, Event=description,Heads=attendees');
    expect(fieldOfHeader('where', map)).toBe('street');
    expect(fieldOfHeader('EVENT', map)).toBe('description');
    expect(() => parseColumnMap('Where=colour')).toThrow(/Unknown field "colour"/);
    expect(() => parseColumnMap('Where')).toThrow(/must be Column=field/);
  });

  it.each([
    ['touch point', 'TOUCHPOINT'],
    ['Touchpoint', 'TOUCHPOINT'],
    ['Level 1', 'LEVEL_ONE'],
    ['level one', 'LEVEL_ONE'],
    ['L1', 'LEVEL_ONE'],
    ['Lvl. 2', 'LEVEL_TWO'],
    ['L2', 'LEVEL_TWO'],
    ['Level II', 'LEVEL_TWO'],
    ['DYC', 'DAY_OF_THE_YOUNG_CHILD'],
    ['Day of the Young Child', 'DAY_OF_THE_YOUNG_CHILD'],
    ['LEVEL_TWO', 'LEVEL_TWO'],
  ])('engagement level %j is %s', (text, level) => {
    expect(engagementLevelOf(text)).toBe(level);
  });

  it.each([
    ['Parents & families', 'Parent/family'],
    ['Parent/Family', 'Parent/family'],
    ['Parents and children', 'Parent/family and child'],
    ['Families w/ kids', 'Parent/family and child'],
    ['Caregivers', 'Caregivers'],
    ['Teachers / educators', 'Teachers/educators'],
    ['Child care directors', 'Directors/owners'],
  ])('audience %j is %s', (text, audience) => {
    expect(audienceOf(text)).toBe(audience);
  });

  it.each([
    ['2026-03-05', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['3/5/2026', '2026-03-05'],
    ['03-05-26', '2026-03-05'],
    ['March 5, 2026', '2026-03-05'],
    ['Thursday, March 5, 2026', '2026-03-05'],
    ['5 March 2026', '2026-03-05'],
    ['Mar. 5th, 2026', '2026-03-05'],
    ['46086', '2026-03-05'],
    ['46086.5', '2026-03-05'],
  ])('date %j is %s', (text, date) => {
    expect(dateOf(text)).toBe(date);
  });

  it.each([
    ['2026-02-30', /not a real calendar date/],
    ['13/01/2026', /not a real calendar date/],
    ['next Tuesday', /is not a date/],
    ['12', /is a number, not a date from 2000 to 2099/],
  ])('date %j is refused', (text, why) => {
    expect(() => dateOf(text)).toThrow(RowProblem);
    expect(() => dateOf(text)).toThrow(why);
  });

  it.each([
    ['48201', '48201'],
    ['48201-1234', '48201'],
    ['482011234', '48201'],
    ['2134', '02134'],
  ])('zip %j is %s', (text, zip) => {
    expect(zipOf(text)).toBe(zip);
  });

  it.each(['4820x', '00000', 'Detroit', '48201-12'])('zip %j is refused', (text) => {
    expect(() => zipOf(text)).toThrow(RowProblem);
  });

  it.each([
    ['24', 24],
    [' 1,200 ', 1200],
    ['30.0', 30],
  ])('attendees %j is %d', (text, n) => {
    expect(attendeesOf(text, 100000)).toBe(n);
  });

  it.each([
    ['-5', /is negative/],
    ['12.5', /not a whole number/],
    ['about 20', /not a whole number/],
    ['100001', /more than 100000/],
  ])('attendees %j is refused', (text, why) => {
    expect(() => attendeesOf(text, 100000)).toThrow(why);
  });

  it.each([
    ['Play group', 'PLAYGROUP'],
    ['home visits', 'HOME_VISIT'],
    ['Resource Fair', 'RESOURCE_FAIR'],
    ['community event', 'COMMUNITY_EVENT'],
  ])('type %j is %s', (text, type) => {
    expect(eventTypeOf(text)).toBe(type);
  });
});
