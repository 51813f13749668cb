import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Connection, type HubContext } from '@c2c/kernel';
import { Organization as OrganizationRef } from './organization.stub';
import { now } from './clock.logic';
import { ProgramParticipation } from './program-participation.entity';
import { consentIsActive } from './student.access';
import { ParticipationChange } from './participation-change.entity';
import { Student } from './student.entity';
import { changesByParticipation, studentById } from './student.loaders';

export const ProgramParticipationConnection = Connection(
  ProgramParticipation,
  'ProgramParticipation',
  'A page of programme participations.',
);

@Resolver(() => ProgramParticipation)
export class ProgramParticipationResolver {
  @FieldResolver(() => Student, {
    nullable: true,
    description: 'The participating student; null with FORBIDDEN when the viewer may not read that student now.',
  })
  student(@Root() p: ProgramParticipation, @Ctx() ctx: HubContext) {
    return studentById(ctx).load(p.student.id);
  }

  @FieldResolver(() => OrganizationRef, { description: 'The organisation running the programme.' })
  organization(@Root() p: ProgramParticipation): OrganizationRef {
    return { id: p.organizationId };
  }

  @FieldResolver(() => Boolean, { description: 'True while consent has been given and is neither revoked nor expired.' })
  consentActive(@Root() p: ProgramParticipation): boolean {
    return consentIsActive(p, now());
  }

  @FieldResolver(() => [ParticipationChange], {
    description: 'Every change to the participation, oldest first: enrolment, each consent recorded or revoked, the exit.',
  })
  history(@Root() p: ProgramParticipation, @Ctx() ctx: HubContext) {
    return changesByParticipation(ctx).load(p.id);
  }
}
