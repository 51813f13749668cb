import { Imperative } from '@c2c/kernel';
import { Field, Float, ID, InputType } from 'type-graphql';
import { LocationType } from './location-type.enum';
import { ServiceDetailsInput } from './service.input';
import { Weekday } from './weekday.enum';

@InputType({ description: 'An arrangement for people with disabilities at a location; a description or a url is needed.' })
export class AccessibilityInput {
  @Field(() => String, { nullable: true, description: 'The arrangement, in words (at most 2000 characters).' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'More about it (at most 2000 characters).' })
  details?: string | null;

  @Field(() => String, { nullable: true, description: 'A web page about it: an http or https URL.' })
  url?: string | null;
}

@InputType({ description: 'A location of a service, kept under its own id (shared by the services delivered there).' })
export class LocationInput {
  @Field(() => ID, { description: 'Stable id of the location (a UUID, e.g. the HSDS location id).' })
  id: string;

  @Field(() => LocationType, { nullable: true, description: 'Physical (default), virtual or postal.' })
  locationType?: LocationType | null;

  @Field(() => String, { nullable: true, description: 'Name of the place (at most 200 characters).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'How to find it (at most 2000 characters).' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Web address: an http or https URL.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Street address (at most 200 characters).' })
  street?: string | null;

  @Field(() => String, { nullable: true, description: 'City (at most 100 characters).' })
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'State or province (at most 100 characters).' })
  state?: string | null;

  @Field(() => String, { nullable: true, description: 'Postal code (at most 20 characters).' })
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Two-letter uppercase ISO country code.' })
  country?: string | null;

  @Field(() => Float, { nullable: true, description: 'Latitude, -90 to 90, given together with longitude.' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'Longitude, -180 to 180, given together with latitude.' })
  longitude?: number | null;

  @Field(() => [AccessibilityInput], {
    nullable: true,
    description: 'Accessibility arrangements (at most 20); they replace the location’s, for every service delivered there.',
  })
  accessibility?: AccessibilityInput[] | null;
}

@InputType({ description: 'A weekly opening (weekday, opensAt, closesAt) or a closure (closed: true with validFrom and validTo).' })
export class ScheduleInput {
  @Field(() => Weekday, { nullable: true, description: 'Day of the opening; omit for a closure.' })
  weekday?: Weekday | null;

  @Field(() => String, { nullable: true, description: 'Opening time, `HH:MM` (24-hour).' })
  opensAt?: string | null;

  @Field(() => String, { nullable: true, description: 'Closing time, `HH:MM`, after opensAt.' })
  closesAt?: string | null;

  @Field({ description: 'IANA time zone, e.g. `America/Detroit`.' })
  timezone: string;

  @Field(() => String, { nullable: true, description: 'First date it applies, YYYY-MM-DD.' })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Last date it applies, YYYY-MM-DD, not before validFrom.' })
  validTo?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True for a closure over validFrom–validTo (both required).' })
  closed?: boolean | null;

  @Field(() => String, { nullable: true, description: 'In words (at most 2000 characters).' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'The location it applies to: one of the record’s locations.' })
  locationId?: string | null;
}

@InputType({ description: 'An area a service serves: a ZIP code, or a name in words.' })
export class ServiceAreaInput {
  @Field(() => String, { nullable: true, description: 'Postal code (at most 20 characters); a name is needed without it.' })
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the area (at most 200 characters).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Description of the area (at most 2000 characters).' })
  description?: string | null;
}

@InputType({ description: 'A phone number of a service.' })
export class PhoneInput {
  @Field({ description: 'The number (digits, spaces, `+ - ( ) .`).' })
  number: string;

  @Field(() => String, { nullable: true, description: 'Extension, up to 10 digits.' })
  extension?: string | null;

  @Field(() => String, { nullable: true, description: 'voice (default), fax, text, cell, video, pager or textphone.' })
  type?: string | null;

  @Field(() => String, { nullable: true, description: 'When and what to call about (at most 2000 characters).' })
  description?: string | null;
}

@InputType({ description: 'A named contact of a service.' })
export class ContactInput {
  @Field(() => String, { nullable: true, description: 'Name of the person or role (at most 200 characters).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Job title (at most 200 characters).' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Email address.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number.' })
  phone?: string | null;
}

@InputType({ description: 'One price of a service: an amount or an option in words is needed.' })
export class CostOptionInput {
  @Field(() => String, { nullable: true, description: 'Who or what the price applies to (at most 500 characters).' })
  option?: string | null;

  @Field(() => Float, { nullable: true, description: 'The amount, 0 or more; given with a currency.' })
  amount?: number | null;

  @Field(() => String, { nullable: true, description: 'Three-letter ISO 4217 currency code (any case), needed with an amount.' })
  currency?: string | null;

  @Field(() => String, { nullable: true, description: 'What the amount is for, e.g. "per session" (at most 500 characters).' })
  amountDescription?: string | null;

  @Field(() => String, { nullable: true, description: 'First date it applies, YYYY-MM-DD.' })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Last date it applies, YYYY-MM-DD, not before validFrom.' })
  validTo?: string | null;
}

@InputType({ description: 'A source of funding of a service.' })
export class FundingInput {
  @Field({ description: 'The source, in words (1–2000 characters).' })
  source: string;
}

@InputType({ description: 'A document a family needs; a document in words or a uri is needed.' })
export class RequiredDocumentInput {
  @Field(() => String, { nullable: true, description: 'The document, in words (at most 2000 characters).' })
  document?: string | null;

  @Field(() => String, { nullable: true, description: 'A web page about it: an http or https URL.' })
  uri?: string | null;
}

@InputType({ description: 'The name and a note for one of the service’s languages.' })
export class LanguageInput {
  @Field({ description: 'ISO 639-1 code, two letters; one of the record’s `languages` when those are given.' })
  code: string;

  @Field(() => String, { nullable: true, description: 'Name of the language (at most 100 characters).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'How or when it is offered (at most 2000 characters).' })
  note?: string | null;
}

@InputType({ description: 'A programme of the organisation, kept under its own id (shared by the services it groups).' })
export class ProgramInput {
  @Field(() => ID, { description: 'Stable id of the programme (a UUID, e.g. the HSDS program id); it must be the same organisation’s.' })
  id: string;

  @Field({ description: 'Name, 1–200 characters.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Another name it is known by (at most 200 characters).' })
  alternateName?: string | null;

  @Field({ description: 'What the programme is, 1–2000 characters.' })
  description: string;
}

@InputType({
  description:
    'A whole service record, created or replaced by id (HSDS-shaped: its locations, hours, areas, phones, contacts and terms come with it).',
})
export class UpsertServiceInput extends ServiceDetailsInput {
  @Field(() => ID, { description: 'Stable id of the service (a UUID, e.g. the HSDS service id).' })
  id: string;

  @Field(() => ID, { description: 'The organisation offering it; partner staff may only name their own.' })
  organizationId: string;

  @Field({ description: 'Public name, 1–200 characters.' })
  name: string;

  @Field({ description: 'What the service does, 1–5000 characters.' })
  description: string;

  @Field(() => Imperative, {
    nullable: true,
    description: 'The imperative; when omitted, the imperative above the first tagged term that has one.',
  })
  imperative?: Imperative | null;

  @Field({ description: 'True when families pay nothing.' })
  free: boolean;

  @Field(() => String, { nullable: true, description: 'How to apply (at most 2000 characters).' })
  applicationProcess?: string | null;

  @Field(() => String, { nullable: true, description: 'A short-term notice for families (at most 2000 characters).' })
  alert?: string | null;

  @Field(() => String, { nullable: true, description: 'Date last checked as accurate, YYYY-MM-DD.' })
  assuredDate?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Taxonomy terms to tag it with (each must exist); omitted means none.' })
  taxonomyTermIds?: string[] | null;

  @Field(() => [LocationInput], {
    nullable: true,
    description: 'Where it is delivered; the first physical one with coordinates is its primary site for search.',
  })
  locations?: LocationInput[] | null;

  @Field(() => [ScheduleInput], { nullable: true, description: 'Weekly openings and closures (at most 100).' })
  schedules?: ScheduleInput[] | null;

  @Field(() => [ServiceAreaInput], { nullable: true, description: 'Areas served (at most 200).' })
  serviceAreas?: ServiceAreaInput[] | null;

  @Field(() => [PhoneInput], { nullable: true, description: 'Phone numbers (at most 20).' })
  phones?: PhoneInput[] | null;

  @Field(() => [ContactInput], { nullable: true, description: 'Contacts (at most 20).' })
  contacts?: ContactInput[] | null;

  @Field(() => [CostOptionInput], { nullable: true, description: 'Prices, structured (at most 50); `fees` keeps the words.' })
  costOptions?: CostOptionInput[] | null;

  @Field(() => [FundingInput], { nullable: true, description: 'Sources of funding (at most 20).' })
  funding?: FundingInput[] | null;

  @Field(() => [RequiredDocumentInput], { nullable: true, description: 'Documents a family needs (at most 50).' })
  requiredDocuments?: RequiredDocumentInput[] | null;

  @Field(() => [LanguageInput], {
    nullable: true,
    description: 'Names and notes of languages, one per code (at most 20); without `languages`, their codes are the languages.',
  })
  languageDetails?: LanguageInput[] | null;

  @Field(() => ProgramInput, { nullable: true, description: 'The programme it belongs to; omitted means none.' })
  program?: ProgramInput | null;
}

@InputType({ description: 'A taxonomy term, created or replaced by id.' })
export class TaxonomyTermInput {
  @Field(() => ID, { description: 'Stable id (a UUID).' })
  id: string;

  @Field(() => String, { nullable: true, description: 'Code, unique in the hub (at most 100 characters); defaults to the id.' })
  code?: string | null;

  @Field({ description: 'Name, 1–200 characters.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Description (at most 2000 characters).' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'Parent term id: an existing term or one in the same batch.' })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: 'Taxonomy name (at most 100 characters); default `c2c`.' })
  taxonomy?: string | null;
}
