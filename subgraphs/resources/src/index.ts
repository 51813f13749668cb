import 'reflect-metadata';
import path from 'node:path';
import { stubReference, type SubgraphDefinition } from '@c2c/kernel';
import { postgresql } from './migrations/postgresql';
import { sqlite } from './migrations/sqlite';
import { OrganizationServicesResolver } from './organization.resolver';
import { Service } from './service.entity';
import { ServiceMutationResolver } from './service.mutations';
import { serviceReference } from './service.reference';
import { ServiceResolver } from './service.resolver';
import { serviceRules } from './service.rules';
import { Accessibility } from './accessibility.entity';
import { CostOption } from './cost-option.entity';
import { Funding } from './funding.entity';
import { Location } from './location.entity';
import { LocationResolver } from './location.resolver';
import { Program } from './program.entity';
import { RequiredDocument } from './required-document.entity';
import { Schedule } from './schedule.entity';
import { ServiceArea } from './service-area.entity';
import { ServiceAtLocation } from './service-at-location.entity';
import { ServiceAtLocationResolver } from './service-at-location.resolver';
import { ServiceContact } from './service-contact.entity';
import { ServiceLanguage } from './service-language.entity';
import { ServiceDirectoryResolver } from './service-directory.resolver';
import { ServicePhone } from './service-phone.entity';
import { ServiceSearchResolver } from './service-search.resolver';
import { ServiceUpsertResolver } from './service-upsert.mutations';
import { ServiceTaxonomy } from './service-taxonomy.entity';
import { TaxonomyTerm } from './taxonomy-term.entity';
import { TaxonomyMapping } from './taxonomy-mapping.entity';
import { Taxonomy } from './taxonomy.entity';
import { TaxonomyResolver, TaxonomyTermTaxonomyResolver } from './taxonomy.resolver';
import { TaxonomyMappingResolver } from './taxonomy-mapping.mutations';

/** The resources subgraph: owner of Service and the HSDS directory around it (locations, schedules, taxonomy, service areas, costs, funding, programmes, documents, languages, accessibility). */
export const resources: SubgraphDefinition = {
  name: 'resources',
  entities: [
    Service,
    TaxonomyTerm,
    ServiceTaxonomy,
    Location,
    ServiceAtLocation,
    Schedule,
    ServiceArea,
    ServicePhone,
    ServiceContact,
    TaxonomyMapping,
    Taxonomy,
    CostOption,
    Funding,
    Program,
    RequiredDocument,
    ServiceLanguage,
    Accessibility,
  ],
  migrations: { sqlite, postgresql },
  migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
  resolvers: [
    ServiceResolver,
    ServiceMutationResolver,
    OrganizationServicesResolver,
    ServiceSearchResolver,
    ServiceDirectoryResolver,
    ServiceUpsertResolver,
    ServiceAtLocationResolver,
    LocationResolver,
    TaxonomyMappingResolver,
    TaxonomyResolver,
    TaxonomyTermTaxonomyResolver,
  ],
  referenceResolvers: { ...serviceReference, ...stubReference('Organization') },
  rules: serviceRules,
  // Asks partners whether an organisation exists before writing a service for it.
  peers: ['partners'],
};

export {
  Service,
  TaxonomyTerm,
  ServiceTaxonomy,
  Location,
  ServiceAtLocation,
  Schedule,
  ServiceArea,
  ServicePhone,
  ServiceContact,
  CostOption,
  Funding,
  Program,
  RequiredDocument,
  ServiceLanguage,
  Accessibility,
};
export { LocationType } from './location-type.enum';
export { ServiceStatus } from './service-status.enum';
export { Weekday } from './weekday.enum';
// For `c2c bench`, which measures full-text search against the LIKE search it replaced on the
// same data; GraphQL only ever searches full-text.
export { checkFilter, searchServices, type TextMode } from './service-search.logic';
