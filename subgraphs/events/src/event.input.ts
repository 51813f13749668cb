import { Imperative } from '@c2c/kernel';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { EngagementLevel } from './engagement-level.enum';
import { EventType } from './event-type.enum';

/**
 * One event as a partner reports it. The same shape creates and replaces an event; the
 * organisation is never part of it: it is always the caller's own.
 */
@InputType({
  description:
    'The fields of one event (the Imperative #2 data share fields). Every field is validated; nothing is written if one is wrong.',
})
export class EventInput {
  @Field({ description: 'Title of the event, 1–200 characters.' })
  title: string;

  @Field({ description: 'Date of the event, YYYY-MM-DD: a real calendar date from 2000-01-01 to at most one year from today.' })
  date: string;

  @Field(() => EventType, { description: 'Kind of activity.' })
  type: EventType;

  @Field(() => String, { nullable: true, description: 'What happened, up to 4000 characters. Null or blank for none.' })
  description?: string | null;

  @Field({ description: 'Street address, 1–200 characters.' })
  street: string;

  @Field({ description: 'City, 1–100 characters.' })
  city: string;

  @Field({ description: 'Five-digit ZIP code.' })
  zip: string;

  @Field({ description: 'Who the event was for, 1–200 characters.' })
  targetAudience: string;

  @Field(() => EngagementLevel, { description: 'How deeply participants engaged.' })
  engagementLevel: EngagementLevel;

  @Field(() => Int, { description: 'Number of attendees, 0–100000.' })
  attendees: number;

  @Field(() => Imperative, { nullable: true, description: 'Imperative the event is reported under; EARLY_CHILDHOOD when omitted.' })
  imperative?: Imperative | null;
}

@ArgsType()
export class UpdateEventArgs {
  @Field(() => ID, { description: 'Event id.' })
  id: string;

  @Field(() => EventInput, { description: 'The new values of every field.' })
  input: EventInput;
}
