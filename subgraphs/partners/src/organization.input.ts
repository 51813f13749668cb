import { Imperative } from '@c2c/kernel';
import { Field, Float, InputType } from 'type-graphql';
import { Sector } from './sector.enum';

/** Fields of the public profile: its staff may change them. */
export const PROFILE_FIELDS = [
  'name',
  'imperatives',
  'description',
  'street',
  'city',
  'state',
  'zip',
  'latitude',
  'longitude',
  'website',
  'phone',
  'email',
] as const;
/** Fields only hub operators may change. */
export const ADMIN_FIELDS = ['sector', 'legalName', 'contactName', 'contactEmail', 'contactPhone'] as const;

@InputType({
  description:
    'Changes to an organisation: only the fields given change. Its staff may change the public profile; hub operators every field. Validated as a whole; nothing is saved if any field is wrong.',
})
export class OrganizationUpdateInput {
  @Field(() => String, { nullable: true, description: 'Public name, 1–200 characters, unique in the hub (case-insensitive).' })
  name?: string | null;
  @Field(() => Sector, { nullable: true, description: 'Sector (hub operators).' })
  sector?: Sector | null;
  @Field(() => [Imperative], { nullable: true, description: 'Imperatives served.' })
  imperatives?: Imperative[] | null;
  @Field(() => String, { nullable: true, description: 'Description, up to 4000 characters.' })
  description?: string | null;
  @Field(() => String, { nullable: true, description: 'Street address.' })
  street?: string | null;
  @Field(() => String, { nullable: true, description: 'City.' })
  city?: string | null;
  @Field(() => String, { nullable: true, description: 'Two-letter state code.' })
  state?: string | null;
  @Field(() => String, { nullable: true, description: 'Five-digit ZIP code.' })
  zip?: string | null;
  @Field(() => Float, { nullable: true, description: 'Latitude, -90 to 90.' })
  latitude?: number | null;
  @Field(() => Float, { nullable: true, description: 'Longitude, -180 to 180.' })
  longitude?: number | null;
  @Field(() => String, { nullable: true, description: 'Public website, an http(s) URL.' })
  website?: string | null;
  @Field(() => String, { nullable: true, description: 'Public phone number.' })
  phone?: string | null;
  @Field(() => String, { nullable: true, description: 'Public contact email.' })
  email?: string | null;
  @Field(() => String, { nullable: true, description: 'Legal name (hub operators).' })
  legalName?: string | null;
  @Field(() => String, { nullable: true, description: 'Private contact name (hub operators).' })
  contactName?: string | null;
  @Field(() => String, { nullable: true, description: 'Private contact email (hub operators).' })
  contactEmail?: string | null;
  @Field(() => String, { nullable: true, description: 'Private contact phone (hub operators).' })
  contactPhone?: string | null;
}
