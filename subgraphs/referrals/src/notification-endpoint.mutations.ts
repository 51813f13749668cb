import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import { badInput, notFound, type HubContext } from '@c2c/kernel';
import { now } from './clock.logic';
import { emailAdapterFor, readNotifyConfig } from './notification-adapter.logic';
import { ownOrganization } from './notification-endpoint.access';
import { NotificationEndpoint } from './notification-endpoint.entity';
import { OrganizationArgs, SetNotificationEmailArgs, SetNotificationWebhookArgs } from './notification-endpoint.input';
import { NotificationDispatchResult, NotificationWebhookSecret } from './notification-endpoint.types';
import { validateNotificationEmail, validateWebhookUrl } from './notification-endpoint.validation';
import { deliverDue } from './referral-notification-dispatch.logic';

const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

async function endpointOf(em: EntityManager, organizationId: string) {
  return (
    (await em.findOne(NotificationEndpoint, { organizationId })) ?? em.create(NotificationEndpoint, { organizationId, updatedAt: now() })
  );
}

@Resolver(() => NotificationEndpoint)
export class NotificationEndpointMutations {
  @Mutation(() => NotificationEndpoint, {
    nullable: true,
    description:
      'Sets (or, with null, clears) the email address your organisation receives referral notifications at. Your own organisation only: another is NOT_FOUND.',
  })
  async setNotificationEmail(@Args() args: SetNotificationEmailArgs, @Ctx() ctx: HubContext): Promise<NotificationEndpoint> {
    const org = ownOrganization(ctx.viewer, args.organizationId);
    const email = validateNotificationEmail(args.email);
    return ctx.em.transactional(async (em) => {
      const endpoint = await endpointOf(em, org);
      endpoint.email = email;
      endpoint.updatedAt = now();
      return endpoint;
    });
  }

  @Mutation(() => NotificationWebhookSecret, {
    nullable: true,
    description:
      'Sets the webhook your organisation receives signed referral notifications at, with a newly generated secret shown only in this answer. https only in production (http is allowed in development); BAD_USER_INPUT naming `url` otherwise. Your own organisation only: another is NOT_FOUND.',
  })
  async setNotificationWebhook(
    @Args() args: SetNotificationWebhookArgs,
    @Ctx() ctx: HubContext,
  ): Promise<NotificationWebhookSecret | null> {
    const org = ownOrganization(ctx.viewer, args.organizationId);
    const url = validateWebhookUrl(args.url);
    if (!url) throw badInput('url is required', { field: 'url' });
    return ctx.em.transactional(async (em) => {
      const endpoint = await endpointOf(em, org);
      const secret = newSecret();
      Object.assign(endpoint, { webhookUrl: url, webhookSecret: secret, webhookSecretSetAt: now(), updatedAt: now() });
      return { endpoint, secret };
    });
  }

  @Mutation(() => NotificationEndpoint, {
    nullable: true,
    description:
      'Removes your organisation’s webhook and its secret; pending webhook notifications are then skipped. Another organisation is NOT_FOUND.',
  })
  async clearNotificationWebhook(@Args() args: OrganizationArgs, @Ctx() ctx: HubContext): Promise<NotificationEndpoint> {
    const org = ownOrganization(ctx.viewer, args.organizationId);
    return ctx.em.transactional(async (em) => {
      const endpoint = await endpointOf(em, org);
      Object.assign(endpoint, { webhookUrl: null, webhookSecret: null, webhookSecretSetAt: null, updatedAt: now() });
      return endpoint;
    });
  }

  @Mutation(() => NotificationWebhookSecret, {
    nullable: true,
    description:
      'Replaces your webhook’s signing secret with a new one, shown only in this answer; deliveries from now on are signed with it. NOT_FOUND when your organisation has no webhook, or for another organisation.',
  })
  async rotateNotificationWebhookSecret(@Args() args: OrganizationArgs, @Ctx() ctx: HubContext): Promise<NotificationWebhookSecret> {
    const org = ownOrganization(ctx.viewer, args.organizationId);
    return ctx.em.transactional(async (em) => {
      const endpoint = await em.findOne(NotificationEndpoint, { organizationId: org });
      if (!endpoint?.webhookUrl) throw notFound('Webhook of organization', org);
      const secret = newSecret();
      Object.assign(endpoint, { webhookSecret: secret, webhookSecretSetAt: now(), updatedAt: now() });
      return { endpoint, secret };
    });
  }

  @Mutation(() => NotificationDispatchResult, {
    description:
      'Delivers every due referral notification now, once each, as the running dispatcher does every C2C_NOTIFY_POLL_MS. Hub operators (cec_admin).',
  })
  async deliverReferralNotifications(@Ctx() ctx: HubContext): Promise<NotificationDispatchResult> {
    const config = readNotifyConfig();
    const email = emailAdapterFor(config, ctx.log);
    try {
      return await deliverDue(ctx.em, email, config, now());
    } finally {
      email.close();
    }
  }
}
