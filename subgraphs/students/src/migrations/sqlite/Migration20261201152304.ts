import { Migration } from '@mikro-orm/migrations';

export class Migration20261201152304 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index \`student_school_attendance_event_date_covering_index\` on \`student_school_attendance_event\` (\`date\`, \`student_id\`, \`category\`, \`status\`);`);
  }

}
