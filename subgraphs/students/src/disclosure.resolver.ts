import { Args, ArgsType, Ctx, Field, ID, Query, Resolver } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { badInput, Connection, connectionOf, isUuid, normalizeId, PageArgs, pageWindow, type HubContext } from '@c2c/kernel';
import { Disclosure } from './disclosure.entity';

export const DisclosureConnection = Connection(Disclosure, 'Disclosure', 'A page of the disclosure audit log, newest first.');

@ArgsType()
export class DisclosureFilter extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only disclosures of this student.' })
  studentId?: string;
}

@Resolver(() => Disclosure)
export class DisclosureResolver {
  @Query(() => DisclosureConnection, {
    nullable: true,
    description:
      'The disclosure audit log: every read of student records by someone outside the district, newest first. District administrators only.',
  })
  async disclosures(@Args() args: DisclosureFilter, @Ctx() ctx: HubContext) {
    const page = pageWindow(args);
    const where: FilterQuery<Disclosure> = {};
    if (args.studentId !== undefined && args.studentId !== null) {
      const studentId = normalizeId(args.studentId);
      if (!isUuid(studentId)) throw badInput('studentId must be a Student id', { field: 'studentId' });
      where.studentId = studentId;
    }
    const [items, total] = await ctx.em.findAndCount(Disclosure, where, {
      orderBy: { createdAt: 'desc', id: 'asc' },
      limit: page.limit,
      offset: page.offset,
    });
    return connectionOf(items, total, page);
  }
}
