import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/** What an API client may be given: public listings only (the `embed` role's reads). */
export const API_CLIENT_SCOPES = ['PUBLIC_LISTINGS'] as const;

/** A new key: 32 random bytes, shown once; only its SHA-256 is stored (a high-entropy secret needs no slow hash). */
export function newApiKey(): string {
  return `c2c_${randomBytes(32).toString('base64url')}`;
}
export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * A third-party app that embeds the public listings. Its key is exchanged at the gateway
 * (`POST /auth/token`) for a short-lived `embed` token.
 */
@Entity({ tableName: 'api_client' })
@Unique({ properties: ['organizationId', 'name'] })
@ObjectType({
  description:
    'A third-party app’s API client: its key is exchanged at the gateway for a short-lived token that reads public listings only. Hub operators.',
})
export class ApiClient {
  [OptionalProps]?: 'createdAt' | 'lastUsedAt' | 'revokedAt' | 'revokedBy';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier; tokens name it as `client:<id>`.' })
  id: string = randomUUID();

  @Property({ length: 200 })
  @Field({ description: 'Name of the app, unique within its organisation.' })
  name: string;

  @Property({ type: 'uuid' })
  @Index()
  @Field(() => ID, { description: 'Id of the organisation that owns the app.' })
  organizationId: string;

  @Property({ type: 'json' })
  @Field(() => [String], { description: 'What its tokens may do: PUBLIC_LISTINGS.' })
  scopes: string[];

  /** SHA-256 of the key, hex; the key itself is never stored. */
  @Property({ length: 64 })
  @Unique()
  keyHash: string;

  @Property({ length: 12 })
  @Field({ description: 'The first characters of the key, to tell keys apart; not enough to use it.' })
  keyPrefix: string;

  @Property({ type: 'datetime' })
  @Field({ description: 'When it was created.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When its key was last exchanged for a token.' })
  lastUsedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was revoked; its key no longer gets tokens from then on.' })
  revokedAt: Date | null = null;

  @Property({ length: 200, nullable: true })
  revokedBy: string | null = null;
}
