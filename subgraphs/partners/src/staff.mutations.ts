import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { isUuid, normalizeId, notFound, type HubContext } from '@c2c/kernel';
import { Staff } from './staff.entity';
import { StaffInput } from './staff.input';
import { validStaff } from './staff.validation';

@Resolver(() => Staff)
export class StaffMutations {
  @Mutation(() => Staff, { nullable: true, description: 'Adds a staff record. Hub operators. CONFLICT for a duplicate email or subject.' })
  async createStaff(@Arg('input', () => StaffInput, { description: 'The record.' }) input: StaffInput, @Ctx() ctx: HubContext) {
    return ctx.em.transactional(async (em) => {
      const staff = em.create(Staff, await validStaff(em, input));
      await em.flush();
      return staff;
    });
  }

  @Mutation(() => Staff, { nullable: true, description: 'Replaces a staff record (deactivate with active: false). Hub operators.' })
  async updateStaff(
    @Arg('id', () => ID, { description: 'Staff id.' }) id: string,
    @Arg('input', () => StaffInput, { description: 'The new values of every field.' }) input: StaffInput,
    @Ctx() ctx: HubContext,
  ) {
    return ctx.em.transactional(async (em) => {
      const key = normalizeId(id);
      const staff = isUuid(key) ? await em.findOne(Staff, { id: key }) : null;
      if (!staff) throw notFound('Staff', id);
      em.assign(staff, await validStaff(em, input, staff.id));
      await em.flush();
      return staff;
    });
  }
}
