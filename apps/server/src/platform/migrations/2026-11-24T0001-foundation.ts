import { sql, type Kysely } from 'kysely';

/**
 * The foundation schema. Frozen: this file never changes after release; a
 * later change is a new migration. It uses no application types on purpose.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`now()`;
  const uuidPk = sql`gen_random_uuid()`;
  // Times that page lists are keyed on keep milliseconds only, the precision of a JS Date,
  // so a cursor made from a row compares exactly equal to that row.
  const ms = sql`timestamptz(3)`;

  // ── identity ──
  await db.schema
    .createTable('department')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuidPk))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'uuid', (c) => c.references('department.id'))
    .addColumn('head_person_id', 'uuid')
    .addColumn('phone', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('person')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuidPk))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('student', 'teacher', 'staff')`))
    .addColumn('department_id', 'uuid', (c) => c.references('department.id'))
    .addColumn('class_id', 'uuid')
    .addColumn('phone', 'text')
    .addColumn('id_number', 'text')
    .addColumn('email', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.alterTable('department').addForeignKeyConstraint('department_head_fk', ['head_person_id'], 'person', ['id']).execute();

  await db.schema
    .createTable('class')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuidPk))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('grade', 'text')
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('department.id'))
    .addColumn('counsellor_person_id', 'uuid', (c) => c.references('person.id'))
    .execute();
  await db.schema.alterTable('person').addForeignKeyConstraint('person_class_fk', ['class_id'], 'class', ['id']).execute();
  await db.schema.createIndex('person_department_idx').on('person').column('department_id').execute();

  await db.schema
    .createTable('account')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuidPk))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('account_no', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'disabled')`))
    .addColumn('password_hash', 'text')
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('password_changed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('account_person_idx').on('account').column('person_id').execute();

  await db.schema
    .createTable('role')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('person_role')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuidPk))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('role_code', 'text', (c) => c.notNull().references('role.code'))
    .addColumn('department_id', 'uuid', (c) => c.references('department.id'))
    .execute();
  await sql`create unique index person_role_unique on person_role (person_id, role_code, department_id) nulls not distinct`.execute(db);
  await db.schema.createIndex('person_role_role_idx').on('person_role').columns(['role_code', 'department_id']).execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha-256 of the cookie value; the value itself is never stored
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('account.id'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('session_person_idx').on('session').column('person_id').execute();

  // ── catalog and forms ──
  await db.schema
    .createTable('category')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuidPk))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('banner')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuidPk))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('image_url', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  await db.schema
    .createTable('form_definition')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuidPk))
    .addColumn('form_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('schema', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('form_definition_key_version', ['form_key', 'version'])
    .execute();
  await db.schema
    .createTable('process_definition')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuidPk))
    .addColumn('process_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('process_definition_key_version', ['process_key', 'version'])
    .execute();
  await db.schema
    .createTable('service')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuidPk))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('icon', 'text', (c) => c.notNull().defaultTo('file'))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category_id', 'uuid', (c) => c.notNull().references('category.id'))
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('department.id'))
    .addColumn('guide', 'jsonb', (c) => c.notNull())
    .addColumn('form_key', 'text', (c) => c.notNull())
    .addColumn('process_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('published').check(sql`status in ('draft', 'published', 'offline')`))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  // ── workflow ──
  await sql`create sequence application_serial_seq`.execute(db);
  await db.schema
    .createTable('application')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuidPk))
    .addColumn('serial_no', 'text', (c) => c.notNull().unique())
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('service.id'))
    .addColumn('applicant_person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('applicant_account_id', 'uuid', (c) => c.notNull().references('account.id'))
    .addColumn('form_definition_id', 'uuid', (c) => c.notNull().references('form_definition.id'))
    .addColumn('process_definition_id', 'uuid', (c) => c.notNull().references('process_definition.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('engine_state', 'jsonb', (c) => c.notNull())
    .addColumn('current_node_id', 'text')
    .addColumn('current_node_name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('submitted_at', ms, (c) => c.notNull().defaultTo(now))
    .addColumn('ended_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('application_idempotency', ['applicant_person_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('application_sent_idx').on('application').columns(['applicant_person_id', 'submitted_at desc', 'id desc']).execute();

  await db.schema
    .createTable('task')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuidPk))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('application.id'))
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('node_name', 'text', (c) => c.notNull())
    .addColumn('assignee_person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'approved', 'rejected', 'cancelled')`))
    .addColumn('opinion', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ms, (c) => c.notNull().defaultTo(now))
    .addColumn('completed_at', ms)
    .execute();
  await db.schema.createIndex('task_todo_idx').on('task').columns(['assignee_person_id', 'created_at desc', 'id desc']).where(sql.ref('status'), '=', 'pending').execute();
  await db.schema.createIndex('task_done_idx').on('task').columns(['assignee_person_id', 'completed_at desc', 'id desc']).where(sql.ref('status'), 'in', ['approved', 'rejected']).execute();
  await db.schema.createIndex('task_application_idx').on('task').column('application_id').execute();

  await db.schema
    .createTable('timeline')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('application.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_person_id', 'uuid', (c) => c.references('person.id'))
    .addColumn('node_id', 'text')
    .addColumn('node_name', 'text')
    .addColumn('opinion', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('timeline_application_idx').on('timeline').columns(['application_id', 'id']).execute();

  // ── platform: the job table (transactional outbox) ──
  await db.schema
    .createTable('job')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'running', 'done', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(8))
    .addColumn('run_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('done_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('job_due_idx').on('job').columns(['run_at', 'id']).where(sql.ref('status'), 'in', ['pending', 'running']).execute();

  // Messages the notify module delivered on the in-hall channel (the message centre reads them later).
  await db.schema
    .createTable('message')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('job_id', 'bigint', (c) => c.notNull().unique()) // delivery is idempotent: one message per job
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('read_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('message_person_idx').on('message').columns(['person_id', 'id desc']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reverted; restore a backup instead.');
}
