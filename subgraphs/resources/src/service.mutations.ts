import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { badInput, forbidden, notFound, type HubContext, isUuid, normalizeId, unknownOrganizations } from '@c2c/kernel';
import { Service } from './service.entity';
import { ServiceLanguage } from './service-language.entity';
import { CreateServiceInput, UpdateServiceInput } from './service.input';
import { serviceById } from './service.loaders';
import { mayManageServicesOf } from './service.rules';
import { validateServiceInput } from './service.validation';
import { serviceVisibility } from './service.access';
import { IntakeStatus } from './intake-status.enum';
import { ServiceStatus } from './service-status.enum';

@Resolver(() => Service)
export class ServiceMutationResolver {
  @Mutation(() => Service, {
    description: 'Adds a service. Partner staff may add services to their own organisation; hub operators to any.',
  })
  async createService(
    @Arg('input', () => CreateServiceInput, { description: 'The new service.' }) input: CreateServiceInput,
    @Ctx() ctx: HubContext,
  ) {
    const organizationId = normalizeId(input.organizationId);
    // Authorisation before validation, so callers learn nothing about inputs they may not send.
    if (!mayManageServicesOf(ctx.viewer, organizationId)) throw forbidden('Partner staff may only add services to their own organisation');
    if (!isUuid(organizationId)) throw badInput('organizationId is not an organisation id', { field: 'input.organizationId' });
    const patch = validateServiceInput(input);
    if ((await unknownOrganizations(ctx, [organizationId])).size)
      throw badInput(`no organisation ${organizationId} in the hub`, { field: 'input.organizationId' });
    const service = ctx.em.create(Service, {
      ...patch,
      organizationId,
      name: patch.name!,
      description: patch.description!,
      imperative: patch.imperative!,
      free: patch.free!,
      status: patch.status ?? ServiceStatus.ACTIVE,
    });
    await ctx.em.flush();
    return service;
  }

  @Mutation(() => Service, {
    description: 'Changes a service. Partner staff may change their own organisation’s services; hub operators any.',
  })
  // type-graphql lists arguments in reverse parameter order; `input` first here prints
  // `updateService(id, input)` in the SDL.
  async updateService(
    @Arg('input', () => UpdateServiceInput, { description: 'The fields to change.' }) input: UpdateServiceInput,
    @Arg('id', () => ID, { description: 'Service id.' }) id: string,
    @Ctx() ctx: HubContext,
  ) {
    const service = await serviceById(ctx).load(id);
    // A service the caller cannot see is reported missing, as `service(id)` does.
    if (!service || !serviceVisibility(ctx.viewer).allows(service)) throw notFound('Service', id);
    if (!mayManageServicesOf(ctx.viewer, service.organizationId))
      throw forbidden('Partner staff may only change their own organisation’s services');
    const patch = validateServiceInput(input, service);
    await ctx.em.transactional(async (em) => {
      em.assign(service, patch);
      // A language taken off the service takes its name and note with it.
      if (patch.languages) await em.nativeDelete(ServiceLanguage, { serviceId: service.id, code: { $nin: patch.languages } });
    });
    return service;
  }

  @Mutation(() => Service, {
    description:
      'Says whether a service takes new referrals (capacity). Only staff of the organisation offering it; NOT_FOUND for a service the caller may not see or manage.',
  })
  async setServiceIntake(
    @Arg('intakeStatus', () => IntakeStatus, { description: 'The service’s intake from now on.' }) intakeStatus: IntakeStatus,
    @Arg('id', () => ID, { description: 'Service id.' }) id: string,
    @Ctx() ctx: HubContext,
  ) {
    const service = await serviceById(ctx).load(id);
    // Someone else's service is reported missing, like an id that does not exist: no oracle.
    if (!service || !ctx.viewer.org || !mayManageServicesOf(ctx.viewer, service.organizationId)) throw notFound('Service', id);
    service.intakeStatus = intakeStatus;
    await ctx.em.flush();
    return service;
  }
}
