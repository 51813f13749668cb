import { Imperative } from '@c2c/kernel';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ServiceStatus } from './service-status.enum';

/**
 * Fields that are optional both when creating and when updating. On update, an omitted
 * field is left as it is and `null` clears it. type-graphql only copies fields from a
 * decorated parent; no resolver takes this class, so it never appears in the schema itself.
 */
@InputType('ServiceDetailsInput', { description: 'Fields shared by CreateServiceInput and UpdateServiceInput.' })
export abstract class ServiceDetailsInput {
  @Field(() => ServiceStatus, {
    nullable: true,
    description: 'Whether the service is currently delivered; a new service is ACTIVE unless told otherwise. Cannot be cleared.',
  })
  status?: ServiceStatus | null;

  @Field(() => String, { nullable: true, description: 'Who qualifies, in words (at most 2000 characters).' })
  eligibilityDescription?: string | null;

  @Field(() => Int, { nullable: true, description: 'Youngest age served, 0–120; at most `maximumAge`.' })
  minimumAge?: number | null;

  @Field(() => Int, { nullable: true, description: 'Oldest age served, 0–120; at least `minimumAge`.' })
  maximumAge?: number | null;

  @Field(() => String, { nullable: true, description: 'What it costs, in words (at most 500 characters).' })
  fees?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Languages the service is delivered in, as 2-letter lowercase ISO 639-1 codes (at most 20); send [] for none.',
  })
  languages?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Web page of the service: an http or https URL.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact email address.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact phone number (digits, spaces, `+ - ( ) .`, optional extension).' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Street address where the service is delivered.' })
  street?: string | null;

  @Field(() => String, { nullable: true, description: 'City where the service is delivered.' })
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'Two-letter uppercase state code.' })
  state?: string | null;

  @Field(() => String, { nullable: true, description: 'Five-digit ZIP code.' })
  zip?: string | null;

  @Field(() => Float, { nullable: true, description: 'Latitude of the site, -90 to 90; give it together with `longitude`.' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'Longitude of the site, -180 to 180; give it together with `latitude`.' })
  longitude?: number | null;
}

@InputType({ description: 'A new service for an organisation.' })
export class CreateServiceInput extends ServiceDetailsInput {
  @Field(() => ID, { description: 'The organisation offering the service; partner staff may only name their own.' })
  organizationId: string;

  @Field({ description: 'Public name, 1–200 characters.' })
  name: string;

  @Field({ description: 'What the service does, 1–5000 characters.' })
  description: string;

  @Field(() => Imperative, { description: 'The imperative the service belongs to.' })
  imperative: Imperative;

  @Field({ description: 'True when families pay nothing.' })
  free: boolean;
}

@InputType({ description: 'Changes to a service: omitted fields stay as they are, `null` clears an optional one.' })
export class UpdateServiceInput extends ServiceDetailsInput {
  @Field(() => String, { nullable: true, description: 'Public name, 1–200 characters; cannot be cleared.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'What the service does, 1–5000 characters; cannot be cleared.' })
  description?: string | null;

  @Field(() => Imperative, { nullable: true, description: 'The imperative the service belongs to; cannot be cleared.' })
  imperative?: Imperative | null;

  @Field(() => Boolean, { nullable: true, description: 'True when families pay nothing; cannot be cleared.' })
  free?: boolean | null;
}
