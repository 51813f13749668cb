import type * as testing from '@c2c/testing';
import { Imperative, IMPERATIVE_LABELS } from '@c2c/kernel';
import { Service, ServiceTaxonomy, TaxonomyTerm } from '@c2c/resources';

/**
 * A small directory written for judging relevance by hand: every query below lists the services
 * a person asking it wants first, in any order, and nothing else may come before them. The
 * distractors are deliberate: services that mention the word in passing (a cooking class that
 * sends food home, trades apprenticeships in health care), that use another word for the same
 * thing (pantry, daycare, tutors) or that only the taxonomy says belong.
 */
export const TERMS: [key: string, name: string, imperative: Imperative][] = [
  ['child-care', 'Child care', Imperative.EARLY_CHILDHOOD],
  ['preschool', 'Preschool', Imperative.EARLY_CHILDHOOD],
  ['home-visiting', 'Home visiting', Imperative.EARLY_CHILDHOOD],
  ['early-literacy', 'Early literacy', Imperative.EARLY_CHILDHOOD],
  ['playgroups', 'Playgroups', Imperative.EARLY_CHILDHOOD],
  ['tutoring', 'Tutoring', Imperative.K12],
  ['school-supplies', 'School supplies', Imperative.K12],
  ['mentoring', 'Mentoring', Imperative.K12],
  ['libraries', 'Libraries', Imperative.K12],
  ['afterschool', 'Afterschool programs', Imperative.AFTERSCHOOL_AND_SUMMER],
  ['summer-camps', 'Summer camps', Imperative.AFTERSCHOOL_AND_SUMMER],
  ['sports', 'Youth sports', Imperative.AFTERSCHOOL_AND_SUMMER],
  ['adult-education', 'Adult education', Imperative.COLLEGE_AND_CAREER],
  ['employment', 'Employment', Imperative.COLLEGE_AND_CAREER],
  ['college-access', 'College access', Imperative.COLLEGE_AND_CAREER],
  ['food', 'Food assistance', Imperative.BASIC_NEEDS],
  ['nutrition', 'Nutrition education', Imperative.BASIC_NEEDS],
  ['health', 'Health care', Imperative.BASIC_NEEDS],
  ['dental', 'Dental care', Imperative.BASIC_NEEDS],
  ['mental-health', 'Mental health', Imperative.BASIC_NEEDS],
  ['clothing', 'Clothing', Imperative.BASIC_NEEDS],
  ['housing', 'Housing', Imperative.BASIC_NEEDS],
  ['legal', 'Legal aid', Imperative.BASIC_NEEDS],
  ['transport', 'Transportation', Imperative.BASIC_NEEDS],
];

export const FIXTURE: [key: string, name: string, description: string, term: string][] = [
  ['cc1', 'Little Sprouts Child Care Center', 'Licensed child care for infants and toddlers, open 6:30am to 6pm.', 'child-care'],
  ['cc2', 'Kinder Corner Daycare', 'Full-day care for children 6 weeks to 5 years, meals included.', 'child-care'],
  ['cc3', 'Family Child Care Home Network', 'Home-based child care providers across the east side.', 'child-care'],
  ['pk1', 'Head Start Preschool', 'Free pre-K for 3 and 4 year olds from income-eligible families.', 'preschool'],
  ['pk2', 'Great Start Readiness Program', 'State-funded pre-kindergarten classrooms in neighbourhood schools.', 'preschool'],
  [
    'ec1',
    'Parents as Teachers Home Visits',
    'Home visits for parents of babies and toddlers: development, play, reading.',
    'home-visiting',
  ],
  ['ec2', 'Baby Book Club', 'Free board books every month for infants and toddlers; caregivers talk about reading.', 'early-literacy'],
  ['ec3', 'Playgroup at the Library', 'Weekly playgroup for toddlers and caregivers, songs and stories.', 'playgroups'],
  ['tu1', 'Math Tutoring Lab', 'One-to-one math tutoring for grades 3 to 8.', 'tutoring'],
  ['tu2', 'Literacy Now Tutors', 'Volunteer reading tutors in elementary schools.', 'tutoring'],
  ['tu3', 'Homework Help Hotline', 'Call or text a certified teacher for homework help, weeknights 4 to 8.', 'tutoring'],
  ['k1', 'School Supply Drive', 'Backpacks and school supplies each August for K-12 students.', 'school-supplies'],
  ['k2', 'Attendance Mentors', 'Mentors who help students get to school every day.', 'mentoring'],
  ['k3', 'Branch Library Teen Room', 'A quiet place for teens to study, with computers, printing and homework space.', 'libraries'],
  ['lb1', 'Downtown Library', 'Storytimes, computer classes and homework help after school.', 'libraries'],
  ['as1', 'Eastside Afterschool Club', 'Afterschool program with snacks, sports and homework time until 6pm.', 'afterschool'],
  ['as2', 'After School Arts Studio', 'Painting, music and dance after school for ages 8 to 14.', 'afterschool'],
  ['as3', 'Boys & Girls Club Teen Center', 'Out-of-school programs for teens: sports, gaming and college prep.', 'afterschool'],
  ['as4', 'Youth Soccer League', 'Saturday soccer for kids 5 to 12, with practices after school on Wednesdays.', 'sports'],
  ['sc1', 'Summer Day Camp at Belle Isle', 'Eight weeks of summer camp: swimming, nature and field trips.', 'summer-camps'],
  ['sc2', 'Coding Camp for Girls', 'A two-week summer coding camp for middle-school girls.', 'summer-camps'],
  ['es1', 'English Classes for Adults', 'Free ESL classes, beginner to advanced, mornings and evenings.', 'adult-education'],
  ['es2', 'Conversation Circles', 'Practice speaking English as a second language with volunteers.', 'adult-education'],
  ['ged', 'GED Prep Night School', 'Classes and testing vouchers for the GED.', 'adult-education'],
  ['jb1', 'Job Readiness Workshop', 'Resumes, interviews and job search for young adults.', 'employment'],
  ['jb2', 'Summer Youth Employment', 'Paid summer jobs for 14 to 24 year olds.', 'employment'],
  [
    'co1',
    'College Application Coaching',
    'Help with applications, financial aid and the FAFSA for seniors, at the Career Institute.',
    'college-access',
  ],
  ['co2', 'Career Tech Apprenticeships', 'Paid apprenticeships in construction and health care trades.', 'employment'],
  ['fp1', 'Eastside Food Pantry', 'Groceries and fresh produce for families, no appointment needed.', 'food'],
  ['fp2', 'St. Anne’s Pantry', 'Canned goods, bread and diapers every Tuesday and Saturday.', 'food'],
  ['fp3', 'Mobile Food Bank', 'A truck with free groceries visits a different school each week.', 'food'],
  ['fd1', 'Cooking Matters Class', 'Six-week class on healthy meals on a budget; take home a bag of food each week.', 'nutrition'],
  ['hc1', 'Neighborhood Health Clinic', 'Doctor visits, checkups and sick care for children and adults, sliding fee.', 'health'],
  ['hc2', 'School-Based Health Center', 'A clinic inside the high school: physicals, vaccines and mental health care.', 'health'],
  ['im1', 'Free Immunization Clinic', 'Vaccines for school entry, no insurance needed.', 'health'],
  ['dn1', 'Smiles Dental Van', 'Free dental checkups and cleanings at schools.', 'dental'],
  ['mh1', 'Family Counseling Center', 'Individual and family therapy, in English and Spanish.', 'mental-health'],
  ['mh2', 'Teen Crisis Text Line', 'Text with a trained counselor any time, free and confidential.', 'mental-health'],
  ['cl1', 'Coat and Clothing Closet', 'Free winter coats, shoes and clothes for kids.', 'clothing'],
  ['hs1', 'Family Emergency Shelter', 'Emergency housing for families with children, open 24 hours.', 'housing'],
  ['lg1', 'Legal Aid for Families', 'Free lawyers for eviction, custody and benefits cases.', 'legal'],
  ['tr1', 'Bus Passes for Students', 'Free monthly bus passes for high-school students.', 'transport'],
];

/** Query → the services that must come first (in any order among themselves). */
export const JUDGED: [query: string, top: string[]][] = [
  ['daycare', ['cc1', 'cc2', 'cc3']],
  ['child care', ['cc1', 'cc2', 'cc3']],
  ['food', ['fp1', 'fp2', 'fp3']],
  ['pantry', ['fp1', 'fp2', 'fp3']],
  ['homework help', ['tu1', 'tu2', 'tu3']],
  ['tutoring', ['tu1', 'tu2', 'tu3']],
  ['tut', ['tu1', 'tu2', 'tu3']],
  // Both say it in their name; the soccer league with practices after school and the teen
  // centre tagged "Afterschool programs" are fair answers too, so they are left unjudged.
  ['after school', ['as1', 'as2']],
  ['afterschool', ['as1', 'as2']],
  ['ESL', ['es1', 'es2']],
  ['english classes', ['es1', 'es2']],
  ['doctor', ['hc1', 'hc2', 'im1']],
  ['dentist', ['dn1']],
  ['counseling', ['mh1', 'mh2']],
  ['summer camp', ['sc1', 'sc2']],
  ['clothes', ['cl1']],
  ['lawyer', ['lg1']],
];

export const ORG = '5b3f2a1e-7c4d-4e8f-9a0b-1c2d3e4f5a6b';
const uuid = (kind: number, i: number) => `00000000-0000-4000-8000-${String(kind).padStart(4, '0')}${String(i).padStart(8, '0')}`;

/** Writes the fixture directory: a top term per imperative, the sub-terms, the services and their links (sub-term and top term, as the upsert does). */
export async function loadFixture(sg: testing.TestSubgraph) {
  const em = sg.em();
  const imps = Object.values(Imperative);
  const topId = (imp: Imperative) => uuid(1, imps.indexOf(imp));
  const termIds = new Map(TERMS.map(([key], i) => [key, uuid(2, i)]));
  await em.insertMany(TaxonomyTerm, [
    ...imps.map((imp) => ({
      id: topId(imp),
      code: `rank-${imp}`,
      name: IMPERATIVE_LABELS[imp],
      parentId: null,
      imperative: imp,
      taxonomy: 'c2c',
    })),
    ...TERMS.map(([key, name, imp]) => ({
      id: termIds.get(key)!,
      code: `rank-${key}`,
      name,
      parentId: topId(imp),
      imperative: null,
      taxonomy: 'c2c',
    })),
  ]);
  const ids = new Map(FIXTURE.map(([key], i) => [key, uuid(3, i)]));
  const now = new Date();
  await em.insertMany(
    Service,
    FIXTURE.map(([key, name, description, term], i) => ({
      id: ids.get(key)!,
      organizationId: ORG,
      name,
      description,
      status: 'ACTIVE',
      imperative: TERMS.find((t) => t[0] === term)![2],
      free: true,
      languages: ['en'],
      // Spread along a line north from downtown Detroit, 1 km apart, in fixture order.
      latitude: 42.33 + (i * 1) / 111.195,
      longitude: -83.05,
      createdAt: now,
      updatedAt: now,
    })) as any[],
  );
  await em.insertMany(
    ServiceTaxonomy,
    FIXTURE.flatMap(([key, , , term], i) => [
      { id: uuid(4, 2 * i), serviceId: ids.get(key)!, termId: termIds.get(term)!, direct: true },
      { id: uuid(4, 2 * i + 1), serviceId: ids.get(key)!, termId: topId(TERMS.find((t) => t[0] === term)![2]), direct: false },
    ]),
  );
  return { ids, keyOf: new Map([...ids].map(([k, id]) => [id, k])), termIds };
}
