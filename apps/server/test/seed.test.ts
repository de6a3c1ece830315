import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHall, client, login, type TestHall } from './helpers.ts';
import { seedDemo } from '../src/seed/seed-demo.ts';
import { demoIdNumber, demoPeople, demoServices } from '../src/seed/demo-data.ts';
import { isValidIdNumber } from '../src/modules/identity/id-number.ts';
import { initialPassword } from '../src/modules/identity/password.ts';

let hall: TestHall;
beforeAll(async () => {
  hall = await createTestHall();
});
afterAll(() => hall?.close());

describe('demo data', () => {
  it('seeds once and is idempotent', async () => {
    const first = await seedDemo(hall.db);
    expect(first).toMatchObject({ created: true, people: demoPeople.length, services: demoServices.length });
    const second = await seedDemo(hall.db);
    expect(second).toEqual({ created: false, people: 0, services: 0 });
    const count = async (table: 'person' | 'service' | 'banner' | 'department') => (await hall.db.selectFrom(table).select('id').execute()).length;
    expect(await count('person')).toBe(demoPeople.length);
    expect(await count('service')).toBe(demoServices.length);
    expect(await count('banner')).toBe(3);
    expect(await count('department')).toBeGreaterThanOrEqual(10);
  });

  it('has valid fictional ID numbers and a 预科 student', () => {
    demoPeople.forEach((person, n) => expect(isValidIdNumber(demoIdNumber(n, person.kind))).toBe(true));
    expect(demoPeople.some((person) => person.department === 'YKJY' && person.kind === 'student')).toBe(true);
    expect(demoPeople.length).toBeGreaterThanOrEqual(55);
  });

  it('lets a demo student log in with the last 8 characters of the ID number, then change it and see the hall', async () => {
    const n = demoPeople.findIndex((person) => person.accountNo === '2023010101');
    const password = initialPassword(demoIdNumber(n, 'student'));
    const session = await login(hall.app, '2023010101', password);
    const api = client(hall.app, session);
    expect((await api.get('/api/auth/me')).json()).toMatchObject({ mustChangePassword: true, departmentName: '计算机科学与技术学院', className: '计算机科学与技术2301班' });
    await api.post('/api/auth/password', { oldPassword: password, newPassword: 'Yunlu-2026' });
    const catalog = (await api.get('/api/catalog')).json();
    expect(catalog.categories.map((c: { name: string }) => c.name)).toEqual(['信息化服务', '学生事务', '后勤服务', '财务服务']);
    expect((await api.get('/api/catalog?q=网站')).json().categories.flatMap((c: { services: { name: string }[] }) => c.services.map((s) => s.name))).toEqual(['网站变更申请']);
    expect((await api.get('/api/catalog?q=%25')).json().categories).toEqual([]);
    const service = (await api.get('/api/services/website-change')).json();
    expect(service.guide).toMatchObject({ departmentName: '信息与现代教育技术中心', contactPhone: expect.any(String) });
    expect(service.steps.map((s: { name: string }) => s.name)).toEqual(['部门负责人审批', '信息中心审核', '信息中心主任审批']);
    expect((await api.get('/api/home')).json().banners).toHaveLength(3);
    // The website change goes first to the head of the student's college.
    const created = (await api.post('/api/applications', {
      serviceCode: 'website-change',
      idempotencyKey: 'seed-test-0001',
      data: { siteName: '计算机学院学生会网站', siteUrl: 'https://su.cs.yunlu.edu.cn', changeType: 'column', description: '新增“通知公告”栏目，调整首页布局', expectedDate: '2099-01-01', contactPhone: '13800001111' },
    })).json();
    expect(created).toMatchObject({ status: 'running', currentNodeName: '部门负责人审批', currentApprovers: ['卫院长'] });
  });
});

describe('the demo leave process', () => {
  it('goes to the class counsellor, then to the college head only for more than 3 days', async () => {
    const n = demoPeople.findIndex((person) => person.accountNo === '2023010102');
    const password = initialPassword(demoIdNumber(n, 'student'));
    const api = client(hall.app, await login(hall.app, '2023010102', password));
    await api.post('/api/auth/password', { oldPassword: password, newPassword: 'Yunlu-2026' });
    const data = { leaveType: 'sick', startDate: '2099-03-01', endDate: '2099-03-05', destination: '家中', reason: '发烧就医', contactPhone: '13800002222' };
    const long = (await api.post('/api/services/leave/preview', { data: { ...data, days: 5 } })).json();
    expect(long.steps.map((s: { name: string; people: { name: string }[] }) => [s.name, s.people.map((p) => p.name)])).toEqual([
      ['辅导员审批', ['蒋辅导']],
      ['学院负责人审批', ['卫院长']],
      ['抄送学工处', ['孙事务']],
    ]);
    const short = (await api.post('/api/services/leave/preview', { data: { ...data, days: 2 } })).json();
    expect(short.steps.map((s: { name: string }) => s.name)).toEqual(['辅导员审批', '抄送学工处']);
  });
});
