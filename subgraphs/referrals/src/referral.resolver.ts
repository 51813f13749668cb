import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { connectionOf, hasRole, notFound, pageWindow, unauthenticated, type HubContext } from '@c2c/kernel';
import { now } from './clock.logic';
import { FamilyContact } from './family-contact.embeddable';
import { Organization } from './organization.stub';
import { ReferralConnection } from './organization.resolver';
import { Service } from './service.stub';
import { Student } from './student.stub';
import { maySeePersonal, partiesOf, referralAccessError } from './referral.access';
import { Referral } from './referral.entity';
import { OverdueReferralsArgs, ReferralsArgs } from './referral.input';
import { commentsByReferral, followOnByReferral, historyByReferral, referralById } from './referral.loaders';
import { OverdueReferral, OverdueReferralConnection } from './referral.types';
import { ConsentScope, ReferralDirection } from './referral-codes.enum';
import { ReferralComment } from './referral-comment.entity';
import { ReferralConsent } from './referral-consent.embeddable';
import { isEscalated, isOverdue } from './referral-deadline.logic';
import { ReferralStatusChange } from './referral-status-change.entity';
import { OPEN_STATUSES, ReferralStatus, TASK_STATUS } from './referral-status.enum';

/** Overdue at `at`, as SQL: unanswered past the response deadline, or still open past escalation. */
export const overdueWhere = (at: Date): FilterQuery<Referral> => ({
  $or: [
    { status: ReferralStatus.SENT, responseDueAt: { $lte: at } },
    { status: { $in: [...OPEN_STATUSES] }, escalateAt: { $lte: at } },
  ],
});

const ORDER = { orderBy: { createdAt: 'desc', id: 'desc' } } as const;

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => Referral, {
    nullable: true,
    description:
      'One referral by id. Only staff of the referring or receiving organisation may read it: for anyone else, as for an id that does not exist, NOT_FOUND.',
  })
  async referral(@Arg('id', () => ID, { description: 'Referral id.' }) id: string, @Ctx() ctx: HubContext) {
    if (ctx.viewer.anonymous) throw unauthenticated();
    const referral = await referralById(ctx).load(id);
    // Someone else's referral is reported missing, like an id that does not exist.
    if (!referral || referralAccessError(ctx.viewer, referral)) throw notFound('Referral', id);
    return referral;
  }

  @Query(() => ReferralConnection, {
    nullable: true,
    description: 'Your organisation’s referrals, sent or received, newest first. Partner staff only.',
  })
  async referrals(@Args() args: ReferralsArgs, @Ctx() ctx: HubContext) {
    const page = pageWindow(args);
    const org = ctx.viewer.org!;
    const where: FilterQuery<Referral>[] = [
      args.direction === ReferralDirection.SENT ? { fromOrganizationId: org } : { toOrganizationId: org },
    ];
    if (args.status) where.push({ status: args.status });
    if (args.overdue === true) where.push(overdueWhere(now()));
    if (args.overdue === false) where.push({ $not: overdueWhere(now()) });
    const [rows, total] = await ctx.em.findAndCount(Referral, { $and: where }, { ...ORDER, limit: page.limit, offset: page.offset });
    return connectionOf(rows, total, page);
  }

  @Query(() => OverdueReferralConnection, {
    nullable: true,
    description:
      'The "black hole" list: referrals unanswered past their response deadline or still open past escalation, oldest deadline first. Partner staff see those their organisation received; hub operators (cec_admin) every organisation’s, without personal data.',
  })
  async overdueReferrals(@Args() args: OverdueReferralsArgs, @Ctx() ctx: HubContext) {
    const page = pageWindow(args);
    const at = now();
    const where: FilterQuery<Referral>[] = [overdueWhere(at)];
    if (args.escalatedOnly) where.push({ status: { $in: [...OPEN_STATUSES] }, escalateAt: { $lte: at } });
    // Hub operators see every organisation's list; partner staff their own inbox only.
    if (!hasRole(ctx.viewer, 'cec_admin')) where.push({ toOrganizationId: ctx.viewer.org! });
    const [rows, total] = await ctx.em.findAndCount(
      Referral,
      { $and: where },
      { orderBy: { responseDueAt: 'asc', id: 'asc' }, limit: page.limit, offset: page.offset },
    );
    // Cache the rows for `OverdueReferral.referral`, so that costs no further statement.
    for (const r of rows) referralById(ctx).prime(r.id, r);
    const items: OverdueReferral[] = rows.map((r) => ({
      id: r.id,
      status: r.status,
      sentAt: r.createdAt,
      responseDueAt: r.responseDueAt ?? null,
      escalateAt: r.escalateAt ?? null,
      escalated: isEscalated({ status: r.status, responseDueAt: r.responseDueAt!, escalateAt: r.escalateAt! }, at),
      fromOrganizationId: r.fromOrganizationId,
      toOrganizationId: r.toOrganizationId,
      serviceId: r.serviceId,
    }));
    return connectionOf(items, total, page);
  }

  @FieldResolver(() => String, {
    description:
      'The HL7 FHIR Task.status of `status` (Gravity SDOH): requested, accepted, rejected (DECLINED, REDIRECTED), on-hold (WAITLISTED), in-progress, completed, failed, cancelled (WITHDRAWN, EXPIRED).',
  })
  taskStatus(@Root() referral: Referral): string {
    return TASK_STATUS[referral.status];
  }

  @FieldResolver(() => Organization, { description: 'The organisation that sent the referral.' })
  fromOrganization(@Root() referral: Referral): Organization {
    return { id: referral.fromOrganizationId };
  }

  @FieldResolver(() => Organization, { description: 'The organisation the referral was sent to: the provider of the service.' })
  toOrganization(@Root() referral: Referral): Organization {
    return { id: referral.toOrganizationId };
  }

  @FieldResolver(() => Service, { description: 'The service the family is referred to.' })
  service(@Root() referral: Referral): Service {
    return { id: referral.serviceId };
  }

  @FieldResolver(() => Student, {
    nullable: true,
    description:
      'The student referred, when the referral names one. The receiving organisation sees it only under the family’s consent in force covering SHARE_STUDENT_RECORD; the students subgraph then decides which fields it may read.',
  })
  student(@Root() referral: Referral, @Ctx() ctx: HubContext): Student | null {
    if (!referral.studentId || !maySeePersonal(ctx.viewer, referral, ConsentScope.SHARE_STUDENT_RECORD, now())) return null;
    return { id: referral.studentId };
  }

  @FieldResolver(() => FamilyContact, {
    nullable: true,
    description:
      'Who to contact, for a referral about a family rather than a student. The receiving organisation sees it only under the family’s consent in force covering SHARE_CONTACT.',
  })
  familyContact(@Root() referral: Referral, @Ctx() ctx: HubContext): FamilyContact | null {
    if (!referral.familyContact || !maySeePersonal(ctx.viewer, referral, ConsentScope.SHARE_CONTACT, now())) return null;
    return referral.familyContact;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Notes from the referring organisation; the receiver sees them only under consent in force covering SHARE_CONTACT.',
  })
  notes(@Root() referral: Referral, @Ctx() ctx: HubContext): string | null {
    if (!referral.notes || !maySeePersonal(ctx.viewer, referral, ConsentScope.SHARE_CONTACT, now())) return null;
    return referral.notes;
  }

  @FieldResolver(() => ReferralConsent, {
    nullable: true,
    description: 'The family’s consent as recorded by the sender; the receiver sees it only while it covers SHARE_CONTACT and is in force.',
  })
  consent(@Root() referral: Referral, @Ctx() ctx: HubContext): ReferralConsent | null {
    if (!referral.consent || !maySeePersonal(ctx.viewer, referral, ConsentScope.SHARE_CONTACT, now())) return null;
    return referral.consent;
  }

  @FieldResolver(() => [ConsentScope], { description: 'What the family’s consent covers right now (empty when none is in force).' })
  consentInForce(@Root() referral: Referral): ConsentScope[] {
    const at = now();
    const c = referral.consent;
    if (!c || c.givenAt.getTime() > at.getTime() || (c.expiresAt && c.expiresAt.getTime() <= at.getTime())) return [];
    return c.covers;
  }

  @FieldResolver(() => Boolean, { description: 'Unanswered past the response deadline, or still open past the escalation deadline.' })
  overdue(@Root() referral: Referral): boolean {
    return isOverdue({ status: referral.status, responseDueAt: referral.responseDueAt!, escalateAt: referral.escalateAt! }, now());
  }

  @FieldResolver(() => Boolean, { description: 'Still open past the escalation deadline: the hub operator follows it up.' })
  escalated(@Root() referral: Referral): boolean {
    return isEscalated({ status: referral.status, responseDueAt: referral.responseDueAt!, escalateAt: referral.escalateAt! }, now());
  }

  @FieldResolver(() => Referral, {
    nullable: true,
    description:
      'The earlier referral this one follows (after a redirect) or knowingly duplicates (`linkKind`); null when there is none or you may not read it.',
  })
  async linkedReferral(@Root() referral: Referral, @Ctx() ctx: HubContext): Promise<Referral | null> {
    if (!referral.linkedReferralId) return null;
    const linked = await referralById(ctx).load(referral.linkedReferralId);
    return linked && partiesOf(ctx.viewer, linked).length ? linked : null;
  }

  @FieldResolver(() => Referral, {
    nullable: true,
    description:
      'On a REDIRECTED referral: the follow-on referral the redirect created. Null when there is none or you may not read it (the original referring organisation is not a party to the follow-on; it sees `redirectedToService`).',
  })
  async followOnReferral(@Root() referral: Referral, @Ctx() ctx: HubContext): Promise<Referral | null> {
    if (referral.status !== ReferralStatus.REDIRECTED) return null;
    const next = await followOnByReferral(ctx).load(referral.id);
    return next && partiesOf(ctx.viewer, next).length ? next : null;
  }

  @FieldResolver(() => Service, { nullable: true, description: 'On a REDIRECTED referral: the service the family was sent on to.' })
  redirectedToService(@Root() referral: Referral): Service | null {
    return referral.redirectedToServiceId ? { id: referral.redirectedToServiceId } : null;
  }

  @FieldResolver(() => [ReferralStatusChange], {
    description: 'Every change of the referral, oldest first, starting with its sending.',
  })
  history(@Root() referral: Referral, @Ctx() ctx: HubContext) {
    return historyByReferral(ctx).load(referral.id);
  }

  @FieldResolver(() => [ReferralComment], { description: 'The thread between the two organisations, oldest first.' })
  comments(@Root() referral: Referral, @Ctx() ctx: HubContext) {
    return commentsByReferral(ctx).load(referral.id);
  }
}

@Resolver(() => ReferralStatusChange)
export class ReferralStatusChangeResolver {
  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organisation on whose behalf the change was made; null for an expiry by the sweep.',
  })
  changedByOrganization(@Root() change: ReferralStatusChange): Organization | null {
    return change.changedByOrganizationId ? { id: change.changedByOrganizationId } : null;
  }
}

@Resolver(() => ReferralComment)
export class ReferralCommentResolver {
  @FieldResolver(() => Organization, { description: 'The organisation the author wrote for.' })
  authorOrganization(@Root() comment: ReferralComment): Organization {
    return { id: comment.authorOrganizationId };
  }
}

@Resolver(() => OverdueReferral)
export class OverdueReferralResolver {
  @FieldResolver(() => Organization, { description: 'The organisation that sent it.' })
  fromOrganization(@Root() o: OverdueReferral): Organization {
    return { id: o.fromOrganizationId };
  }

  @FieldResolver(() => Organization, { description: 'The organisation that has not answered.' })
  toOrganization(@Root() o: OverdueReferral): Organization {
    return { id: o.toOrganizationId };
  }

  @FieldResolver(() => Service, { description: 'The service it was sent to.' })
  service(@Root() o: OverdueReferral): Service {
    return { id: o.serviceId };
  }

  @FieldResolver(() => Referral, {
    nullable: true,
    description: 'The referral itself: only for staff of its two organisations, else null.',
  })
  async referral(@Root() o: OverdueReferral, @Ctx() ctx: HubContext): Promise<Referral | null> {
    const r = await referralById(ctx).load(o.id);
    return r && partiesOf(ctx.viewer, r).length ? r : null;
  }
}
