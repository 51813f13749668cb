import { param, ReportError, type CsvReport } from './report';

interface DisclosureRow {
  id: string;
  createdAt: string;
  studentId: string;
  viewerSub: string;
  viewerOrganizationId: string | null;
  viewerRoles: string[];
  fields: string[];
  basis: string;
  requestId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `GET /reports/disclosures.csv?student=<id>` (a parent's FERPA request for the record of
 * disclosures) or `?organization=<id>` (what one partner read), optionally `from`/`to` days:
 * the `disclosureExport` query as the caller, so only a district administrator gets rows.
 */
export const disclosuresCsv: CsvReport<DisclosureRow> = {
  name: 'disclosures',
  query: `query DisclosuresCsv($studentId: ID, $organizationId: ID, $from: String, $to: String) {
    disclosureExport(studentId: $studentId, organizationId: $organizationId, from: $from, to: $to) {
      id createdAt studentId viewerSub viewerOrganizationId viewerRoles fields basis requestId
    }
  }`,
  variables: (q) => {
    const studentId = param(q, 'student');
    const organizationId = param(q, 'organization');
    if (!studentId && !organizationId) throw new ReportError(400, 'give student=<id> or organization=<id>', 'student');
    if (studentId !== undefined && !UUID.test(studentId)) throw new ReportError(400, 'student must be a Student id', 'student');
    if (organizationId !== undefined && !UUID.test(organizationId))
      throw new ReportError(400, 'organization must be an Organization id', 'organization');
    const from = param(q, 'from');
    const to = param(q, 'to');
    for (const [name, v] of [
      ['from', from],
      ['to', to],
    ] as const)
      if (v !== undefined && !DAY.test(v)) throw new ReportError(400, `${name} must be a date, YYYY-MM-DD`, name);
    return { studentId, organizationId, from, to };
  },
  rows: (data) => data.disclosureExport,
  columns: [
    { header: 'disclosed_at', value: (r) => r.createdAt },
    { header: 'student_id', value: (r) => r.studentId },
    { header: 'reader', value: (r) => r.viewerSub },
    { header: 'reader_organization_id', value: (r) => r.viewerOrganizationId },
    { header: 'reader_roles', value: (r) => r.viewerRoles.join(' ') },
    { header: 'fields', value: (r) => r.fields.join(' ') },
    { header: 'basis', value: (r) => r.basis },
    { header: 'request_id', value: (r) => r.requestId },
    { header: 'id', value: (r) => r.id },
  ],
};

export const DISCLOSURE_REPORTS: CsvReport[] = [disclosuresCsv];
