import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { RecordStatus } from './record-status.enum';

/** OneRoster demographics, one row per student, with the hub's metadata.* extension columns. */
@Entity({ tableName: 'student_demographics' })
@Index({ properties: ['studentId'] })
@ObjectType({
  description:
    'A student’s demographics as OneRoster codes them, plus economic disadvantage, disability, English learner status and home zip. District only.',
})
export class StudentDemographics {
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

  @Property({ type: 'string', length: 20 })
  @Field(() => RecordStatus, {
    description: 'OneRoster status of the record: TOBEDELETED once the SIS deleted it or a bulk file left it out.',
  })
  status: RecordStatus = RecordStatus.ACTIVE;

  @Property({ length: 40, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'dateLastModified as the SIS sent it (ISO 8601); an older one never overwrites a newer.',
  })
  dateLastModified?: string | null;

  /** Hash of the synchronised values: an identical row is UNCHANGED without comparing columns. */
  @Property({ length: 40, nullable: true })
  fingerprint?: string | null;

  /** The sync run that last saw the row: a bulk file deactivates what its run did not see. */
  @Property({ type: 'uuid', nullable: true })
  seenRun?: string | null;
}
