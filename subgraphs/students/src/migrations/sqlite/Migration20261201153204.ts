import { Migration } from '@mikro-orm/migrations';

export class Migration20261201153204 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index \`student_school_attendance_event_school_id_date_index\`;`);

    this.addSql(`create index \`student_school_attendance_event_school_covering_index\` on \`student_school_attendance_event\` (\`school_id\`, \`date\`, \`student_id\`, \`category\`, \`status\`);`);
  }

}
