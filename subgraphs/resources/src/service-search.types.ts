import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Imperative, PageArgs, PageInfo } from '@c2c/kernel';
import { Service } from './service.entity';
import { TaxonomyTerm } from './taxonomy-term.entity';

export enum ServiceSort {
  RELEVANCE = 'RELEVANCE',
  NAME = 'NAME',
  DISTANCE = 'DISTANCE',
}
registerEnumType(ServiceSort, {
  name: 'ServiceSort',
  description: 'Order of search results.',
  valuesConfig: {
    RELEVANCE: {
      description:
        'Best match for `text` first (needs `text`): words in the name count most, then in the taxonomy terms, then in the description; equal matches by name, then id.',
    },
    NAME: { description: 'By name, then id.' },
    DISTANCE: {
      description: 'Nearest first (needs `near` or `distanceFrom`), services without a site last, then by name, then id.',
    },
  },
});

@InputType({ description: 'A point and a radius: only services whose site lies within it.' })
export class GeoRadiusInput {
  @Field(() => Float, { description: 'Latitude of the centre, -90 to 90.' })
  latitude: number;

  @Field(() => Float, { description: 'Longitude of the centre, -180 to 180.' })
  longitude: number;

  @Field(() => Float, { nullable: true, description: 'Radius in kilometres, more than 0 and at most 200 (default 10).' })
  radiusKm?: number | null;
}

@InputType({ description: 'A point to measure distances from.' })
export class GeoPointInput {
  @Field(() => Float, { description: 'Latitude, -90 to 90.' })
  latitude: number;

  @Field(() => Float, { description: 'Longitude, -180 to 180.' })
  longitude: number;
}

@ArgsType()
export class ServiceSearchArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'Words to find (at most 200 characters), full-text: in the name, the taxonomy terms or the description, any word form (tutor, tutoring), with the directory’s synonyms (daycare ~ child care, food ~ pantry, ESL ~ English classes), and the last word as a prefix while it is typed ("tut"). Every word must match; words like "for" and "the" are ignored beside others. Results come best match first unless `near`, `distanceFrom` or `sort` says otherwise.',
  })
  text?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only services tagged with this taxonomy term or any of its descendants (a top term is an imperative).',
  })
  taxonomyTermId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only services tagged with any term of this taxonomy, by its name (`c2c`, or an imported one such as `211LA`).',
  })
  taxonomy?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Only services open to a person of this age in years (0–120): no age limit, or the age within the limits.',
  })
  age?: number | null;

  @Field(() => String, { nullable: true, description: 'Only services delivered in this language (ISO 639-1 code such as `es`).' })
  language?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True: only services that are free.' })
  freeOnly?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only services whose service area includes this five-digit ZIP code.' })
  zip?: string | null;

  @Field(() => GeoRadiusInput, {
    nullable: true,
    description: 'Only services within this radius; results then come nearest first unless `sort` says otherwise.',
  })
  near?: GeoRadiusInput | null;

  @Field(() => GeoPointInput, {
    nullable: true,
    description:
      'Orders by distance from this point, without limiting the results to a radius; services without a site come last. Use `near` to limit to a radius.',
  })
  distanceFrom?: GeoPointInput | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True: only ACTIVE services open right now by their schedules (in each schedule’s own time zone, closures included).',
  })
  openNow?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'Only ACTIVE services open at this instant (like openNow, for another time).' })
  openAt?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Only services of this organisation.' })
  organizationId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only services whose listing changed at or after this instant (HSDS modified_after).' })
  modifiedAfter?: Date | null;

  @Field(() => ServiceSort, {
    nullable: true,
    description: 'Order of results: DISTANCE when `near` or `distanceFrom` is given, otherwise RELEVANCE when `text` is, otherwise NAME.',
  })
  sort?: ServiceSort | null;
}

@ObjectType({ description: 'One search result, with its cursor and distance.' })
export class ServiceSearchEdge {
  @Field(() => Service, { description: 'The service.' })
  node: Service;

  @Field({ description: 'Opaque cursor of this result; pass it as `after` to continue after it.' })
  cursor: string;

  @Field(() => Float, {
    nullable: true,
    description:
      'Kilometres from the `near` or `distanceFrom` point to the service’s site; null without either, or when the service has no site.',
  })
  distanceKm: number | null;
}

@ObjectType({ description: 'How many services in the current search carry a taxonomy term, itself or through a descendant.' })
export class TaxonomyFacet {
  @Field(() => TaxonomyTerm, { description: 'The term.' })
  term: TaxonomyTerm;

  @Field(() => Int, { description: 'Matching services tagged with the term or one of its descendants.' })
  count: number;
}

@ObjectType({ description: 'A page of the public service directory’s search results, with the total and facet counts.' })
export class ServiceSearchResult {
  @Field(() => [ServiceSearchEdge], { description: 'The results of this page.' })
  edges: ServiceSearchEdge[];

  @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Number of matching services across all pages.' })
  totalCount: number;

  @Field(() => [TaxonomyFacet], {
    description:
      'For every taxonomy term with at least one match, how many services match all the current filters except `taxonomyTermId` (so other terms can be offered), in taxonomy order (each top term, then its sub-terms).',
  })
  facets: TaxonomyFacet[];
}

@ObjectType({
  description:
    'How many ACTIVE services serve one ZIP code for one imperative: a zero is a gap in service. Services no imperative is known for yet count under `imperative: null` (unclassified).',
})
export class ServiceGap {
  @Field({ description: 'The five-digit ZIP code.' })
  zip: string;

  @Field(() => Imperative, {
    nullable: true,
    description:
      'The imperative; null for the unclassified services (imported under a taxonomy no crosswalk maps yet), so leads see what still needs mapping.',
  })
  imperative: Imperative | null;

  @Field({ description: 'True for the unclassified row (imperative null).' })
  unclassified: boolean;

  @Field(() => Int, { description: 'ACTIVE services whose service area includes the ZIP code, in the imperative.' })
  activeServices: number;
}
