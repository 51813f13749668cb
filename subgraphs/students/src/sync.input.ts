import { GraphQLError, GraphQLScalarType, valueFromASTUntyped } from 'graphql';
import { Field, Float, InputType, Int } from 'type-graphql';

/**
 * The columns every synchronised row starts with. Values arrive as the SIS wrote them (status
 * and dates as text) so that a bad one refuses its row, with the field named, rather than the
 * whole request failing GraphQL validation.
 */
@InputType('SyncRowBaseInput', { description: 'The columns every synchronised row starts with (a base, not used on its own).' })
export class SyncRowInput {
  @Field(() => Int, { nullable: true, description: 'Line of the row in its source file, echoed in the result so problems can be found.' })
  line?: number | null;

  @Field(() => String, { description: 'The SIS’s identifier of the record; the key of every upsert.' })
  sourcedId: string;

  @Field(() => String, { nullable: true, description: 'OneRoster status: "active" (or empty) upserts, "tobedeleted" deactivates.' })
  status?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'OneRoster dateLastModified, ISO 8601. A row older than the stored record changes nothing.',
  })
  dateLastModified?: string | null;
}

@InputType({ description: 'A OneRoster org (orgs.csv row).' })
export class SchoolRowInput extends SyncRowInput {
  @Field(() => String, { nullable: true, description: 'Name of the school.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'OneRoster org type (school, district, department…); "school" when empty.' })
  type?: string | null;

  @Field(() => String, { nullable: true, description: 'State or district identifier of the school.' })
  identifier?: string | null;

  @Field(() => String, { nullable: true, description: 'sourcedId of the parent org.' })
  parentSourcedId?: string | null;
}

@InputType({ description: 'A OneRoster academicSession (academicSessions.csv row).' })
export class AcademicSessionRowInput extends SyncRowInput {
  @Field(() => String, { nullable: true, description: 'Title of the session.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'gradingPeriod, semester, schoolYear or term.' })
  type?: string | null;

  @Field(() => String, { nullable: true, description: 'First day, YYYY-MM-DD.' })
  startDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day, YYYY-MM-DD.' })
  endDate?: string | null;

  @Field(() => String, { nullable: true, description: 'School year, as OneRoster gives it (e.g. "2027").' })
  schoolYear?: string | null;
}

@InputType({ description: 'A OneRoster course (courses.csv row).' })
export class CourseRowInput extends SyncRowInput {
  @Field(() => String, { nullable: true, description: 'Title of the course.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'The district’s course code.' })
  courseCode?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'OneRoster grades the course is for ("9", "09", "KG"), stored as the hub’s grade codes.',
  })
  grades?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Subjects, e.g. ["Mathematics"].' })
  subjects?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Subject codes (e.g. SCED codes), in the order of subjects.' })
  subjectCodes?: string[] | null;
}

@InputType({ description: 'A OneRoster class (classes.csv row; Ed-Fi calls it a Section).' })
export class ClassRowInput extends SyncRowInput {
  @Field(() => String, { nullable: true, description: 'Title of the class.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'The district’s code of the class.' })
  classCode?: string | null;

  @Field(() => String, { nullable: true, description: 'homeroom or scheduled (any case), or an "ext:" extension value.' })
  classType?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the class meets.' })
  location?: string | null;

  @Field(() => [String], { nullable: true, description: 'OneRoster grades of the class ("9", "09", "KG").' })
  grades?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Subjects.' })
  subjects?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Subject codes, in the order of subjects.' })
  subjectCodes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'sourcedId of the course; when given, the course must be known.' })
  courseSourcedId?: string | null;

  @Field(() => String, { nullable: true, description: 'sourcedId of the school; it must be known.' })
  schoolSourcedId?: string | null;

  @Field(() => [String], { nullable: true, description: 'sourcedIds of the terms (academic sessions) the class runs in, as sent.' })
  termSourcedIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'The periods the class meets in, e.g. ["1", "2"].' })
  periods?: string[] | null;
}

@InputType({ description: 'A OneRoster user with role student (users.csv row).' })
export class StudentRowInput extends SyncRowInput {
  @Field(() => String, { nullable: true, description: 'Given name.' })
  givenName?: string | null;

  @Field(() => String, { nullable: true, description: 'Family name.' })
  familyName?: string | null;

  @Field(() => String, { nullable: true, description: 'The district’s student number (OneRoster identifier).' })
  districtId?: string | null;

  @Field(() => String, { nullable: true, description: 'OneRoster grades; the first is the student’s grade ("9", "09", "KG").' })
  grade?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'sourcedId of the student’s school (the first of orgSourcedIds, or primaryOrgSourcedId).',
  })
  schoolSourcedId?: string | null;
}

@InputType({ description: 'A OneRoster demographics row, with the hub’s metadata.* extension columns. sourcedId is the userSourcedId.' })
export class DemographicsRowInput extends SyncRowInput {
  @Field(() => String, { nullable: true, description: 'Date of birth, YYYY-MM-DD.' })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: 'male, female, other or unspecified.' })
  sex?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'americanIndianOrAlaskaNative.' })
  americanIndianOrAlaskaNative?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'asian.' })
  asian?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'blackOrAfricanAmerican.' })
  blackOrAfricanAmerican?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'nativeHawaiianOrOtherPacificIslander.' })
  nativeHawaiianOrOtherPacificIslander?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'white.' })
  white?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'demographicRaceTwoOrMoreRaces.' })
  demographicRaceTwoOrMoreRaces?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'hispanicOrLatinoEthnicity.' })
  hispanicOrLatinoEthnicity?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'metadata.economicallyDisadvantaged.' })
  economicallyDisadvantaged?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'metadata.disability.' })
  disability?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'metadata.englishLearner.' })
  englishLearner?: boolean | null;

  @Field(() => String, { nullable: true, description: 'metadata.homeZip.' })
  homeZip?: string | null;
}

@InputType({ description: 'A OneRoster enrollment of a student (enrollments.csv row with role student).' })
export class EnrollmentRowInput extends SyncRowInput {
  @Field(() => String, { nullable: true, description: 'sourcedId of the student (userSourcedId).' })
  studentSourcedId?: string | null;

  @Field(() => String, { nullable: true, description: 'sourcedId of the school.' })
  schoolSourcedId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'sourcedId of the class; when given, the class must be known (upsertClasses). Empty for a school-level enrollment.',
  })
  classSourcedId?: string | null;

  @Field(() => String, { nullable: true, description: 'First day (beginDate), YYYY-MM-DD.' })
  beginDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Last day (endDate), YYYY-MM-DD.' })
  endDate?: string | null;
}

@InputType('StudentRecordRowBaseInput', { description: 'The columns every student record row starts with (a base, not used on its own).' })
export class StudentRecordRowInput extends SyncRowInput {
  @Field(() => String, { nullable: true, description: 'sourcedId of the student.' })
  studentSourcedId?: string | null;
}

@InputType({ description: 'A row of the file.attendance extension file.' })
export class AttendanceRowInput extends StudentRecordRowInput {
  @Field(() => String, { nullable: true, description: 'sourcedId of the school.' })
  schoolSourcedId?: string | null;

  @Field(() => String, { nullable: true, description: 'The school day, YYYY-MM-DD.' })
  date?: string | null;

  @Field(() => String, { nullable: true, description: 'present, excusedAbsence, unexcusedAbsence, tardy or earlyDeparture.' })
  category?: string | null;
}

@InputType({ description: 'A row of the file.incidents extension file.' })
export class IncidentRowInput extends StudentRecordRowInput {
  @Field(() => String, { nullable: true, description: 'sourcedId of the school.' })
  schoolSourcedId?: string | null;

  @Field(() => String, { nullable: true, description: 'Day of the incident, YYYY-MM-DD.' })
  date?: string | null;

  @Field(() => String, { nullable: true, description: 'Kind of incident.' })
  type?: string | null;

  @Field(() => String, { nullable: true, description: 'Action taken.' })
  action?: string | null;

  @Field(() => Float, { nullable: true, description: 'School days removed from class; 0 when empty.' })
  daysRemoved?: number | null;
}

@InputType({ description: 'A row of the file.assessments extension file.' })
export class AssessmentRowInput extends StudentRecordRowInput {
  @Field(() => String, { nullable: true, description: 'The assessment (MAP, SBAC, the state test).' })
  assessment?: string | null;

  @Field(() => String, { nullable: true, description: 'Subject assessed.' })
  subject?: string | null;

  @Field(() => String, { nullable: true, description: 'Day taken, YYYY-MM-DD.' })
  administrationDate?: string | null;

  @Field(() => Float, { nullable: true, description: 'Scale score.' })
  scaleScore?: number | null;

  @Field(() => String, { nullable: true, description: 'Performance level.' })
  performanceLevel?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the result is proficient.' })
  proficient?: boolean | null;
}

@InputType({ description: 'A row of the file.grades extension file: a course transcript entry.' })
export class GradeRowInput extends StudentRecordRowInput {
  @Field(() => String, { nullable: true, description: 'sourcedId of the course.' })
  courseSourcedId?: string | null;

  @Field(() => String, { nullable: true, description: 'sourcedId of the academic session.' })
  academicSessionSourcedId?: string | null;

  @Field(() => String, { nullable: true, description: 'Final mark.' })
  mark?: string | null;

  @Field(() => Float, { nullable: true, description: 'Credits earned.' })
  creditsEarned?: number | null;
}

@InputType({ description: 'A row the sync client refused before sending it (malformed CSV, wrong encoding, a value of the wrong type).' })
export class SyncRowProblemInput {
  @Field(() => Int, { nullable: true, description: 'Line in the file.' })
  line?: number | null;

  @Field(() => String, { nullable: true, description: 'sourcedId of the row, if it could be read.' })
  sourcedId?: string | null;

  @Field(() => String, { nullable: true, description: 'The column at fault.' })
  field?: string | null;

  @Field(() => String, { description: 'Why the row was refused.' })
  reason: string;
}

/**
 * A batch as one value instead of thousands of input objects: the gateway and the subgraph
 * coerce a list of 4,000 objects field by field (in the profile of a 250,000-row sync that was
 * the largest single cost of either process), and a scalar is passed through whole. The
 * subgraph then checks each value against its field's type itself, per row.
 */
export const SyncRowTable = new GraphQLScalarType({
  name: 'SyncRowTable',
  description:
    'A batch of rows as a table: a JSON array holding one array of values per row, in the order the mutation’s columns name. A value is a string, a number, a boolean, null, or an array of strings for a list field.',
  serialize: () => {
    throw new GraphQLError('SyncRowTable is an input only');
  },
  parseValue: parseRowTable,
  parseLiteral: (ast, variables) => parseRowTable(valueFromASTUntyped(ast, variables)),
});

function parseRowTable(value: unknown): unknown[][] {
  if (!Array.isArray(value) || !value.every((row) => Array.isArray(row)))
    throw new GraphQLError('SyncRowTable must be an array of rows, each an array of values', {
      extensions: { code: 'BAD_USER_INPUT', field: 'rows' },
    });
  return value;
}
