import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { SyncedRecord } from './synced-record.entity';

/** OneRoster demographics, one row per student, with the hub's metadata.* extension columns. */
@Entity({ tableName: 'student_demographics' })
@Index({ properties: ['studentId'] })
@ObjectType({
  description:
    'A student’s demographics as OneRoster codes them, plus economic disadvantage, disability, English learner status and home zip. District only.',
})
export class StudentDemographics extends SyncedRecord {
  [OptionalProps]?: 'status';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier, derived from the sourcedId.' })
  id: string;

  @Property({ length: 255 })
  @Unique()
  @Field({ description: 'The identifier the student information system uses for this record.' })
  sourcedId: string;

  @Property({ type: 'uuid' })
  studentId: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'Date of birth, YYYY-MM-DD.' })
  birthDate?: string | null;

  @Property({ length: 20, nullable: true })
  @Field(() => String, { nullable: true, description: 'OneRoster sex: male, female, other or unspecified.' })
  sex?: string | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'OneRoster americanIndianOrAlaskaNative.' })
  americanIndianOrAlaskaNative?: boolean | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'OneRoster asian.' })
  asian?: boolean | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'OneRoster blackOrAfricanAmerican.' })
  blackOrAfricanAmerican?: boolean | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'OneRoster nativeHawaiianOrOtherPacificIslander.' })
  nativeHawaiianOrOtherPacificIslander?: boolean | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'OneRoster white.' })
  white?: boolean | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'OneRoster demographicRaceTwoOrMoreRaces.' })
  demographicRaceTwoOrMoreRaces?: boolean | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'OneRoster hispanicOrLatinoEthnicity.' })
  hispanicOrLatinoEthnicity?: boolean | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, {
    nullable: true,
    description: 'Economically disadvantaged (extension column metadata.economicallyDisadvantaged).',
  })
  economicallyDisadvantaged?: boolean | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'Has a disability (extension column metadata.disability).' })
  disability?: boolean | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'English learner (extension column metadata.englishLearner).' })
  englishLearner?: boolean | null;

  @Property({ length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: 'Home zip code (extension column metadata.homeZip).' })
  homeZip?: string | null;
}
