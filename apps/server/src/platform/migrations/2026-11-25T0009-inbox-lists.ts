import { sql, type Kysely } from 'kysely';

/**
 * The lists of 发出的事项 and 收到的事项 with their filters, and the message
 * centre. Each list reads one person's rows in (time desc, id desc) order,
 * a page at a time; the indexes below let PostgreSQL read exactly the rows a
 * filter asks for, already in that order, however many applications there
 * are (apps/server/test/lists.test.ts checks the plans).
 *
 * A task and a copy carry their application's service (service_id, never
 * changed): 待办/已办/抄送我 by service is then a range of one index instead
 * of a walk through all of a busy approver's tasks. Existing rows are filled
 * from their application here. Frozen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['task', 'application_cc']) {
    await db.schema.alterTable(table).addColumn('service_id', 'uuid', (c) => c.references('service.id')).execute();
    await sql`update ${sql.table(table)} x set service_id = a.service_id from application a where a.id = x.application_id`.execute(db);
    await sql`alter table ${sql.table(table)} alter column service_id set not null`.execute(db);
  }

  // 发出的事项 by status, and by service (the day range narrows either index's time range).
  await db.schema.createIndex('application_sent_status_idx').on('application').columns(['applicant_person_id', 'status', 'submitted_at desc', 'id desc']).execute();
  await db.schema.createIndex('application_sent_service_idx').on('application').columns(['applicant_person_id', 'service_id', 'submitted_at desc', 'id desc']).execute();

  // 待办 and 已办 by service (the same partial conditions as task_todo_idx and task_done_idx).
  await db.schema
    .createIndex('task_todo_service_idx')
    .on('task')
    .columns(['assignee_person_id', 'service_id', 'created_at desc', 'id desc'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('task_done_service_idx')
    .on('task')
    .columns(['assignee_person_id', 'service_id', 'completed_at desc', 'id desc'])
    .where(sql.ref('status'), 'in', ['approved', 'rejected', 'returned', 'transferred'])
    .execute();

  // 抄送我 by service, and the count of unread copies.
  await db.schema.createIndex('application_cc_service_idx').on('application_cc').columns(['person_id', 'service_id', 'created_at desc', 'id desc']).execute();
  await db.schema.createIndex('application_cc_unread_idx').on('application_cc').column('person_id').where(sql.ref('read_at'), 'is', null).execute();

  // 消息: the unread count and 全部已读 touch only unread rows.
  await db.schema.createIndex('message_unread_idx').on('message').columns(['person_id', 'id desc']).where(sql.ref('read_at'), 'is', null).execute();
}

export async function down(): Promise<void> {
  throw new Error('Irreversible; restore a backup instead.');
}
