import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * Roles a staff record may hold (DESIGN.md); `embed` belongs to API clients, not people. A
 * `partner_admin` record always holds `partner_staff` too (staff.validation.ts adds it), as its
 * tokens do (kernel `viewerFromClaims`).
 */
export const STAFF_ROLES = ['partner_staff', 'partner_admin', 'district_sis', 'district_admin', 'cec_admin', 'evaluator'] as const;

/**
 * A person (or service account) who signs in: production identities come from the
 * deployment's identity provider (C2C_JWKS_URL), matched to this record by the token's
 * `sub` (`subject`); in development `c2c token` mints tokens for any role and organisation.
 */
@Entity({ tableName: 'staff' })
@ObjectType({
  description:
    'A person at an organisation (or at the hub) with roles of the access model. Hub operators read and manage every record; partner staff read their own organisation’s.',
})
export class Staff {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'active' | 'subject';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ type: 'uuid', nullable: true })
  @Index()
  @Field(() => ID, { nullable: true, description: 'The organisation the person works for; null for the hub’s own staff.' })
  organizationId: string | null;

  @Property({ length: 200 })
  @Field({ description: 'Full name.' })
  name: string;

  @Property({ length: 200 })
  @Unique()
  @Field({ description: 'Work email, unique in the hub (stored lower-case).' })
  email: string;

  @Property({ type: 'json' })
  @Field(() => [String], {
    description:
      'Roles: partner_staff, partner_admin (assigns caseloads; always with partner_staff), district_sis, district_admin, cec_admin, evaluator.',
  })
  roles: string[];

  @Property({ length: 200, nullable: true })
  @Unique()
  @Field(() => String, { nullable: true, description: 'The identity provider’s subject (`sub` claim) this record is matched to.' })
  subject: string | null = null;

  @Property({ type: 'boolean' })
  @Field({ description: 'Whether the person is active; inactive staff keep their history.' })
  active: boolean = true;

  @Property({ type: 'datetime' })
  @Field({ description: 'When the record was created.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  @Field({ description: 'When the record last changed.' })
  updatedAt: Date = new Date();
}
