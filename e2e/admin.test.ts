import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { demoInitialPassword, launchChromium, logInFirstTime, newPhone, poll, snap, startHall } from './support.ts';

/**
 * The admin console's 审计日志 on a desktop: an administrator reads their own
 * login and other people's failed ones, filters by 操作 and pages with
 * 加载更多; people who are not administrators, or still have the initial
 * password, are kept out the same way as on 概览. Then 身份认证: LDAP and
 * CAS settings and WeCom's 关注企业号 QR image, checked in the browser and by
 * the server, and recorded as 修改设置 with their 目标. The tests share one
 * hall and run in order; LDAP and CAS stay off throughout, so every login
 * here checks the hall's own passwords.
 */
let hall: Awaited<ReturnType<typeof startHall>>;
let browser: Browser;

beforeAll(async () => {
  hall = await startHall();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hall?.stop();
});

/** A desktop browser; `timezoneId` other than Shanghai shows that times do not follow the computer's clock. */
function newDesktop(timezoneId = 'Asia/Shanghai'): Promise<BrowserContext> {
  return browser.newContext({ baseURL: hall.baseUrl, viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId });
}

/** Ends the page's hall session through the API (as the console's own test does). */
async function logOutOfHall(page: Page): Promise<void> {
  const csrfToken = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()).then((me: { csrfToken: string }) => me.csrfToken));
  await page.request.post('/api/auth/logout', { headers: { 'x-csrf-token': csrfToken } });
}

/** The 审计日志 table's rows, each as the texts of its cells. */
function auditRows(page: Page): Promise<string[][]> {
  return page.locator('.ant-table-tbody tr.ant-table-row').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? '')));
}

/**
 * Chooses 操作 = title on 审计日志. The option is clicked once the dropdown has
 * finished opening: a click while antd's slide-up motion still moves it can
 * land beside the option on a busy machine, and nothing is chosen.
 */
async function chooseAuditAction(page: Page, title: string): Promise<void> {
  await page.getByLabel('操作').click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await poll(() => dropdown.evaluate((element) => element.getAnimations().length + (/-(appear|enter)\b/.test(element.className) ? 1 : 0))).toBe(0);
  await dropdown.locator(`.ant-select-item-option[title="${title}"]`).click();
}

/** The instant a 时间 cell names, read as Shanghai wall-clock time ('2024-03-09 14:05:07'). */
function shanghaiInstant(text: string | undefined): number {
  expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  return Date.parse(`${text!.replace(' ', 'T')}+08:00`);
}

describe('the admin console: 审计日志', () => {
  it('an administrator sees their own login, a failed login, filters by 操作 and loads more', async () => {
    const context = await newDesktop('Europe/London');
    const page = await context.newPage();
    await logInFirstTime(page, '10000001', 'Yunlu-Admin-01');
    await logOutOfHall(page);

    // Straight to 审计日志 without a session: the login comes first and then leads back.
    await page.goto('/admin/audit');
    await page.waitForURL((url) => url.pathname === '/admin/login' && url.searchParams.get('next') === '/audit');
    await page.getByLabel('账号').fill('10000001');
    await page.getByLabel('密码').fill('Yunlu-Admin-01');
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
    await page.waitForURL((url) => url.pathname === '/admin/audit');
    await page.getByRole('menuitem', { name: '审计日志' }).waitFor();
    await poll(async () => (await auditRows(page))[0]?.slice(1, 4)).toEqual(['登录', '成功', '周管理10000001']);
    const [newest] = await auditRows(page);
    expect(Math.abs(shanghaiInstant(newest?.[0]) - Date.now())).toBeLessThan(120_000); // Shanghai time, on a London computer
    expect(newest?.[4]).toBe('—'); // 目标: a login is done to nothing but the session
    expect(newest?.[5]).toBe('127.0.0.1');
    expect(newest?.[6]).toContain('Chrome');
    // Everything so far fits one page: the hall login, the password change, the logout, this login.
    await page.getByText(/已显示全部 \d+ 条/).waitFor();
    expect((await auditRows(page)).map((row) => row[1])).toEqual(['登录', '退出登录', '修改密码', '登录']);
    await snap(page, '23-admin-audit');

    // Someone tries unknown account numbers, then a real account with a wrong password, on a phone.
    const phone = await newPhone(browser, hall.baseUrl);
    for (let n = 0; n < 20; n++) {
      const answer = await phone.request.post('/api/auth/login', { data: { accountNo: `9999${String(n).padStart(4, '0')}`, password: 'guess-1234' } });
      expect(answer.status()).toBe(401);
    }
    const phonePage = await phone.newPage();
    await phonePage.goto('/');
    await phonePage.waitForURL(/\/login/);
    await phonePage.getByLabel('用户名').fill('20010002');
    await phonePage.getByLabel('密码').fill('wrong-password');
    await phonePage.getByRole('button', { name: '登录' }).click();
    await phonePage.getByText('账号或密码错误').waitFor();
    await phone.close();

    // 刷新: the failed login is on top; 20 rows a page, the rest behind 加载更多.
    await page.getByRole('button', { name: /刷\s*新/ }).click();
    await poll(async () => (await auditRows(page))[0]?.slice(1, 4)).toEqual(['登录失败', '账号或密码错误', '李运维20010002']);
    expect((await auditRows(page))[0]?.[6]).toContain('MicroMessenger');
    // The cut-off user agent is whole in its tooltip.
    await page.locator('.ant-table-tbody tr.ant-table-row').first().locator('td').last().locator('span').first().hover();
    await poll(async () => (await page.getByRole('tooltip').textContent()) ?? '').toContain('MicroMessenger/8.0.50 NetType/WIFI Language/zh_CN');
    expect(await auditRows(page)).toHaveLength(20);
    expect((await auditRows(page))[1]?.slice(1, 4)).toEqual(['登录失败', '账号或密码错误', '账号 99990019']);
    await page.getByRole('button', { name: '加载更多' }).click();
    await page.getByText('已显示全部 25 条').waitFor();
    const all = await auditRows(page);
    const instants = all.map((row) => shanghaiInstant(row[0]));
    expect(instants).toEqual([...instants].sort((a, b) => b - a)); // newest first across both pages
    expect(all.at(-1)?.slice(1, 4)).toEqual(['登录', '成功', '周管理10000001']); // the oldest: the hall login
    expect(all.filter((row) => row[3]?.startsWith('账号 9999'))).toHaveLength(20);
    expect(await page.getByRole('button', { name: '加载更多' }).count()).toBe(0);

    // 操作 = 登录失败: only failed logins, still newest first and paged.
    await chooseAuditAction(page, '登录失败');
    await page.waitForURL((url) => url.searchParams.get('action') === 'loginFailed');
    await poll(async () => {
      const rows = await auditRows(page);
      return rows.length === 20 && rows.every((row) => row[1] === '登录失败');
    }).toBe(true);
    await page.getByRole('button', { name: '加载更多' }).click();
    await page.getByText('已显示全部 21 条').waitFor();
    const failed = await auditRows(page);
    expect(failed.every((row) => row[1] === '登录失败' && row[2] === '账号或密码错误')).toBe(true);
    expect(failed.some((row) => row[3] === '周管理10000001')).toBe(false);
    await page.mouse.move(0, 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await snap(page, '24-admin-audit-login-failed');

    // The filter is in the address: a reload keeps it.
    await page.reload();
    await poll(async () => (await auditRows(page)).length).toBe(20);
    expect((await auditRows(page)).every((row) => row[1] === '登录失败')).toBe(true);

    // The network fails on 加载更多: the rows stay, the failure is said in Chinese, 重试 carries on.
    const nextPages = (url: URL) => url.pathname === '/api/admin/audit' && url.searchParams.has('cursor');
    await page.route(nextPages, (route) => route.abort());
    await page.getByRole('button', { name: '加载更多' }).click();
    await page.getByRole('alert').getByText('网络连接失败，请检查网络后重试').waitFor();
    expect(await auditRows(page)).toHaveLength(20);
    await page.unroute(nextPages);
    await page.getByRole('alert').getByRole('button', { name: /重\s*试/ }).click();
    await page.getByText('已显示全部 21 条').waitFor();

    // …and on the first page: no table, the failure and 重试. 全部 brings every action back.
    const anyPage = (url: URL) => url.pathname === '/api/admin/audit';
    await page.route(anyPage, (route) => route.abort());
    await chooseAuditAction(page, '全部');
    await page.waitForURL((url) => url.pathname === '/admin/audit' && url.search === '');
    await page.getByText('网络连接失败，请检查网络后重试').waitFor();
    expect(await page.locator('.ant-table').count()).toBe(0);
    await page.unroute(anyPage);
    await page.getByRole('button', { name: /重\s*试/ }).click();
    await poll(async () => (await auditRows(page))[0]?.slice(1, 4)).toEqual(['登录失败', '账号或密码错误', '李运维20010002']);
    await page.getByRole('menuitem', { name: '概览' }).click();
    await page.waitForURL((url) => url.pathname.replace(/\/$/, '') === '/admin');
    await page.getByText('审批中的申请').waitFor();
    await context.close();
  });

  it('people who are not administrators, or still have the initial password, are kept out of 审计日志', async () => {
    // Not an administrator: the hall login is enough to be recognised, and refused.
    const staff = await newDesktop();
    const staffPage = await staff.newPage();
    await logInFirstTime(staffPage, '20010003', 'Yunlu-Staff-03');
    await staffPage.goto('/admin/audit');
    await staffPage.getByText('没有管理员权限').waitFor();
    expect(await staffPage.getByRole('menuitem', { name: '审计日志' }).count()).toBe(0);
    expect(await staffPage.locator('.ant-table').count()).toBe(0);
    await snap(staffPage, '25-admin-audit-forbidden');
    await staff.close();

    // The initial password, in the console's own login: sent to change it first.
    const newcomer = await newDesktop();
    const newcomerPage = await newcomer.newPage();
    await newcomerPage.goto('/admin/audit');
    await newcomerPage.waitForURL(/\/admin\/login\?next=%2Faudit$/);
    await newcomerPage.getByLabel('账号').fill('20020002');
    await newcomerPage.getByLabel('密码').fill(demoInitialPassword('20020002'));
    await newcomerPage.getByRole('button', { name: /^登\s*录$/ }).click();
    await newcomerPage.getByText('首次登录请先修改初始密码').waitFor();
    expect(new URL(newcomerPage.url()).pathname).toBe('/admin/audit');
    expect(await newcomerPage.locator('.ant-table').count()).toBe(0);
    await newcomer.close();
  });
});

/** One identity provider's card on 身份认证, by its title. */
function providerCard(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title });
}

/** The error antd shows under the field labelled `label` in `card`. */
function fieldError(card: Locator, label: string): Locator {
  // `has` is looked for inside each form item, so it starts from the page, not from the card.
  return card.locator('.ant-form-item').filter({ has: card.page().getByLabel(label, { exact: true }) }).locator('.ant-form-item-explain-error');
}

describe('the admin console: 身份认证', () => {
  it('an administrator saves LDAP settings (left off), is refused CAS without PUBLIC_URL, sets WeCom’s 关注企业号 QR image, and the changes are in 审计日志', async () => {
    // The administrator's password was changed by the first test of this file.
    const context = await newDesktop();
    const page = await context.newPage();
    await page.goto('/admin/identity');
    await page.waitForURL((url) => url.pathname === '/admin/login' && url.searchParams.get('next') === '/identity');
    await page.getByLabel('账号').fill('10000001');
    await page.getByLabel('密码').fill('Yunlu-Admin-01');
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
    await page.waitForURL((url) => url.pathname === '/admin/identity');
    await page.getByText('密码等密钥不在这里填写，而在服务器配置中设置').waitFor();
    expect(await page.locator('.ant-menu-item-selected').textContent()).toBe('身份认证');

    const local = providerCard(page, '账号密码');
    await local.getByText('已启用').waitFor();
    expect(await local.getByRole('switch', { name: '启用' }).isDisabled()).toBe(true); // always on
    const ldap = providerCard(page, 'LDAP（统一身份认证目录）');
    await ldap.getByText('未启用').waitFor();
    expect(await ldap.getByLabel('登录名属性').inputValue()).toBe('uid'); // never saved: the schema's defaults
    expect(await ldap.getByLabel('超时（毫秒）').inputValue()).toBe('5000');
    const saveLdap = ldap.getByRole('button', { name: /保\s*存/ });
    const puts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT') puts.push(new URL(request.url()).pathname);
    });

    // An http:// address: refused in the browser, in Chinese, next to the field; nothing is sent.
    await ldap.getByLabel('服务器地址').fill('http://ldap.yunlu.edu.cn');
    await ldap.getByLabel('基准 DN').fill('ou=people,dc=yunlu,dc=edu,dc=cn');
    await saveLdap.click();
    await poll(() => fieldError(ldap, '服务器地址').textContent()).toBe('须以 ldap:// 或 ldaps:// 开头');
    expect(await fieldError(ldap, '基准 DN').count()).toBe(0);
    expect(puts).toEqual([]);

    // The server checks too: a body changed on its way is refused, and its field errors land on the fields.
    await ldap.getByLabel('服务器地址').fill('ldaps://ldap.yunlu.edu.cn:636');
    await poll(() => fieldError(ldap, '服务器地址').count()).toBe(0);
    const ldapPut = (url: URL) => url.pathname === '/api/admin/identity-providers/ldap';
    await page.route(ldapPut, async (route) => {
      const body = route.request().postDataJSON() as { settings: Record<string, unknown> };
      await route.continue({ postData: JSON.stringify({ ...body, settings: { ...body.settings, url: 'http://ldap.yunlu.edu.cn', timeoutMs: 10 } }) });
    });
    const refused = page.waitForResponse((response) => ldapPut(new URL(response.url())));
    await saveLdap.click();
    expect((await refused).status()).toBe(400);
    await ldap.getByRole('alert').getByText('设置有误，请检查标红的项目').waitFor();
    await poll(() => fieldError(ldap, '服务器地址').textContent()).toBe('须以 ldap:// 或 ldaps:// 开头');
    expect(await fieldError(ldap, '超时（毫秒）').textContent()).toBe('请填写 500–30000 之间的整数');
    await ldap.scrollIntoViewIfNeeded();
    await snap(page, '26-admin-identity-invalid');
    await page.unroute(ldapPut);

    // Turning LDAP on asks first (it would change every login); 取消 sends nothing.
    await ldap.getByRole('switch', { name: '启用' }).click();
    await saveLdap.click();
    const ask = page.getByRole('dialog', { name: '启用 LDAP？' });
    await ask.getByText('所有人（包括管理员）登录时输入的密码都由学校目录核对', { exact: false }).waitFor();
    await ask.getByRole('button', { name: /取\s*消/ }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(puts).toEqual(['/api/admin/identity-providers/ldap']); // only the refused one
    await ldap.getByRole('switch', { name: '启用' }).click();
    expect(await ldap.getByRole('switch', { name: '启用' }).getAttribute('aria-checked')).toBe('false');

    // A valid configuration with 启用 off: saved, and the card shows what the server kept and when.
    await ldap.getByLabel('服务器地址').fill('ldaps://ldap.yunlu.edu.cn:636');
    await ldap.getByLabel('服务账号 DN（可选）').fill('cn=onehall,ou=services,dc=yunlu,dc=edu,dc=cn');
    await ldap.getByLabel('学号/工号属性').fill('employeeNumber');
    await ldap.getByLabel('超时（毫秒）').fill('8000');
    await saveLdap.click();
    await page.getByText('已保存“LDAP（统一身份认证目录）”的设置').waitFor();
    await poll(async () => (await ldap.getByText(/^最近修改 /).textContent())?.replace('最近修改 ', '')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const updated = (await ldap.getByText(/^最近修改 /).textContent())!.replace('最近修改 ', '');
    expect(Math.abs(shanghaiInstant(updated) - Date.now())).toBeLessThan(120_000);
    await ldap.getByText('未启用').waitFor();
    expect(await ldap.getByRole('alert').count()).toBe(0);
    await page.mouse.move(0, 0);
    await snap(page, '27-admin-identity', { fullPage: true });

    // A reload shows the saved values; the login form still checks the hall's own passwords.
    await page.reload();
    await poll(() => ldap.getByLabel('服务器地址').inputValue()).toBe('ldaps://ldap.yunlu.edu.cn:636');
    expect(await ldap.getByLabel('基准 DN').inputValue()).toBe('ou=people,dc=yunlu,dc=edu,dc=cn');
    expect(await ldap.getByLabel('服务账号 DN（可选）').inputValue()).toBe('cn=onehall,ou=services,dc=yunlu,dc=edu,dc=cn');
    expect(await ldap.getByLabel('学号/工号属性').inputValue()).toBe('employeeNumber');
    expect(await ldap.getByLabel('超时（毫秒）').inputValue()).toBe('8000');
    const options = (await (await page.request.get('/api/auth/login-options')).json()) as { password: { provider: string }; redirects: unknown[] };
    expect(options.password.provider).toBe('local');

    // CAS on this hall has no PUBLIC_URL configured: the server refuses to enable it and says why, in Chinese.
    const cas = providerCard(page, 'CAS（统一身份认证）');
    await cas.getByText('尚未设置').waitFor();
    await cas.getByRole('switch', { name: '启用' }).click();
    await cas.getByLabel('服务器地址').fill('https://cas.yunlu.edu.cn/cas');
    await cas.getByRole('button', { name: /保\s*存/ }).click();
    await cas.getByRole('alert').getByText(/请先在服务器配置中设置 PUBLIC_URL/).waitFor();
    await cas.getByText('尚未设置').waitFor();
    await cas.scrollIntoViewIfNeeded();
    await snap(page, '28-admin-identity-cas-refused');

    // 审计日志: the one save is there as 修改设置 (refused attempts changed nothing).
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/audit');
    // …with its 目标, the provider whose settings changed.
    await poll(async () => (await auditRows(page))[0]?.slice(1, 5)).toEqual(['修改设置', '成功', '周管理10000001', 'identity_provider:ldap']);
    await chooseAuditAction(page, '修改设置');
    await page.waitForURL((url) => url.searchParams.get('action') === 'settingChanged');
    await page.getByText('已显示全部 1 条').waitFor();
    expect((await auditRows(page)).map((row) => row.slice(1, 5))).toEqual([['修改设置', '成功', '周管理10000001', 'identity_provider:ldap']]);
    await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
    await snap(page, '29-admin-audit-setting-changed');

    // 企业微信 (its login left off): the 关注企业号 QR image is checked as typed, saved, and shown at 注册 ② in place of the server's.
    await page.getByRole('menuitem', { name: '身份认证' }).click();
    const wecom = providerCard(page, '企业微信');
    await wecom.getByLabel('企业 ID（CorpID）').fill('wwyunlu0001');
    await wecom.getByLabel('应用 AgentId').fill('1000002');
    const followQr = wecom.getByLabel('关注企业号二维码（可选）');
    await followQr.fill('ftp://www.yunlu.edu.cn/wecom-qr.png');
    await wecom.getByRole('button', { name: /保\s*存/ }).click();
    await poll(() => fieldError(wecom, '关注企业号二维码（可选）').textContent()).toBe('须为以 http:// 或 https:// 开头的完整地址');
    await followQr.fill('https://www.yunlu.edu.cn/static/wecom-qr.png');
    await wecom.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存“企业微信”的设置').waitFor();
    expect(((await (await page.request.get('/api/binding')).json()) as { followQrUrl: string | null }).followQrUrl).toBe('https://www.yunlu.edu.cn/static/wecom-qr.png');
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await poll(async () => (await auditRows(page))[0]?.slice(1, 5)).toEqual(['修改设置', '成功', '周管理10000001', 'identity_provider:wecom']);

    // LDAP and CAS are off for whatever runs after this.
    const providers = (await (await page.request.get('/api/admin/identity-providers')).json()) as { items: { id: string; enabled: boolean }[] };
    expect(providers.items.filter((item) => item.enabled).map((item) => item.id)).toEqual(['local']);
    await context.close();
  });
});
