import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Arg, Args, Ctx, Mutation, Resolver } from 'type-graphql';
import { badInput, conflict, isUuid, normalizeId, notFound, unauthenticated, type HubContext } from '@c2c/kernel';
import { now } from './clock.logic';
import { partiesOf, referralAccessError } from './referral.access';
import { Referral } from './referral.entity';
import { AddReferralCommentArgs, CreateReferralInput, UpdateReferralStatusArgs } from './referral.input';
import { ReferralSweepResult } from './referral.types';
import { validateCreateReferral } from './referral.validation';
import { ReferralLinkKind, ReferralUrgency } from './referral-codes.enum';
import { ReferralComment } from './referral-comment.entity';
import { deadlinesFor } from './referral-deadline.logic';
import { publishedService, visibleStudent, type DirectoryService } from './referral-directory.logic';
import { normalizeNote, normalizeText, requireCodesFor, transitionError } from './referral-lifecycle.logic';
import { ReferralStatusChange } from './referral-status-change.entity';
import { OPEN_STATUSES, ReferralStatus } from './referral-status.enum';
import { expireOverdue } from './referral-sweep.logic';
import { NotificationEvent } from './notification-codes.enum';
import { enqueueNotifications, type ReferralEvent } from './referral-notification.logic';

const DUPLICATE_WINDOW_MS = 30 * 86_400_000;

function actorOf(ctx: HubContext) {
  const { sub, org } = ctx.viewer;
  if (!sub || !org) throw unauthenticated('This needs a token naming its subject and organisation: the history records both');
  return { sub, org: normalizeId(org) };
}

function refuseClosedIntake(service: DirectoryService, field: string) {
  return conflict(`Service ${service.id} is not taking referrals (intake CLOSED)`, { field, intakeStatus: service.intakeStatus });
}

/**
 * Inserts a referral in SENT with its first history row and the receiving organisation's
 * outbox rows; the caller's transaction commits them all or none.
 */
async function send(
  em: EntityManager,
  data: Partial<Referral> & Pick<Referral, 'fromOrganizationId' | 'toOrganizationId' | 'serviceId' | 'reason' | 'sentBy'>,
  note: string | null,
  at: Date,
) {
  const referral = em.create(Referral, {
    ...data,
    status: ReferralStatus.SENT,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...deadlinesFor(at),
  });
  em.create(ReferralStatusChange, {
    referral,
    fromStatus: null,
    toStatus: ReferralStatus.SENT,
    changedBy: data.sentBy,
    changedByOrganizationId: data.fromOrganizationId,
    note,
    changedAt: at,
  });
  await enqueueNotifications(em, [
    {
      key: `sent:${referral.id}`,
      event: NotificationEvent.REFERRAL_SENT,
      referral,
      toStatus: ReferralStatus.SENT,
      at,
      organizations: [referral.toOrganizationId],
    },
  ]);
  return referral;
}

@Resolver(() => Referral)
export class ReferralMutations {
  @Mutation(() => Referral, {
    nullable: true,
    description:
      'Sends a referral from your organisation (from your token) to a published service, about a student your organisation may see or a family contact. A CLOSED intake needs `overrideClosedIntake`; an open referral of the same subject to the same service sent by your organisation in the last 30 days is a CONFLICT naming it (`existingReferralId`) unless `linkToExisting`. Unknown, hidden or unpublished services and students are NOT_FOUND naming the field.',
  })
  async createReferral(
    @Arg('input', () => CreateReferralInput, { description: 'The referral.' }) input: CreateReferralInput,
    @Ctx() ctx: HubContext,
  ): Promise<Referral> {
    const actor = actorOf(ctx);
    const at = now();
    // Everything that needs no other service first: a bad input costs no call and writes nothing.
    const v = validateCreateReferral(input, at);
    const service = await publishedService(ctx, input.serviceId, 'input.serviceId');
    if (service.intakeStatus === 'CLOSED' && !v.overrideReason) throw refuseClosedIntake(service, 'input.overrideClosedIntake');
    const studentId = input.studentId ? await visibleStudent(ctx, input.studentId, 'input.studentId') : null;
    return ctx.em.transactional(async (em) => {
      const subject = studentId
        ? [{ studentId }]
        : [
            ...(v.familyContact!.email ? [{ familyContact: { email: v.familyContact!.email } }] : []),
            ...(v.familyContact!.phone ? [{ familyContact: { phone: v.familyContact!.phone } }] : []),
          ];
      // Scoped to the sending organisation: naming another organisation's referral would disclose it.
      const existing = await em.findOne(
        Referral,
        {
          fromOrganizationId: actor.org,
          serviceId: service.id,
          status: { $in: [...OPEN_STATUSES] },
          createdAt: { $gte: new Date(at.getTime() - DUPLICATE_WINDOW_MS) },
          $or: subject,
        },
        { orderBy: { createdAt: 'desc', id: 'desc' } },
      );
      if (existing && !input.linkToExisting) {
        throw conflict(`An open referral of this ${studentId ? 'student' : 'family'} to this service exists: ${existing.id}`, {
          existingReferralId: existing.id,
          field: 'input.linkToExisting',
        });
      }
      return send(
        em,
        {
          fromOrganizationId: actor.org,
          toOrganizationId: service.organizationId,
          serviceId: service.id,
          sentBy: actor.sub,
          studentId,
          familyContact: v.familyContact,
          consent: v.consent,
          imperative: input.imperative,
          reason: v.need,
          urgency: input.urgency ?? ReferralUrgency.ROUTINE,
          notes: v.notes,
          zip: v.zip,
          intakeOverrideReason: service.intakeStatus === 'CLOSED' ? v.overrideReason : null,
          linkedReferralId: existing ? existing.id : null,
          linkKind: existing ? ReferralLinkKind.DUPLICATE : null,
        },
        null,
        at,
      );
    });
  }

  // Nullable so that a refused change comes back as `null` plus its error, not as `data: null`.
  @Mutation(() => Referral, {
    nullable: true,
    description:
      'Moves a referral along its lifecycle and records who did it, when, the code and the note. The receiving organisation accepts, declines (with a `declineReason`) or redirects (with `redirectServiceId`, creating the follow-on referral) a SENT referral; waitlists or starts an accepted one; starts a waitlisted one; completes or fails (with an `outcome`) one in progress. The referring organisation may withdraw an open referral. A move nobody may make from the current status is a CONFLICT naming the current status and `allowedStatuses`; a stale `expectedVersion` a CONFLICT with `currentStatus` and `currentVersion`; someone else’s referral NOT_FOUND.',
  })
  async updateReferralStatus(@Args() args: UpdateReferralStatusArgs, @Ctx() ctx: HubContext): Promise<Referral> {
    const { id, status, expectedVersion } = args;
    const text = normalizeNote(args.note);
    requireCodesFor(status, args);
    const actor = actorOf(ctx);
    if (!isUuid(id)) throw notFound('Referral', id);
    let redirectTo: DirectoryService | null = null;
    if (status === ReferralStatus.REDIRECTED) {
      // Asked before the transaction, so no row lock is held across a call to another service;
      // only after the referral is known to be the caller's, so the call discloses nothing.
      const current = await ctx.em.findOne(Referral, { id: normalizeId(id) });
      if (!current || referralAccessError(ctx.viewer, current)) throw notFound('Referral', id);
      redirectTo = await publishedService(ctx, args.redirectServiceId!, 'redirectServiceId');
      if (redirectTo.intakeStatus === 'CLOSED') throw refuseClosedIntake(redirectTo, 'redirectServiceId');
      if (redirectTo.id === current.serviceId)
        throw badInput('A referral cannot be redirected to its own service', { field: 'redirectServiceId' });
    }
    return ctx.em.transactional(async (em) => {
      // Row lock (PostgreSQL; SQLite serialises writers anyway): a change in flight elsewhere
      // is waited for, and this one is judged against its result, never against a stale status.
      const referral = await em.findOne(Referral, { id: normalizeId(id) }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      // Someone else's referral is reported missing, like an id that does not exist.
      if (!referral || referralAccessError(ctx.viewer, referral)) throw notFound('Referral', id);
      if (referral.version !== expectedVersion) {
        throw conflict(`Referral ${referral.id} has changed since version ${expectedVersion}`, {
          currentStatus: referral.status,
          currentVersion: referral.version,
        });
      }
      const refused = transitionError(partiesOf(ctx.viewer, referral), referral.status, status);
      if (refused) throw refused;
      const at = now();
      const code = args.declineReason ?? args.outcome ?? null;
      const change = em.create(ReferralStatusChange, {
        referral,
        fromStatus: referral.status,
        toStatus: status,
        changedBy: actor.sub,
        changedByOrganizationId: actor.org,
        code,
        note: text,
        changedAt: at,
      });
      referral.status = status;
      referral.statusReason = text;
      referral.version += 1;
      referral.updatedAt = at;
      if (args.declineReason) referral.declineReason = args.declineReason;
      if (args.outcome) {
        referral.outcome = args.outcome;
        referral.outcomeNote = text;
        referral.outcomeAt = at;
      }
      // The other party hears of it (and the family, when it concerns them); a self-referral tells nobody.
      const event: ReferralEvent = {
        key: `change:${change.id}`,
        event: NotificationEvent.STATUS_CHANGED,
        referral,
        fromStatus: change.fromStatus,
        toStatus: status,
        code,
        at,
        organizations: [referral.fromOrganizationId, referral.toOrganizationId].filter((o) => o !== actor.org),
      };
      if (redirectTo) {
        referral.redirectedToServiceId = redirectTo.id;
        // The family's consent was given for the original receiver: it is not carried over, so the
        // follow-on's receiver sees the need and ZIP code until the referring side records consent.
        await send(
          em,
          {
            fromOrganizationId: actor.org,
            toOrganizationId: redirectTo.organizationId,
            serviceId: redirectTo.id,
            sentBy: actor.sub,
            studentId: referral.studentId,
            familyContact: referral.familyContact ? { ...referral.familyContact } : null,
            imperative: referral.imperative,
            reason: referral.reason,
            urgency: referral.urgency,
            notes: referral.notes,
            zip: referral.zip,
            linkedReferralId: referral.id,
            linkKind: ReferralLinkKind.REDIRECT,
          },
          `Redirected from referral ${referral.id}`,
          at,
        );
      }
      await enqueueNotifications(em, [event]);
      return referral;
    });
  }

  @Mutation(() => ReferralComment, {
    nullable: true,
    description: 'Adds a message to a referral’s thread, readable by both organisations. Someone else’s referral is NOT_FOUND.',
  })
  async addReferralComment(@Args() { referralId, body }: AddReferralCommentArgs, @Ctx() ctx: HubContext): Promise<ReferralComment> {
    const text = normalizeText(body, 'body');
    if (!text) throw badInput('body is required', { field: 'body' });
    const actor = actorOf(ctx);
    if (!isUuid(referralId)) throw notFound('Referral', referralId);
    const referral = await ctx.em.findOne(Referral, { id: normalizeId(referralId) });
    if (!referral || referralAccessError(ctx.viewer, referral)) throw notFound('Referral', referralId);
    return ctx.em.transactional(async (em) => {
      const at = now();
      const comment = em.create(ReferralComment, {
        referral,
        body: text,
        authorSub: actor.sub,
        authorOrganizationId: actor.org,
        createdAt: at,
      });
      await enqueueNotifications(em, [
        {
          key: `comment:${comment.id}`,
          event: NotificationEvent.COMMENT_ADDED,
          referral,
          at,
          organizations: [referral.fromOrganizationId, referral.toOrganizationId].filter((o) => o !== actor.org),
        },
      ]);
      return comment;
    });
  }

  @Mutation(() => ReferralSweepResult, {
    description:
      'Expires every SENT referral past its response deadline now, recording each in its history. Hub operators (cec_admin); the running service also sweeps every C2C_REFERRAL_SWEEP_SECONDS.',
  })
  async expireOverdueReferrals(@Ctx() ctx: HubContext): Promise<ReferralSweepResult> {
    const at = now();
    const expired = await expireOverdue(ctx.em, at, { sub: ctx.viewer.sub ?? 'cec_admin', org: ctx.viewer.org ?? null });
    return { expired: expired.length, at };
  }
}
