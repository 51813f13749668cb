import { Imperative } from '@c2c/kernel';
import { demoId, prng, type Prng } from './random';

/**
 * The demo collaborative: one district and its schools, charter academies, early learning
 * providers, community organisations, city agencies, health providers and funders in one
 * city, with services, students, program participation, referrals and events that refer to
 * each other by id. Every subgraph seeds its own slice of it; nothing here is random at run
 * time (a fixed seed), so the ids agree across databases.
 */

export type DemoSector =
  | 'DISTRICT'
  | 'SCHOOL'
  | 'PUBLIC_SCHOOL_ACADEMY'
  | 'EARLY_LEARNING_PROVIDER'
  | 'COMMUNITY_ORGANIZATION'
  | 'CITY_AGENCY'
  | 'HEALTH'
  | 'FUNDER';

export interface DemoOrganization {
  id: string;
  slug: string;
  name: string;
  sector: DemoSector;
  imperatives: Imperative[];
  street: string;
  city: string;
  state: string;
  zip: string;
  website: string;
  phone: string;
  email: string;
  description: string;
  latitude: number;
  longitude: number;
}

export interface DemoCostOption {
  option: string;
  amount: number;
  currency: string;
  amountDescription: string;
}

export interface DemoService {
  id: string;
  organizationId: string;
  /** The listing's name: the provider and the programme, and the street when the provider runs it at several sites. */
  name: string;
  /** The kind of programme (a template's name, e.g. "Food pantry"): what its taxonomy term is named after. */
  programme: string;
  description: string;
  imperative: Imperative;
  status: 'ACTIVE' | 'INACTIVE' | 'DEFUNCT' | 'TEMPORARILY_CLOSED';
  minimumAge: number | null;
  maximumAge: number | null;
  free: boolean;
  fees: string | null;
  /** Prices, for a service that is not free. */
  costOptions: DemoCostOption[];
  languages: string[];
  url: string;
  email: string;
  phone: string;
  street: string;
  city: string;
  state: string;
  zip: string;
  latitude: number;
  longitude: number;
}

export interface DemoStudent {
  id: string;
  sourcedId: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  grade: string;
  schoolId: string;
  gender: 'female' | 'male' | 'nonbinary';
  entryDate: string;
}

export interface DemoParticipation {
  id: string;
  studentId: string;
  organizationId: string;
  programName: string;
  startDate: string;
  endDate: string | null;
  consentGivenAt: string | null;
  consentExpiresAt: string | null;
  consentRevokedAt: string | null;
  consentGivenBy: string | null;
  /** The caseload: the organisation's first staff member has every participant, its second every other one. */
  assignedStaffIds: string[];
}

export type DemoReferralStatus = 'SENT' | 'ACCEPTED' | 'DECLINED' | 'IN_PROGRESS' | 'COMPLETED' | 'WITHDRAWN';

export interface DemoReferral {
  id: string;
  fromOrganizationId: string;
  toOrganizationId: string;
  serviceId: string;
  studentId: string | null;
  familyContactName: string | null;
  familyContactPhone: string | null;
  reason: string;
  status: DemoReferralStatus;
  createdAt: string;
  updatedAt: string;
}

export interface DemoEvent {
  id: string;
  organizationId: string;
  title: string;
  date: string;
  type: 'WORKSHOP' | 'PLAYGROUP' | 'COMMUNITY_EVENT' | 'SCREENING' | 'HOME_VISIT' | 'TRAINING' | 'RESOURCE_FAIR';
  description: string;
  street: string;
  city: string;
  zip: string;
  targetAudience: string;
  engagementLevel: 'TOUCHPOINT' | 'LEVEL_ONE' | 'LEVEL_TWO' | 'DAY_OF_THE_YOUNG_CHILD';
  attendees: number;
}

export interface DemoUniverse {
  organizations: DemoOrganization[];
  services: DemoService[];
  students: DemoStudent[];
  participations: DemoParticipation[];
  referrals: DemoReferral[];
  events: DemoEvent[];
  /** Data-sharing agreements (partners subgraph); generated with a PRNG of their own after everything else. */
  agreements: DemoAgreement[];
  /** Staff of the organisations and of the hub (partners subgraph); a PRNG of their own, after everything else. */
  staff: DemoStaff[];
  /** School–partner partnerships with alignment reviews (partners subgraph); a PRNG of their own, after everything else. */
  partnerships: DemoPartnership[];
  alignmentReviews: DemoAlignmentReview[];
}

export const FOCUS_AREAS = [
  'AFTERSCHOOL_AND_SUMMER',
  'MENTAL_HEALTH',
  'EARLY_CHILDHOOD',
  'FAMILY_ENGAGEMENT',
  'COLLEGE_AND_CAREER',
  'BASIC_NEEDS',
] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];

export interface DemoPartnership {
  id: string;
  /** A school, charter academy or the district. */
  schoolId: string;
  partnerOrganizationId: string;
  focusAreas: FocusArea[];
  status: 'PROPOSED' | 'ACTIVE' | 'ENDED';
  startDate: string;
  endDate: string | null;
}

export interface DemoAlignmentReview {
  id: string;
  partnershipId: string;
  alignment: 'ALIGNED' | 'PARTLY_ALIGNED' | 'NOT_ALIGNED';
  reviewer: string;
  reviewedOn: string;
  notes: string;
}

/**
 * Each school (and the district) partners with two to four community organisations; most
 * partnerships are active, a few proposed or ended; most active ones have been reviewed for
 * alignment with the district's priorities, some twice (the later review counts).
 */
function buildPartnerships(organizations: DemoOrganization[]): {
  partnerships: DemoPartnership[];
  alignmentReviews: DemoAlignmentReview[];
} {
  const r = prng(0x9a27);
  const schools = organizations.filter((o) => ['SCHOOL', 'PUBLIC_SCHOOL_ACADEMY', 'DISTRICT'].includes(o.sector));
  const partnersPool = organizations.filter((o) =>
    ['COMMUNITY_ORGANIZATION', 'HEALTH', 'EARLY_LEARNING_PROVIDER', 'CITY_AGENCY'].includes(o.sector),
  );
  const partnerships: DemoPartnership[] = [];
  const alignmentReviews: DemoAlignmentReview[] = [];
  const ALIGNMENTS = ['ALIGNED', 'ALIGNED', 'PARTLY_ALIGNED', 'NOT_ALIGNED'] as const;
  for (const school of schools) {
    for (const partner of r.sample(partnersPool, r.int(2, 4))) {
      const id = demoId('partnership', `${school.slug}:${partner.slug}`);
      const roll = r.next();
      const status: DemoPartnership['status'] = roll < 0.12 ? 'PROPOSED' : roll < 0.22 ? 'ENDED' : 'ACTIVE';
      partnerships.push({
        id,
        schoolId: school.id,
        partnerOrganizationId: partner.id,
        focusAreas: r.sample(FOCUS_AREAS, r.int(1, 2)),
        status,
        startDate: status === 'PROPOSED' ? '2027-01-15' : isoDate(r.int(2023, 2026), r.int(1, 8), r.int(1, 28)),
        endDate: status === 'ENDED' ? '2026-06-30' : null,
      });
      if (status === 'PROPOSED' || r.chance(0.15)) continue;
      const reviews = r.chance(0.3) ? 2 : 1;
      for (let i = 0; i < reviews; i++) {
        alignmentReviews.push({
          id: demoId('alignment-review', `${id}:${i}`),
          partnershipId: id,
          alignment: r.pick(ALIGNMENTS),
          reviewer: 'Family and Community Engagement Department',
          reviewedOn: isoDate(2025 + i, r.int(1, 10), r.int(1, 28)),
          notes: i === 0 ? 'Mapped against the partnerships policy.' : 'Reviewed again after the programme changed.',
        });
      }
    }
  }
  return { partnerships, alignmentReviews };
}

export interface DemoStaff {
  id: string;
  /** Null for the hub's own staff (cec_admin, evaluator). */
  organizationId: string | null;
  name: string;
  email: string;
  roles: ('partner_staff' | 'partner_admin' | 'district_sis' | 'district_admin' | 'cec_admin' | 'evaluator')[];
  /** The identity provider's `sub` for this person. */
  subject: string;
  active: boolean;
}

const STAFF_GIVEN = ['Amara', 'Jordan', 'Lena', 'Marcus', 'Priya', 'Tomas', 'Keisha', 'Omar', 'Grace', 'Diego', 'Hana', 'Samuel'];
const STAFF_FAMILY = ['Reyes', 'Okafor', 'Lindqvist', 'Washington', 'Nguyen', 'Haddad', 'Brooks', 'Kowalski', 'Mensah', 'Alvarez'];

/**
 * Two staff per organisation (the district's are district_admin and district_sis; everyone
 * else's partner_staff, the second of every fifth organisation inactive), plus the hub's
 * operator and evaluator, and one partner administrator (partner_admin) per partner organisation.
 */
function buildStaff(organizations: DemoOrganization[]): DemoStaff[] {
  const r = prng(0x57af);
  const out: DemoStaff[] = [];
  const person = (key: string, organizationId: string | null, domain: string, roles: DemoStaff['roles'], active = true) => {
    const given = r.pick(STAFF_GIVEN);
    const family = r.pick(STAFF_FAMILY);
    out.push({
      id: demoId('staff', key),
      organizationId,
      name: `${given} ${family}`,
      email: `${given}.${family}.${out.length}@${domain}`.toLowerCase(),
      roles,
      subject: `idp|${demoId('subject', key).slice(0, 8)}`,
      active,
    });
  };
  person('hub:operator', null, 'c2c-hub.example.org', ['cec_admin']);
  person('hub:evaluator', null, 'c2c-hub.example.org', ['evaluator']);
  organizations.forEach((o, i) => {
    const domain = `${o.slug}.example.org`;
    if (o.sector === 'DISTRICT') {
      person(`${o.slug}:0`, o.id, domain, ['district_admin']);
      person(`${o.slug}:1`, o.id, domain, ['district_sis']);
    } else {
      person(`${o.slug}:0`, o.id, domain, ['partner_staff']);
      person(`${o.slug}:1`, o.id, domain, ['partner_staff'], i % 5 !== 4);
    }
  });
  // Drawn last, so the names of everyone above stay as they were before partner admins existed.
  for (const o of organizations)
    if (o.sector !== 'DISTRICT') person(`${o.slug}:admin`, o.id, `${o.slug}.example.org`, ['partner_staff', 'partner_admin']);
  return out;
}

export interface DemoAgreement {
  id: string;
  organizationId: string;
  scopes: ('EVENT_AGGREGATES' | 'STUDENT_DATA')[];
  recordKinds: ('ATTENDANCE' | 'BEHAVIOUR' | 'COURSES' | 'ASSESSMENTS')[];
  signatory: string;
  signedAt: string;
  effectiveFrom: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

const AGREEMENT_SIGNATORIES = ['Executive Director', 'Program Director', 'Chief Operating Officer', 'Board Chair'];
const RECORD_KIND_LIST = ['ATTENDANCE', 'BEHAVIOUR', 'COURSES', 'ASSESSMENTS'] as const;

/**
 * Agreements: every organisation with programme participants holds one in force for the
 * 2026-27 school year (to 1 September 2027, past the consents' end of August) (event aggregates and student data, attendance always among the record
 * kinds), some also an expired one for 2025-26; a few event hosts without participants hold
 * an aggregates-only one, or one that was revoked. A separate seeded PRNG, so adding these
 * changed none of the data above.
 */
function buildAgreements(organizations: DemoOrganization[], participations: DemoParticipation[], events: DemoEvent[]): DemoAgreement[] {
  const r = prng(0x4a9e);
  const out: DemoAgreement[] = [];
  const withParticipants = organizations.filter((o) => participations.some((p) => p.organizationId === o.id));
  const signatory = (o: DemoOrganization) => `${r.pick(AGREEMENT_SIGNATORIES)}, ${o.name}`;
  for (const o of withParticipants) {
    if (r.chance(0.5)) {
      out.push({
        id: demoId('agreement', `${o.slug}:2025`),
        organizationId: o.id,
        scopes: ['EVENT_AGGREGATES', 'STUDENT_DATA'],
        recordKinds: ['ATTENDANCE'],
        signatory: signatory(o),
        signedAt: '2025-06-15T15:00:00.000Z',
        effectiveFrom: '2025-07-01T00:00:00.000Z',
        expiresAt: '2026-07-01T00:00:00.000Z',
        revokedAt: null,
        revokedBy: null,
        revokeReason: null,
      });
    }
    const extra = r.sample(RECORD_KIND_LIST.slice(1), r.int(0, 3));
    out.push({
      id: demoId('agreement', `${o.slug}:2026`),
      organizationId: o.id,
      scopes: ['EVENT_AGGREGATES', 'STUDENT_DATA'],
      recordKinds: RECORD_KIND_LIST.filter((k) => k === 'ATTENDANCE' || extra.includes(k)),
      signatory: signatory(o),
      signedAt: '2026-06-20T15:00:00.000Z',
      effectiveFrom: '2026-07-01T00:00:00.000Z',
      expiresAt: '2027-09-01T00:00:00.000Z',
      revokedAt: null,
      revokedBy: null,
      revokeReason: null,
    });
  }
  const hosts = organizations.filter((o) => !withParticipants.includes(o) && events.some((e) => e.organizationId === o.id));
  hosts.slice(0, 6).forEach((o, i) => {
    const revoked = i % 3 === 2;
    out.push({
      id: demoId('agreement', `${o.slug}:2026`),
      organizationId: o.id,
      scopes: ['EVENT_AGGREGATES'],
      recordKinds: [],
      signatory: signatory(o),
      signedAt: '2026-06-20T15:00:00.000Z',
      effectiveFrom: '2026-07-01T00:00:00.000Z',
      expiresAt: i % 3 === 1 ? '2026-10-01T00:00:00.000Z' : '2027-07-01T00:00:00.000Z',
      revokedAt: revoked ? '2026-10-15T14:30:00.000Z' : null,
      revokedBy: revoked ? 'hub-operator' : null,
      revokeReason: revoked ? 'The organisation asked to end data sharing.' : null,
    });
  });
  return out;
}

const CITY = 'Detroit';
const STATE = 'MI';
const ZIPS = [
  '48201',
  '48202',
  '48204',
  '48205',
  '48206',
  '48207',
  '48208',
  '48209',
  '48210',
  '48212',
  '48213',
  '48214',
  '48215',
  '48216',
  '48217',
  '48219',
  '48221',
  '48223',
  '48224',
  '48227',
  '48228',
  '48234',
  '48235',
  '48238',
];
const STREETS = [
  'Woodward Ave',
  'Gratiot Ave',
  'Grand River Ave',
  'Michigan Ave',
  'Livernois Ave',
  'Vernor Hwy',
  'Mack Ave',
  'Jefferson Ave',
  'Warren Ave',
  'Dexter Ave',
  'Conant St',
  'Chene St',
  'Joseph Campau Ave',
  'Fenkell Ave',
  'McNichols Rd',
  'Van Dyke Ave',
];

const ORGS: [DemoSector, string, Imperative[], string][] = [
  [
    'DISTRICT',
    'Riverbend Public Schools Community District',
    [Imperative.K12, Imperative.EARLY_CHILDHOOD, Imperative.COLLEGE_AND_CAREER],
    'The city’s public school district: 100+ schools serving children from pre-K through grade 12.',
  ],
  ['SCHOOL', 'Cass Park Elementary-Middle School', [Imperative.K12], 'A K-8 neighbourhood school with a full-time family liaison.'],
  [
    'SCHOOL',
    'Clark Street Elementary School',
    [Imperative.K12, Imperative.EARLY_CHILDHOOD],
    'Elementary school with a Head Start classroom on site.',
  ],
  ['SCHOOL', 'Palmer Woods Preparatory Academy', [Imperative.K12], 'A K-8 school with a dual-language Spanish programme.'],
  [
    'SCHOOL',
    'Southwest Detroit Community High School',
    [Imperative.K12, Imperative.COLLEGE_AND_CAREER],
    'High school with career academies in health sciences and advanced manufacturing.',
  ],
  [
    'SCHOOL',
    'Eastside Heritage High School',
    [Imperative.K12, Imperative.COLLEGE_AND_CAREER],
    'Comprehensive high school with a school-based health center.',
  ],
  ['SCHOOL', 'Banglatown Elementary School', [Imperative.K12], 'Elementary school serving a large Bengali- and Arabic-speaking community.'],
  [
    'SCHOOL',
    'Brightmoor Middle School',
    [Imperative.K12, Imperative.AFTERSCHOOL_AND_SUMMER],
    'Middle school running an extended-day programme with community partners.',
  ],
  [
    'SCHOOL',
    'Northwest Career and Technical Academy',
    [Imperative.K12, Imperative.COLLEGE_AND_CAREER],
    'Grades 9-12 with dual enrolment at the community college.',
  ],
  ['PUBLIC_SCHOOL_ACADEMY', 'New Horizons Public School Academy', [Imperative.K12], 'A K-8 charter public school academy.'],
  [
    'PUBLIC_SCHOOL_ACADEMY',
    'Detroit River Leadership Academy',
    [Imperative.K12, Imperative.COLLEGE_AND_CAREER],
    'A 6-12 charter academy focused on civic leadership.',
  ],
  ['PUBLIC_SCHOOL_ACADEMY', 'Motor City STEM Academy', [Imperative.K12], 'A K-12 charter academy with a STEM focus.'],
  [
    'EARLY_LEARNING_PROVIDER',
    'Little Sprouts Early Learning Center',
    [Imperative.EARLY_CHILDHOOD],
    'Licensed child care for infants through pre-K, Great Start Readiness Program site.',
  ],
  [
    'EARLY_LEARNING_PROVIDER',
    'Brightside Head Start',
    [Imperative.EARLY_CHILDHOOD],
    'Head Start and Early Head Start classrooms and home-based option.',
  ],
  [
    'EARLY_LEARNING_PROVIDER',
    'Family Roots Home Visiting Program',
    [Imperative.EARLY_CHILDHOOD],
    'Evidence-based home visiting for expectant parents and families with children under three.',
  ],
  [
    'EARLY_LEARNING_PROVIDER',
    'Kinder Corner Child Care',
    [Imperative.EARLY_CHILDHOOD],
    'Family child care home network across the east side.',
  ],
  ['EARLY_LEARNING_PROVIDER', 'Storytime Collective', [Imperative.EARLY_CHILDHOOD], 'Early literacy playgroups and parent cafés.'],
  [
    'EARLY_LEARNING_PROVIDER',
    'First Steps Family Center',
    [Imperative.EARLY_CHILDHOOD, Imperative.BASIC_NEEDS],
    'Parenting classes, diaper bank and developmental screenings.',
  ],
  [
    'COMMUNITY_ORGANIZATION',
    'Eastside Youth Alliance',
    [Imperative.AFTERSCHOOL_AND_SUMMER, Imperative.COLLEGE_AND_CAREER],
    'Afterschool clubs, summer camps and youth employment on the east side.',
  ],
  [
    'COMMUNITY_ORGANIZATION',
    'Southwest Family Services',
    [Imperative.BASIC_NEEDS, Imperative.EARLY_CHILDHOOD],
    'Bilingual family support, food assistance and immigration help.',
  ],
  [
    'COMMUNITY_ORGANIZATION',
    'Mentor Detroit Network',
    [Imperative.K12, Imperative.COLLEGE_AND_CAREER],
    'One-to-one mentoring matched through schools.',
  ],
  ['COMMUNITY_ORGANIZATION', 'Robotics for All', [Imperative.AFTERSCHOOL_AND_SUMMER], 'FIRST robotics teams and STEM summer camps.'],
  ['COMMUNITY_ORGANIZATION', 'Neighborhood Food Partners', [Imperative.BASIC_NEEDS], 'Food pantries and school-based food distributions.'],
  [
    'COMMUNITY_ORGANIZATION',
    'Home Base Housing Coalition',
    [Imperative.BASIC_NEEDS],
    'Emergency rental help and housing navigation for families.',
  ],
  [
    'COMMUNITY_ORGANIZATION',
    'College Access Detroit',
    [Imperative.COLLEGE_AND_CAREER],
    'College advising, FAFSA completion and scholarship help.',
  ],
  [
    'COMMUNITY_ORGANIZATION',
    'Arts Alive Youth Studio',
    [Imperative.AFTERSCHOOL_AND_SUMMER],
    'Visual and performing arts afterschool and in summer.',
  ],
  [
    'COMMUNITY_ORGANIZATION',
    'Parents as Partners Detroit',
    [Imperative.K12, Imperative.EARLY_CHILDHOOD],
    'Parent leadership and family engagement training.',
  ],
  ['COMMUNITY_ORGANIZATION', 'Green Fields Sports League', [Imperative.AFTERSCHOOL_AND_SUMMER], 'Youth soccer, basketball and track.'],
  [
    'COMMUNITY_ORGANIZATION',
    'Bridge to Work',
    [Imperative.COLLEGE_AND_CAREER, Imperative.BASIC_NEEDS],
    'Summer youth employment and adult job training.',
  ],
  [
    'COMMUNITY_ORGANIZATION',
    'Literacy Now Tutors',
    [Imperative.K12, Imperative.AFTERSCHOOL_AND_SUMMER],
    'Volunteer reading tutors in elementary schools.',
  ],
  [
    'CITY_AGENCY',
    'City Department of Neighborhoods',
    [Imperative.BASIC_NEEDS, Imperative.AFTERSCHOOL_AND_SUMMER],
    'Recreation centres and neighbourhood services.',
  ],
  [
    'CITY_AGENCY',
    'Riverbend Public Library',
    [Imperative.EARLY_CHILDHOOD, Imperative.AFTERSCHOOL_AND_SUMMER],
    'Branch libraries with storytimes, homework help and summer reading.',
  ],
  [
    'HEALTH',
    'Community Health Partners Clinic',
    [Imperative.BASIC_NEEDS, Imperative.EARLY_CHILDHOOD],
    'Federally qualified health center with pediatric and dental care.',
  ],
  [
    'HEALTH',
    'Healthy Minds Youth Counseling',
    [Imperative.K12, Imperative.BASIC_NEEDS],
    'School-based and clinic mental health counselling for young people.',
  ],
  [
    'FUNDER',
    'Riverbend Community Foundation',
    [Imperative.EARLY_CHILDHOOD, Imperative.K12],
    'Community foundation funding cradle-to-career work.',
  ],
  ['FUNDER', 'Great Lakes Children’s Fund', [Imperative.EARLY_CHILDHOOD], 'Private foundation funding early childhood programmes.'],
];

type ServiceTemplate = [string, string, number | null, number | null, boolean];
const SERVICE_TEMPLATES: Record<Imperative, ServiceTemplate[]> = {
  EARLY_CHILDHOOD: [
    [
      'Parent-child playgroup',
      'Weekly play-and-learn sessions for children and their caregivers, with early literacy activities.',
      0,
      5,
      true,
    ],
    ['Developmental screening', 'Free ASQ-3 and ASQ:SE-2 developmental screening with follow-up referrals.', 0, 5, true],
    ['Home visiting', 'A trained home visitor meets the family at home to support healthy development and parenting.', 0, 3, true],
    ['Preschool (GSRP)', 'Free full-day preschool for four-year-olds who qualify for the Great Start Readiness Program.', 4, 4, true],
    ['Infant and toddler care', 'Licensed full-day care for infants and toddlers; subsidy accepted.', 0, 2, false],
    ['Family literacy storytime', 'Stories, songs and rhymes for babies, toddlers and preschoolers.', 0, 5, true],
    ['Parenting class', 'Six-week class on positive discipline, routines and child development.', null, null, true],
    ['Kindergarten readiness camp', 'Two-week summer camp that gets children ready for kindergarten routines.', 4, 5, true],
  ],
  K12: [
    ['Reading intervention', 'Small-group reading support for students below grade level.', 6, 10, true],
    ['Attendance mentoring', 'A mentor checks in daily with students who are chronically absent and works with families.', 6, 18, true],
    ['School-based health center', 'Primary care, immunisations and sports physicals at school.', 5, 18, true],
    ['Family engagement night', 'Monthly evenings for families to meet teachers and learn about the curriculum.', null, null, true],
    ['Math tutoring', 'One-to-one and small-group math tutoring.', 8, 15, false],
    ['Youth mental health counseling', 'Short-term counselling with a licensed therapist, at school or in the clinic.', 10, 18, true],
  ],
  AFTERSCHOOL_AND_SUMMER: [
    ['Afterschool homework club', 'Homework help, snack and enrichment every school day until 6pm.', 6, 13, true],
    ['Summer STEM camp', 'Six weeks of coding, robotics and science projects.', 9, 15, false],
    ['Youth robotics team', 'Build and compete with a FIRST robotics team.', 10, 18, true],
    ['Youth sports league', 'Seasonal soccer, basketball and track with volunteer coaches.', 5, 14, false],
    ['Teen arts studio', 'Painting, music production and theatre for teens.', 13, 18, true],
    ['Summer reading program', 'Reading challenges, author visits and prizes all summer.', 3, 14, true],
  ],
  COLLEGE_AND_CAREER: [
    ['FAFSA completion help', 'One-to-one help completing the FAFSA and the state scholarship application.', 16, 24, true],
    ['College application coaching', 'Essay workshops, campus visits and application deadlines tracking.', 15, 19, true],
    ['Summer youth employment', 'Paid six-week summer jobs with employer partners.', 14, 24, true],
    ['Career pathways internship', 'Paid internships in health care, manufacturing and IT.', 16, 24, true],
    ['Dual enrollment advising', 'Guidance on earning college credit in high school.', 14, 19, true],
  ],
  BASIC_NEEDS: [
    ['Food pantry', 'Groceries and fresh produce for families, no appointment needed.', null, null, true],
    ['Emergency rental assistance', 'Help with back rent and eviction prevention for families with children.', null, null, true],
    ['Utility shutoff prevention', 'Help applying for utility assistance before a shutoff.', null, null, true],
    ['Diaper bank', 'Monthly diapers and wipes for families with babies.', 0, 3, true],
    ['Winter coat distribution', 'Free coats, hats and gloves for children each November.', 2, 18, true],
    ['Student bus pass program', 'Free transit passes for students who live over a mile from school.', 12, 18, true],
    ['Pediatric dental care', 'Cleanings, sealants and fillings; Medicaid accepted, sliding scale fees.', 1, 18, false],
  ],
};

const GIVEN = [
  'Aaliyah',
  'Jayden',
  'Amir',
  'Nevaeh',
  'Carlos',
  'Fatima',
  'Marcus',
  'Zainab',
  'Sofia',
  'DeShawn',
  'Maya',
  'Elijah',
  'Layla',
  'Isaiah',
  'Ava',
  'Mohammed',
  'Jasmine',
  'Xavier',
  'Nadia',
  'Andre',
  'Camila',
  'Malik',
  'Aisha',
  'Diego',
  'Imani',
  'Tariq',
  'Gabriela',
  'Jordan',
  'Hana',
  'Rashad',
  'Lucia',
  'Kendrick',
  'Rahima',
  'Luis',
  'Trinity',
  'Omar',
];
const FAMILY = [
  'Johnson',
  'Williams',
  'Hernandez',
  'Rahman',
  'Brown',
  'Jackson',
  'Martinez',
  'Ahmed',
  'Davis',
  'Washington',
  'Lopez',
  'Hussain',
  'Thomas',
  'Robinson',
  'Garcia',
  'Uddin',
  'Harris',
  'Walker',
  'Rivera',
  'Saleh',
  'Coleman',
  'Mitchell',
  'Flores',
  'Begum',
  'Turner',
  'Green',
];
const GRADES = ['KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const SCHOOL_GRADES: Record<string, [number, number]> = {
  'Cass Park Elementary-Middle School': [0, 8],
  'Clark Street Elementary School': [0, 5],
  'Palmer Woods Preparatory Academy': [0, 8],
  'Southwest Detroit Community High School': [9, 12],
  'Eastside Heritage High School': [9, 12],
  'Banglatown Elementary School': [0, 5],
  'Brightmoor Middle School': [6, 8],
  'Northwest Career and Technical Academy': [9, 12],
  'New Horizons Public School Academy': [0, 8],
  'Detroit River Leadership Academy': [6, 12],
  'Motor City STEM Academy': [0, 12],
};
const PROGRAMS: Record<string, string[]> = {
  EARLY_LEARNING_PROVIDER: ['Kindergarten Transition Program', 'Family Literacy Program'],
  COMMUNITY_ORGANIZATION: ['Afterschool Program', 'Summer Program', 'Mentoring Program'],
  HEALTH: ['School-Based Health Program'],
  CITY_AGENCY: ['Summer Reading Program'],
};
const REASONS: Record<Imperative, string[]> = {
  EARLY_CHILDHOOD: [
    'Younger sibling (age 3) has not had a developmental screening.',
    'Parent of a toddler asked about playgroups near home.',
    'Family is looking for a preschool seat for the fall.',
  ],
  K12: [
    'Student is chronically absent; family is open to mentoring.',
    'Student is reading two grades below level.',
    'Teacher noticed signs of anxiety; family agreed to counselling.',
  ],
  AFTERSCHOOL_AND_SUMMER: [
    'Parent would like afterschool care so she can take an evening shift.',
    'Student expressed interest in robotics and has no afterschool activity.',
    'Family is looking for a free summer program.',
  ],
  COLLEGE_AND_CAREER: [
    'Senior has not started the FAFSA.',
    'Student wants a summer job and needs help applying.',
    'Junior asked about dual enrollment options.',
  ],
  BASIC_NEEDS: [
    'Family asked for help with food before the end of the month.',
    'Family is behind on rent after a job loss.',
    'Family needs winter coats for three children.',
  ],
};
const EVENT_TITLES: [DemoEvent['type'], string, string, DemoEvent['engagementLevel']][] = [
  ['PLAYGROUP', 'Play & Learn Playgroup', 'Parents and caregivers with children 0-5', 'LEVEL_ONE'],
  ['WORKSHOP', 'Positive Parenting Workshop', 'Parents and caregivers', 'LEVEL_TWO'],
  ['SCREENING', 'Free Developmental Screening Day', 'Families with children 0-5', 'LEVEL_ONE'],
  ['COMMUNITY_EVENT', 'Back-to-School Block Party', 'Families and students', 'TOUCHPOINT'],
  ['RESOURCE_FAIR', 'Family Resource Fair', 'Families', 'TOUCHPOINT'],
  ['TRAINING', 'Family Advocate Training', 'Community champions', 'LEVEL_TWO'],
  ['HOME_VISIT', 'Home Visit Cohort Check-in', 'Enrolled home-visiting families', 'LEVEL_TWO'],
  ['COMMUNITY_EVENT', 'Day of the Young Child Celebration', 'Families with young children', 'DAY_OF_THE_YOUNG_CHILD'],
  ['WORKSHOP', 'Kindergarten Readiness Night', 'Parents of rising kindergarteners', 'LEVEL_ONE'],
  ['COMMUNITY_EVENT', 'Storytime in the Park', 'Families with children 0-8', 'TOUCHPOINT'],
];

/** "Food pantry" → "Food Pantry"; capitals (GSRP, STEM) and small words stay as they are. */
const titleCase = (s: string) =>
  s
    .split(' ')
    .map((w, i) => (i > 0 && ['and', 'or', 'of', 'the', 'for'].includes(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');

/** The prices behind each demo fee text: the text decides them, so the demo stays deterministic. */
function costOptionsFor(fees: string | null): DemoCostOption[] {
  switch (fees) {
    case 'Sliding scale, from $5 per week':
      return [
        { option: 'Households under 200% of the poverty line', amount: 5, currency: 'USD', amountDescription: 'per week' },
        { option: 'Other households', amount: 25, currency: 'USD', amountDescription: 'per week' },
      ];
    case '$40 per season; scholarships available':
      return [
        { option: 'Standard', amount: 40, currency: 'USD', amountDescription: 'per season' },
        { option: 'Scholarship families', amount: 0, currency: 'USD', amountDescription: 'per season' },
      ];
    case 'Child care subsidy accepted':
      return [{ option: 'Without a child care subsidy', amount: 185, currency: 'USD', amountDescription: 'per week' }];
    default:
      return [];
  }
}

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function address(r: Prng) {
  const zip = r.pick(ZIPS);
  return {
    street: `${r.int(100, 19999)} ${r.pick(STREETS)}`,
    city: CITY,
    state: STATE,
    zip,
    // Roughly inside the city limits.
    latitude: Number((42.33 + r.next() * 0.12).toFixed(5)),
    longitude: Number((-83.25 + r.next() * 0.25).toFixed(5)),
  };
}

function buildUniverse(): DemoUniverse {
  const r = prng(20261123);
  const organizations: DemoOrganization[] = ORGS.map(([sector, name, imperatives, description], i) => {
    const slug = slugify(name);
    return {
      id: demoId('organization', slug),
      slug,
      name,
      sector,
      imperatives,
      ...address(r),
      website: `https://${slug.replace(/-/g, '')}.example.org`,
      phone: `313-555-${pad(1000 + i * 37, 4)}`,
      email: `info@${slug.replace(/-/g, '')}.example.org`,
      description,
    };
  });

  const services: DemoService[] = [];
  const taken = new Set<string>();
  for (const org of organizations) {
    if (org.sector === 'FUNDER') continue;
    const count = org.sector === 'DISTRICT' ? 14 : r.int(6, 11);
    const templates = org.imperatives.flatMap((imp) => SERVICE_TEMPLATES[imp].map((t) => [imp, t] as const));
    for (let i = 0; i < count; i++) {
      const [imperative, [programme, description, minimumAge, maximumAge, free]] = templates[i % templates.length];
      const round = Math.floor(i / templates.length);
      const status = r.chance(0.06) ? r.pick(['INACTIVE', 'TEMPORARILY_CLOSED', 'DEFUNCT'] as const) : 'ACTIVE';
      const languages = ['en', ...(r.chance(0.35) ? ['es'] : []), ...(r.chance(0.2) ? ['ar'] : []), ...(r.chance(0.12) ? ['bn'] : [])];
      const where = round
        ? address(r)
        : { street: org.street, city: org.city, state: org.state, zip: org.zip, latitude: org.latitude, longitude: org.longitude };
      const fees = free
        ? null
        : r.pick(['Sliding scale, from $5 per week', '$40 per season; scholarships available', 'Child care subsidy accepted']);
      // Named as a city's directory lists them: the provider's programme, and the street of a second site.
      const base = `${org.name} ${titleCase(programme)}${round ? ` – ${where.street.replace(/^\d+ /, '')}` : ''}`;
      let name = base;
      for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
      taken.add(name);
      services.push({
        id: demoId('service', `${org.slug}:${i}`),
        organizationId: org.id,
        name,
        programme,
        description,
        imperative,
        status,
        minimumAge,
        maximumAge,
        free,
        fees,
        costOptions: costOptionsFor(fees),
        languages,
        url: `${org.website}/programs/${slugify(programme)}`,
        email: org.email,
        phone: org.phone,
        ...where,
      });
    }
  }

  const schools = organizations.filter((o) => o.sector === 'SCHOOL' || o.sector === 'PUBLIC_SCHOOL_ACADEMY');
  const students: DemoStudent[] = [];
  for (let i = 0; i < 420; i++) {
    const school = schools[i % schools.length];
    const [lo, hi] = SCHOOL_GRADES[school.name];
    const gradeIndex = r.int(lo, hi);
    // Age on 1 September 2026 is grade + 5.
    const birthYear = 2026 - (gradeIndex + 5) - (r.chance(0.7) ? 0 : 1);
    students.push({
      id: demoId('student', i),
      sourcedId: `STU-${100001 + i}`,
      givenName: r.pick(GIVEN),
      familyName: r.pick(FAMILY),
      birthDate: isoDate(birthYear, r.int(9, 12) > 10 ? r.int(1, 8) : r.int(9, 12), r.int(1, 28)),
      grade: GRADES[gradeIndex],
      schoolId: school.id,
      gender: r.pick(['female', 'male', 'female', 'male', 'nonbinary'] as const),
      entryDate: isoDate(2026 - r.int(0, Math.min(gradeIndex, 4)), 8, 25 + r.int(0, 5)),
    });
  }

  const participations: DemoParticipation[] = [];
  const programOrgs = organizations.filter((o) => PROGRAMS[o.sector]);
  for (const org of programOrgs) {
    const programs = PROGRAMS[org.sector];
    const eligible = students.filter((s) => (org.sector === 'EARLY_LEARNING_PROVIDER' ? ['KG', '01', '02'].includes(s.grade) : true));
    for (const student of r.sample(eligible, r.int(14, 30))) {
      const kind = r.next();
      // Most participants have active consent; some never gave it, some let it lapse, some revoked it.
      const consent =
        kind < 0.72
          ? { consentGivenAt: '2026-09-02T15:00:00.000Z', consentExpiresAt: '2027-08-31T23:59:59.000Z', consentRevokedAt: null }
          : kind < 0.82
            ? { consentGivenAt: null, consentExpiresAt: null, consentRevokedAt: null }
            : kind < 0.92
              ? { consentGivenAt: '2025-09-03T15:00:00.000Z', consentExpiresAt: '2026-06-30T23:59:59.000Z', consentRevokedAt: null }
              : {
                  consentGivenAt: '2026-09-02T15:00:00.000Z',
                  consentExpiresAt: '2027-08-31T23:59:59.000Z',
                  consentRevokedAt: '2026-10-14T18:30:00.000Z',
                };
      // Staff ids are the keyed ones buildStaff gives (no draw from the PRNG: the rest of the universe stays as it was).
      const first = demoId('staff', `${org.slug}:0`);
      const second = demoId('staff', `${org.slug}:1`);
      participations.push({
        assignedStaffIds: participations.length % 2 ? [first, second] : [first],
        id: demoId('participation', `${org.slug}:${student.id}`),
        studentId: student.id,
        organizationId: org.id,
        programName: r.pick(programs),
        startDate: isoDate(2026, 9, r.int(2, 30)),
        endDate: r.chance(0.1) ? isoDate(2026, 11, r.int(1, 15)) : null,
        ...consent,
        consentGivenBy: consent.consentGivenAt ? `${r.pick(GIVEN)} ${student.familyName} (parent/guardian)` : null,
      });
    }
  }

  const now = Date.parse('2026-11-20T12:00:00.000Z');
  const isActiveConsent = (p: DemoParticipation) =>
    !!p.consentGivenAt &&
    !p.consentRevokedAt &&
    (!p.consentExpiresAt || Date.parse(p.consentExpiresAt) > now) &&
    (!p.endDate || Date.parse(p.endDate) > now);
  const referrers = organizations.filter((o) =>
    ['SCHOOL', 'PUBLIC_SCHOOL_ACADEMY', 'COMMUNITY_ORGANIZATION', 'HEALTH', 'EARLY_LEARNING_PROVIDER'].includes(o.sector),
  );
  const activeServices = services.filter((s) => s.status === 'ACTIVE');
  const referrals: DemoReferral[] = [];
  const statuses: DemoReferralStatus[] = [
    'SENT',
    'SENT',
    'ACCEPTED',
    'IN_PROGRESS',
    'IN_PROGRESS',
    'COMPLETED',
    'COMPLETED',
    'DECLINED',
    'WITHDRAWN',
  ];
  for (let i = 0; i < 200; i++) {
    const service = r.pick(activeServices);
    const from = r.pick(referrers.filter((o) => o.id !== service.organizationId));
    // A referral names a student only where the receiving partner holds the family's consent
    // for that student; otherwise it carries a family contact, as front-door referrals do.
    const consented = participations.filter((p) => p.organizationId === service.organizationId && isActiveConsent(p));
    const withStudent = consented.length > 0 && r.chance(0.75);
    const student = withStudent ? students.find((s) => s.id === r.pick(consented).studentId)! : null;
    const created = now - r.int(1, 80) * 86_400_000 - r.int(0, 86_399) * 1000;
    const status = r.pick(statuses);
    referrals.push({
      id: demoId('referral', i),
      fromOrganizationId: from.id,
      toOrganizationId: service.organizationId,
      serviceId: service.id,
      studentId: student?.id ?? null,
      familyContactName: student ? null : `${r.pick(GIVEN)} ${r.pick(FAMILY)}`,
      familyContactPhone: student ? null : `313-555-${pad(r.int(0, 9999), 4)}`,
      reason: r.pick(REASONS[service.imperative]),
      status,
      createdAt: new Date(created).toISOString(),
      // Never after the demo's 'now': a change made today must sort after the seeded history.
      updatedAt: new Date(status === 'SENT' ? created : Math.min(now, created + r.int(1, 10) * 86_400_000)).toISOString(),
    });
  }

  const events: DemoEvent[] = [];
  const hosts = organizations.filter((o) =>
    ['EARLY_LEARNING_PROVIDER', 'COMMUNITY_ORGANIZATION', 'CITY_AGENCY', 'HEALTH', 'SCHOOL'].includes(o.sector),
  );
  for (const org of hosts) {
    const count = r.int(5, 11);
    for (let i = 0; i < count; i++) {
      const [type, title, targetAudience, engagementLevel] = r.pick(EVENT_TITLES);
      const where = r.chance(0.7) ? org : { ...address(r) };
      const month = r.int(1, 11);
      events.push({
        id: demoId('event', `${org.slug}:${i}`),
        organizationId: org.id,
        title,
        date: isoDate(2026, month, r.int(1, 28)),
        type,
        description: `${title} hosted by ${org.name}.`,
        street: where.street,
        city: CITY,
        zip: where.zip,
        targetAudience,
        engagementLevel,
        attendees: engagementLevel === 'TOUCHPOINT' ? r.int(40, 300) : r.int(6, 35),
      });
    }
  }

  return {
    organizations,
    services,
    students,
    participations,
    referrals,
    events,
    agreements: buildAgreements(organizations, participations, events),
    staff: buildStaff(organizations),
    ...buildPartnerships(organizations),
  };
}

let cached: DemoUniverse | undefined;
/** The demo data set (built once per process). */
export function demoUniverse(): DemoUniverse {
  return (cached ??= buildUniverse());
}
