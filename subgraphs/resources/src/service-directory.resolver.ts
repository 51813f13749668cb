import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { HubContext } from '@c2c/kernel';
import {
  contactsOf,
  costOptionsOf,
  directTermsOf,
  fundingOf,
  languageDetailsOf,
  locationsOf,
  phonesOf,
  programById,
  requiredDocumentsOf,
  schedulesOf,
  serviceAreasOf,
} from './directory.loaders';
import { CostOption } from './cost-option.entity';
import { Funding } from './funding.entity';
import { isOpenAt } from './local-time.logic';
import { Location } from './location.entity';
import { Program } from './program.entity';
import { RequiredDocument } from './required-document.entity';
import { Schedule } from './schedule.entity';
import { ServiceArea } from './service-area.entity';
import { ServiceContact } from './service-contact.entity';
import { ServiceLanguage } from './service-language.entity';
import { Service } from './service.entity';
import { ServiceAtLocation } from './service-at-location.entity';
import { serviceAtLocationsOf } from './service-at-location.loaders';
import { ServicePhone } from './service-phone.entity';
import { ServiceStatus } from './service-status.enum';
import { TaxonomyTerm } from './taxonomy-term.entity';
import { taxonomyIndex } from './taxonomy.loaders';

/** The HSDS parts of a service, each batched per request (one statement per kind, not per service). */
@Resolver(() => Service)
export class ServiceDirectoryResolver {
  @FieldResolver(() => [TaxonomyTerm], { description: 'The taxonomy terms the service is tagged with (not their ancestors).' })
  async taxonomyTerms(@Root() s: Service, @Ctx() ctx: HubContext) {
    const [rows, index] = await Promise.all([directTermsOf(ctx).load(s.id), taxonomyIndex(ctx)]);
    return rows.map((r) => index.byId.get(r.termId)).filter((t): t is TaxonomyTerm => !!t);
  }

  @FieldResolver(() => [Location], { description: 'Where the service is delivered (HSDS service_at_location), by name.' })
  locations(@Root() s: Service, @Ctx() ctx: HubContext) {
    return locationsOf(ctx).load(s.id);
  }

  @FieldResolver(() => [ServiceAtLocation], {
    description: 'The service at each of its locations (HSDS service_at_location), with the ids HSDS clients link by.',
  })
  serviceAtLocations(@Root() s: Service, @Ctx() ctx: HubContext) {
    return serviceAtLocationsOf(ctx).load(s.id);
  }

  @FieldResolver(() => [Schedule], { description: 'Weekly opening hours, then closures.' })
  schedules(@Root() s: Service, @Ctx() ctx: HubContext) {
    return schedulesOf(ctx).load(s.id);
  }

  @FieldResolver(() => [ServiceArea], { description: 'ZIP codes the service serves, in order.' })
  serviceAreas(@Root() s: Service, @Ctx() ctx: HubContext) {
    return serviceAreasOf(ctx).load(s.id);
  }

  @FieldResolver(() => [ServicePhone], { description: 'Phone numbers of the service.' })
  phones(@Root() s: Service, @Ctx() ctx: HubContext) {
    return phonesOf(ctx).load(s.id);
  }

  @FieldResolver(() => [ServiceContact], { description: 'Named contacts for the service.' })
  contacts(@Root() s: Service, @Ctx() ctx: HubContext) {
    return contactsOf(ctx).load(s.id);
  }

  @FieldResolver(() => [CostOption], {
    description: 'What it costs, price by price (HSDS cost_options); empty when only `fees` describes it, or when it is free.',
  })
  costOptions(@Root() s: Service, @Ctx() ctx: HubContext) {
    return costOptionsOf(ctx).load(s.id);
  }

  @FieldResolver(() => [Funding], { description: 'Where the money for the service comes from (HSDS funding).' })
  funding(@Root() s: Service, @Ctx() ctx: HubContext) {
    return fundingOf(ctx).load(s.id);
  }

  @FieldResolver(() => [RequiredDocument], { description: 'Documents a family needs to use the service (HSDS required_documents).' })
  requiredDocuments(@Root() s: Service, @Ctx() ctx: HubContext) {
    return requiredDocumentsOf(ctx).load(s.id);
  }

  @FieldResolver(() => [ServiceLanguage], {
    description: 'Names and notes for some of the `languages`, by code (HSDS languages); a code without a row here has none.',
  })
  languageDetails(@Root() s: Service, @Ctx() ctx: HubContext) {
    return languageDetailsOf(ctx).load(s.id);
  }

  @FieldResolver(() => Program, {
    nullable: true,
    description: 'The organisation’s programme the service belongs to, if any (HSDS program).',
  })
  async program(@Root() s: Service, @Ctx() ctx: HubContext) {
    return s.programId ? programById(ctx).load(s.programId) : null;
  }

  @FieldResolver(() => Boolean, {
    description: 'True when the service is ACTIVE and open at this moment by its schedules (closures included).',
  })
  async openNow(@Root() s: Service, @Ctx() ctx: HubContext) {
    if (s.status !== ServiceStatus.ACTIVE) return false;
    return isOpenAt(await schedulesOf(ctx).load(s.id), new Date());
  }

  @FieldResolver(() => Date, { description: 'When the listing last changed (HSDS last_modified); the same instant as updatedAt.' })
  lastModified(@Root() s: Service) {
    return s.updatedAt;
  }
}
