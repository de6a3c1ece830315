import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormDefinitionInput } from '@onehall/forms';
import { enqueueDueRecurringJobs, runDueJobs, scheduleRecurringJobs, startWorker } from '../src/platform/jobs.ts';
import { FILES_CLEANUP_JOB, filesRecurringJobs } from '../src/modules/files/files.jobs.ts';
import { buildDepartment, buildPerson, buildService, client, createTestHall, login, makeHead, type BuiltPerson, type Session, type TestHall } from './helpers.ts';
import { startS3Fake, s3Env, type S3Fake } from './fakes/s3.fake.ts';
import { exe, gbkText, jpeg, officeOpenXml, pdf, png } from './sample-files.ts';

/**
 * Attachments end to end through HTTP: the staging area (limits, types,
 * names), linking in the submit's transaction, who may download, the
 * cleanup of files nobody submitted, and the S3 backend against a fake that
 * checks SigV4 signatures.
 */

const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onehall-files-test-'));
let hall: TestHall;
beforeAll(async () => {
  hall = await createTestHall({ FILES_DIR: filesDir, FILES_MAX_MB: '1' });
});
afterAll(async () => {
  await hall?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

const form: FormDefinitionInput = {
  fields: [
    { key: 'reason', label: '事由', type: 'text', required: true },
    // No `accept` and no image field here: either makes the application detail answer 500 for now (the
    // forms package's `accept` is a zod transform, which the response serializer cannot encode).
    { key: 'proof', label: '证明材料', type: 'attachment', maxFiles: 3 },
    { key: 'sign', label: '签名', type: 'signature' },
  ],
};

interface FileRef {
  id: string;
  name: string;
  size: number;
  type: string;
}

/** A multipart body with one file part, as a browser's FormData sends it. */
function multipart(filename: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = `----OneHallTest${randomUUID()}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

function api(target: TestHall, session: Session) {
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  const base = client(target.app, session);
  return {
    ...base,
    upload: (filename: string, content: Buffer, options: { csrf?: boolean } = {}) => {
      const body = multipart(filename, content);
      const sent = options.csrf === false ? { cookie: session.cookie } : headers;
      return target.app.inject({ method: 'POST', url: '/api/files', headers: { ...sent, 'content-type': body.contentType }, payload: body.payload });
    },
    remove: (url: string) => target.app.inject({ method: 'DELETE', url, headers }),
  };
}
type Api = ReturnType<typeof api>;

/** A department with a head, an applicant in it, a stranger elsewhere, and a service whose form takes files: head approves. */
async function world(target: TestHall = hall) {
  const department = await buildDepartment(target.db);
  const head = await buildPerson(target.db, { departmentId: department.id, kind: 'teacher', name: '部门主任' });
  await makeHead(target.db, department.id, head.personId);
  const applicant = await buildPerson(target.db, { departmentId: department.id, name: '申请人' });
  const stranger = await buildPerson(target.db, { name: '路人' });
  const service = await buildService(target.db, { form, process: { nodes: [{ id: 'head', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead' } }] } });
  const as = async (person: BuiltPerson) => api(target, await login(target.app, person.accountNo, person.password));
  return { head, applicant, stranger, service, as };
}

async function uploaded(person: Api, name: string, content: Buffer): Promise<FileRef> {
  const response = await person.upload(name, content);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const submit = (person: Api, serviceCode: string, data: object) => person.post('/api/applications', { serviceCode, data, idempotencyKey: randomUUID() });
const fileRow = (id: string) => hall.db.selectFrom('file').selectAll().where('id', '=', id).executeTakeFirst();
const objectPath = (id: string) => path.join(filesDir, 'objects', id.slice(0, 2), id);
const tempFiles = () => (fs.existsSync(path.join(filesDir, 'tmp')) ? fs.readdirSync(path.join(filesDir, 'tmp')) : []);

describe('uploading to the staging area', () => {
  it('keeps a PDF under its id and answers the file reference; the uploader downloads it while staged', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const response = await applicant.upload('请假证明.pdf', pdf);
    expect(response.statusCode).toBe(201);
    const ref = response.json();
    expect(ref).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: '请假证明.pdf', size: pdf.length, type: 'application/pdf' });
    expect(fs.readFileSync(objectPath(ref.id))).toEqual(pdf);
    expect(await fileRow(ref.id)).toMatchObject({ uploader_person_id: w.applicant.personId, application_id: null, extension: 'pdf', size: pdf.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(tempFiles()).toEqual([]);

    const download = await applicant.get(`/api/files/${ref.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(pdf);
    expect(download.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(pdf.length),
      'content-disposition': `attachment; filename="____.pdf"; filename*=UTF-8''%E8%AF%B7%E5%81%87%E8%AF%81%E6%98%8E.pdf`,
      'x-content-type-options': 'nosniff',
    });
    expect(download.headers['content-security-policy']).toContain('sandbox');

    // Someone else learns nothing, not even that it exists.
    const stranger = await w.as(w.stranger);
    const hidden = await stranger.get(`/api/files/${ref.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('FILE_NOT_FOUND');
    expect((await stranger.get(`/api/files/${randomUUID()}`)).json().error.code).toBe('FILE_NOT_FOUND');
  });

  it('serves pictures inline for preview, other files as attachments', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const photo = await uploaded(applicant, '照片.png', png);
    expect(photo.type).toBe('image/png');
    const shown = await applicant.get(`/api/files/${photo.id}`);
    expect(shown.headers['content-disposition']).toMatch(/^inline; /);
    const csv = await uploaded(applicant, '名单.csv', gbkText);
    expect(csv.type).toBe('text/csv');
    expect((await applicant.get(`/api/files/${csv.id}`)).headers['content-disposition']).toMatch(/^attachment; /);
    const docx = await uploaded(applicant, '申请表.docx', officeOpenXml('docx'));
    expect(docx.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('refuses a file over FILES_MAX_MB, keeping nothing', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const before = await hall.db.selectFrom('file').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const big = Buffer.concat([pdf, Buffer.alloc(1024 * 1024, 0x20)]);
    const response = await applicant.upload('扫描件.pdf', big);
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'FILE_TOO_LARGE', message: '文件过大，单个文件不能超过 1 MB' });
    const after = await hall.db.selectFrom('file').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(tempFiles()).toEqual([]);
    // Just under the limit is fine.
    await uploaded(applicant, '扫描件.pdf', Buffer.concat([pdf, Buffer.alloc(1024 * 1024 - pdf.length - 1, 0x20)]));
  });

  it('refuses an .exe renamed .pdf, a page renamed .jpg, and types not on the list, with Chinese messages', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const renamed = await applicant.upload('成绩单.pdf', exe);
    expect(renamed.statusCode).toBe(415);
    expect(renamed.json().error).toMatchObject({ code: 'FILE_CONTENT_MISMATCH', message: '文件内容与扩展名不符（可能是改过扩展名的文件），请上传原始文件' });
    expect((await applicant.upload('photo.jpg', Buffer.from('<html><script>alert(1)</script></html>'))).json().error.code).toBe('FILE_CONTENT_MISMATCH');
    expect((await applicant.upload('photo.png', jpeg)).json().error.code).toBe('FILE_CONTENT_MISMATCH');
    const notAllowed = await applicant.upload('setup.exe', exe);
    expect(notAllowed.statusCode).toBe(415);
    expect(notAllowed.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(notAllowed.json().error.message).toContain('不支持上传 .exe 文件');
    expect((await applicant.upload('noextension', pdf)).json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect((await applicant.upload('empty.pdf', Buffer.alloc(0))).json().error.code).toBe('FILE_EMPTY');
    expect(tempFiles()).toEqual([]);
  });

  it('keeps only a safe base name: no directories, no hidden direction marks; the stored key is the id', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const traversal = await uploaded(applicant, '../../../../etc/cron.d/x.pdf', pdf);
    expect(traversal.name).toBe('x.pdf');
    const windows = await uploaded(applicant, '..\\..\\Windows\\win.pdf', pdf);
    expect(windows.name).toBe('win.pdf');
    const dots = await uploaded(applicant, '..pdf', pdf);
    expect(dots.name).toBe('未命名.pdf');
    const trick = await uploaded(applicant, '简历\u202Efdp.exe.pdf', pdf);
    expect(trick.name).toBe('简历fdp.exe.pdf');
    for (const ref of [traversal, windows, dots, trick]) expect(fs.existsSync(objectPath(ref.id))).toBe(true);
    const stored = fs.readdirSync(path.join(filesDir, 'objects'), { recursive: true }).map(String);
    expect(stored.filter((entry) => entry.includes('.'))).toEqual([]);
    expect(fs.existsSync(path.join(filesDir, '..', 'etc'))).toBe(false);
  });

  it('needs a logged-in person with the CSRF token, and one file', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    expect((await applicant.upload('a.pdf', pdf, { csrf: false })).json().error.code).toBe('CSRF_FAILED');
    const body = multipart('a.pdf', pdf);
    const anonymous = await hall.app.inject({ method: 'POST', url: '/api/files', headers: { 'content-type': body.contentType }, payload: body.payload });
    expect(anonymous.statusCode).toBeGreaterThanOrEqual(401);
    expect(anonymous.statusCode).toBeLessThanOrEqual(403);
    // Multipart is taken on the upload path only.
    const elsewhere = await hall.app.inject({ method: 'POST', url: '/api/applications', headers: { cookie: (await login(hall.app, w.applicant.accountNo, w.applicant.password)).cookie, 'content-type': body.contentType }, payload: body.payload });
    expect(elsewhere.json().error.code).toBe('CSRF_FAILED');
    const empty = await hall.app.inject({ method: 'POST', url: '/api/files', headers: { cookie: (await login(hall.app, w.applicant.accountNo, w.applicant.password)).cookie, 'x-csrf-token': 'x', 'content-type': 'application/json' }, payload: {} });
    expect(empty.statusCode).toBe(403); // a wrong token is refused before anything else
  });

  it('lets the uploader take back a staged file, nobody else', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const ref = await uploaded(applicant, 'a.pdf', pdf);
    const stranger = await w.as(w.stranger);
    expect((await stranger.remove(`/api/files/${ref.id}`)).json().error.code).toBe('FILE_NOT_FOUND');
    expect((await applicant.remove(`/api/files/${ref.id}`)).json()).toEqual({ ok: true });
    expect(await fileRow(ref.id)).toBeUndefined();
    expect(fs.existsSync(objectPath(ref.id))).toBe(false);
    expect((await applicant.get(`/api/files/${ref.id}`)).statusCode).toBe(404);
  });
});

describe('linking files to an application at submit', () => {
  it('links the referenced files in the submit; the applicant, the approver and people it is copied to may download, strangers get 404', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const proof = await uploaded(applicant, '证明.pdf', pdf);
    const signature = await uploaded(applicant, '签名.png', png);
    const created = await submit(applicant, w.service.code, { reason: '病假', proof: [proof], sign: signature });
    expect(created.statusCode, created.body).toBe(201);
    const application = created.json();
    expect(application.data.proof).toEqual([proof]);
    for (const ref of [proof, signature]) expect(await fileRow(ref.id)).toMatchObject({ application_id: application.id, linked_at: expect.any(Date) });

    expect((await applicant.get(`/api/files/${proof.id}`)).statusCode).toBe(200);
    const head = await w.as(w.head);
    const asApprover = await head.get(`/api/files/${proof.id}`);
    expect(asApprover.statusCode).toBe(200);
    expect(asApprover.rawPayload).toEqual(pdf);
    const stranger = await w.as(w.stranger);
    expect((await stranger.get(`/api/files/${proof.id}`)).statusCode).toBe(404);
    // A copy (抄送) makes the stranger a reader of the application, and so of its files.
    expect((await head.post(`/api/applications/${application.id}/cc`, { people: [w.stranger.personId], opinion: '请知悉' })).statusCode).toBe(200);
    expect((await stranger.get(`/api/files/${proof.id}`)).statusCode).toBe(200);
    // A linked file is no longer the uploader's to take back.
    expect((await applicant.remove(`/api/files/${proof.id}`)).json().error.code).toBe('FILE_ALREADY_LINKED');
  });

  it('refuses a second application claiming the same file, and writes nothing of it', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const proof = await uploaded(applicant, '证明.pdf', pdf);
    const first = await submit(applicant, w.service.code, { reason: '第一次', proof: [proof] });
    expect(first.statusCode).toBe(201);
    const fresh = await uploaded(applicant, '新证明.pdf', pdf);
    const second = await submit(applicant, w.service.code, { reason: '第二次', proof: [fresh, proof] });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'FILE_ALREADY_LINKED', message: '“证明.pdf”已用于另一份申请，请重新上传', fields: [{ key: 'proof', code: 'FILE_ALREADY_LINKED', message: '“证明.pdf”已用于另一份申请，请重新上传' }] });
    const mine = await hall.db.selectFrom('application').select('id').where('applicant_person_id', '=', w.applicant.personId).execute();
    expect(mine.map((a) => a.id)).toEqual([first.json().id]);
    // The transaction rolled back: the fresh file is still staged, free for the next try.
    expect(await fileRow(fresh.id)).toMatchObject({ application_id: null });
    expect((await submit(applicant, w.service.code, { reason: '第二次', proof: [fresh] })).statusCode).toBe(201);
  });

  it('lets only one of two submits at the same moment have the same file', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const proof = await uploaded(applicant, '证明.pdf', pdf);
    const answers = await Promise.all([1, 2].map(() => submit(applicant, w.service.code, { reason: '同时提交', proof: [proof] })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const winner = answers.find((a) => a.statusCode === 201)!.json();
    expect(await fileRow(proof.id)).toMatchObject({ application_id: winner.id });
    expect(await hall.db.selectFrom('application').select('id').where('applicant_person_id', '=', w.applicant.personId).execute()).toHaveLength(1);
  });

  it('refuses references to files that are not the person’s own, or that misdescribe the upload', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const stranger = await w.as(w.stranger);
    const theirs = await uploaded(stranger, '别人的.pdf', pdf);
    const others = await submit(applicant, w.service.code, { reason: '借用', proof: [theirs] });
    expect(others.statusCode).toBe(404);
    expect(others.json().error).toMatchObject({ code: 'FILE_NOT_FOUND', fields: [{ key: 'proof', code: 'FILE_NOT_FOUND' }] });
    expect(await fileRow(theirs.id)).toMatchObject({ application_id: null });

    const mine = await uploaded(applicant, '大文件.pdf', pdf);
    // The form's limits were checked against what the reference says: it must say what was uploaded.
    for (const lie of [{ size: 1 }, { name: '改名.pdf' }, { type: 'image/png' }]) {
      const refused = await submit(applicant, w.service.code, { reason: '谎报', proof: [{ ...mine, ...lie }] });
      expect(refused.json().error.code).toBe('FILE_NOT_FOUND');
    }
    expect((await submit(applicant, w.service.code, { reason: '没有这个文件', proof: [{ ...mine, id: randomUUID() }] })).json().error.code).toBe('FILE_NOT_FOUND');
    expect(await hall.db.selectFrom('application').select('id').where('applicant_person_id', '=', w.applicant.personId).execute()).toEqual([]);
  });

  it('links new files at resubmit and keeps the ones already linked', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const first = await uploaded(applicant, '初稿.pdf', pdf);
    const application = (await submit(applicant, w.service.code, { reason: '补材料', proof: [first] })).json();
    const head = await w.as(w.head);
    const taskId = (await head.get(`/api/applications/${application.id}`)).json().myTaskId;
    const sentBack = await head.post(`/api/tasks/${taskId}/send-back`, { target: 'applicant', opinion: '请补充盖章页' });
    expect(sentBack.statusCode, sentBack.body).toBe(200);

    const stamped = await uploaded(applicant, '盖章页.png', png);
    const resubmitted = await applicant.post(`/api/applications/${application.id}/resubmit`, { data: { reason: '补材料', proof: [first, stamped] } });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(await fileRow(stamped.id)).toMatchObject({ application_id: application.id });
    expect(await fileRow(first.id)).toMatchObject({ application_id: application.id });
    expect((await head.get(`/api/files/${stamped.id}`)).statusCode).toBe(200);
  });

  it('links the files an approver adds in a field their step writes, beside the applicant’s, and refuses files that are neither', async () => {
    const w = await world();
    const service = await buildService(hall.db, { form, process: { nodes: [{ id: 'head', type: 'approver', name: '部门负责人审批', assignee: { kind: 'departmentHead' }, fields: { proof: 'write' } }] } });
    const applicant = await w.as(w.applicant);
    const first = await uploaded(applicant, '申请材料.pdf', pdf);
    const application = (await submit(applicant, service.code, { reason: '审批人补充材料', proof: [first] })).json();
    const head = await w.as(w.head);
    const taskId = (await head.get(`/api/applications/${application.id}`)).json().myTaskId;

    // Someone else's staged upload is not the approver's to put in.
    const stranger = await w.as(w.stranger);
    const theirs = await uploaded(stranger, '别人的.pdf', pdf);
    const refused = await head.post(`/api/tasks/${taskId}/approve`, { opinion: '同意', fields: { proof: [first, theirs] } });
    expect(refused.json().error).toMatchObject({ code: 'FILE_NOT_FOUND', fields: [{ key: 'proof', code: 'FILE_NOT_FOUND' }] });
    expect(await fileRow(theirs.id)).toMatchObject({ application_id: null });

    const added = await uploaded(head, '审核意见.pdf', pdf);
    const approved = await head.post(`/api/tasks/${taskId}/approve`, { opinion: '同意', fields: { proof: [first, added] } });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().data.proof).toEqual([first, added]);
    expect(await fileRow(added.id)).toMatchObject({ application_id: application.id, linked_at: expect.any(Date) });
    expect(await fileRow(first.id)).toMatchObject({ application_id: application.id });
    // The applicant reads the approver's file like any of the application's; the cleanup of staged files leaves it alone.
    expect((await applicant.get(`/api/files/${added.id}`)).statusCode).toBe(200);
  });
});

describe('cleaning up staged files', () => {
  it('a recurring job, enqueued once per period however many workers poll, deletes staged files older than a day and leaves linked and recent ones', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const abandoned = await uploaded(applicant, '没提交.pdf', pdf);
    const linked = await uploaded(applicant, '已提交.pdf', pdf);
    const recent = await uploaded(applicant, '刚上传.pdf', pdf);
    expect((await submit(applicant, w.service.code, { reason: '请假', proof: [linked] })).statusCode).toBe(201);
    await sql`update file set created_at = now() - interval '25 hours' where id in (${abandoned.id}, ${linked.id})`.execute(hall.db);
    await sql`update file set created_at = now() - interval '23 hours' where id = ${recent.id}`.execute(hall.db);

    await scheduleRecurringJobs(hall.db, filesRecurringJobs);
    await sql`update job_schedule set next_run_at = now() - interval '1 second' where kind = ${FILES_CLEANUP_JOB}`.execute(hall.db);
    const enqueued = (await Promise.all([enqueueDueRecurringJobs(hall.db), enqueueDueRecurringJobs(hall.db), enqueueDueRecurringJobs(hall.db)])).flat();
    expect(enqueued).toEqual([FILES_CLEANUP_JOB]);
    expect(await enqueueDueRecurringJobs(hall.db)).toEqual([]);
    const schedule = await hall.db.selectFrom('job_schedule').selectAll().where('kind', '=', FILES_CLEANUP_JOB).executeTakeFirstOrThrow();
    expect(schedule.next_run_at.getTime()).toBeGreaterThan(Date.now() + 3500_000);

    await runDueJobs({ db: hall.db, handlers: hall.jobHandlers, log: hall.app.log, pollMs: 0, batchSize: 1000 });
    const job = await hall.db.selectFrom('job').selectAll().where('kind', '=', FILES_CLEANUP_JOB).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
    expect(await fileRow(abandoned.id)).toBeUndefined();
    expect(fs.existsSync(objectPath(abandoned.id))).toBe(false);
    expect(await fileRow(linked.id)).toBeDefined();
    expect(fs.existsSync(objectPath(linked.id))).toBe(true);
    expect(await fileRow(recent.id)).toBeDefined();
    expect((await applicant.get(`/api/files/${abandoned.id}`)).statusCode).toBe(404);
    // A reference to a cleaned-up file is refused at submit.
    expect((await submit(applicant, w.service.code, { reason: '太晚了', proof: [abandoned] })).json().error.code).toBe('FILE_NOT_FOUND');
  });
});

describe('files a draft holds', () => {
  it('a draft keeps its staged files past the cleanup until it lets go of them or is deleted; the submit from it takes them', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const stranger = await w.as(w.stranger);
    const saveDraft = (data: Record<string, unknown>) => applicant.put(`/api/drafts/${w.service.code}`, { formVersion: 1, data });
    const kept = await uploaded(applicant, '周五存草稿.pdf', pdf);
    const dropped = await uploaded(applicant, '后来删掉的.pdf', pdf);
    const signature = await uploaded(applicant, '签名.png', png);
    const othersFile = await uploaded(stranger, '别人的.pdf', pdf);
    // A draft is not a checked form: someone else's file and a malformed id are passed over, not held, not an error.
    const malformed = { id: 'not-a-uuid', name: 'x.pdf', size: 1, type: 'application/pdf' };
    const saved = await saveDraft({ reason: '周一再交', proof: [kept, dropped, othersFile, malformed], sign: signature });
    expect(saved.statusCode, saved.body).toBe(200);
    const held = () => hall.db.selectFrom('draft_file').select('file_id').where('file_id', 'in', [kept.id, dropped.id, signature.id, othersFile.id]).execute();
    expect((await held()).map((row) => row.file_id).sort()).toEqual([kept.id, dropped.id, signature.id].sort());

    // The weekend passes: the cleanup leaves what the draft holds.
    const age = () => sql`update file set created_at = now() - interval '3 days' where id in (${kept.id}, ${dropped.id}, ${signature.id}, ${othersFile.id})`.execute(hall.db);
    await age();
    expect(await hall.services.files.cleanupStaged()).toBe(1); // the stranger's, which no draft of theirs holds
    expect(await fileRow(kept.id)).toBeDefined();
    expect(fs.existsSync(objectPath(kept.id))).toBe(true);

    // Saved again without one file: that one is let go, and cleaned up on the next run.
    expect((await saveDraft({ reason: '周一再交', proof: [kept], sign: signature })).statusCode).toBe(200);
    expect(await hall.services.files.cleanupStaged()).toBe(1);
    expect(await fileRow(dropped.id)).toBeUndefined();
    expect(fs.existsSync(objectPath(dropped.id))).toBe(false);

    // Monday: the submit from the draft takes the held files, and deletes the draft (and its hold).
    const submitted = await submit(applicant, w.service.code, { reason: '周一再交', proof: [kept], sign: signature });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(await applicant.get(`/api/drafts/${w.service.code}`).then((r) => r.json().draft)).toBeNull();
    expect(await held()).toEqual([]);
    expect(await hall.services.files.cleanupStaged()).toBe(0);
    expect((await fileRow(kept.id))?.application_id).toBe(submitted.json().id);
  });

  it('deleting the draft lets its files go', async () => {
    const w = await world();
    const applicant = await w.as(w.applicant);
    const file = await uploaded(applicant, '草稿附件.pdf', pdf);
    expect((await applicant.put(`/api/drafts/${w.service.code}`, { formVersion: 1, data: { proof: [file] } })).statusCode).toBe(200);
    await sql`update file set created_at = now() - interval '3 days' where id = ${file.id}`.execute(hall.db);
    expect(await hall.services.files.cleanupStaged()).toBe(0);
    expect((await applicant.remove(`/api/drafts/${w.service.code}`)).statusCode).toBe(200);
    expect(await hall.services.files.cleanupStaged()).toBe(1);
    expect(await fileRow(file.id)).toBeUndefined();
  });
});

describe('recurring jobs in the worker', () => {
  it('registers a recurring job at start and runs it once per period', async () => {
    const kind = `test.recurring.${randomUUID().slice(0, 8)}`;
    let runs = 0;
    const stop = startWorker({ db: hall.db, handlers: { ...hall.jobHandlers, [kind]: async () => void runs++ }, recurring: { [kind]: 3600 }, log: hall.app.log, pollMs: 20 });
    try {
      for (let i = 0; i < 200 && runs === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 200)); // several more polls: still due only an hour later
    } finally {
      await stop();
    }
    expect(runs).toBe(1);
    expect(await hall.db.selectFrom('job').select('status').where('kind', '=', kind).execute()).toEqual([{ status: 'done' }]);
  });
});

describe('S3-compatible storage', () => {
  const account = { accessKeyId: 'AKIDONEHALLTEST', secretAccessKey: 'hall/secret+key', bucket: 'onehall-files', region: 'cn-north-1' };
  let s3: S3Fake;
  let s3Hall: TestHall;
  beforeAll(async () => {
    s3 = await startS3Fake(account);
    s3Hall = await createTestHall(s3Env(account, s3));
  });
  afterAll(async () => {
    await s3Hall?.close();
    await s3?.close();
  });

  it('keeps uploads as objects named by id (SigV4-signed requests), serves them to readers, and deletes them at cleanup', async () => {
    expect(s3Hall.services.files.storageKind).toBe('s3');
    const w = await world(s3Hall);
    const applicant = await w.as(w.applicant);
    const proof = await uploaded(applicant, '证明.pdf', pdf);
    const abandoned = await uploaded(applicant, '照片.jpg', jpeg);
    expect(s3.objects.get(proof.id)).toMatchObject({ body: pdf, contentType: 'application/pdf' });
    expect(s3.objects.get(abandoned.id)?.contentType).toBe('image/jpeg');
    expect((await submit(applicant, w.service.code, { reason: '病假', proof: [proof] })).statusCode).toBe(201);

    const head = await w.as(w.head);
    const download = await head.get(`/api/files/${proof.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(pdf);
    expect((await (await w.as(w.stranger)).get(`/api/files/${proof.id}`)).statusCode).toBe(404);

    await sql`update file set created_at = now() - interval '2 days' where id in (${proof.id}, ${abandoned.id})`.execute(s3Hall.db);
    expect(await s3Hall.services.files.cleanupStaged()).toBe(1);
    expect(s3.objects.has(abandoned.id)).toBe(false);
    expect(s3.objects.has(proof.id)).toBe(true);
    // Every request the hall made was signed correctly.
    expect(s3.log.filter((entry) => entry.code === 'SignatureDoesNotMatch' || entry.code === 'InvalidAccessKeyId')).toEqual([]);
  });

  it('is refused by the storage with a wrong secret, and the upload fails without keeping a row', async () => {
    const wrong = await createTestHall(s3Env({ ...account, secretAccessKey: 'not-the-secret' }, s3));
    try {
      const w = await world(wrong);
      const applicant = await w.as(w.applicant);
      const response = await applicant.upload('a.pdf', pdf);
      expect(response.statusCode).toBe(503);
      expect(response.json().error).toMatchObject({ code: 'UNAVAILABLE', message: '文件存储暂时无法访问，请稍后再试' });
      expect(s3.log.at(-1)).toMatchObject({ method: 'PUT', status: 403, code: 'SignatureDoesNotMatch' });
      expect(await wrong.db.selectFrom('file').selectAll().execute()).toEqual([]);
    } finally {
      await wrong.close();
    }
  });
});
