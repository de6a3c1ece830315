import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonAccountsDto } from '@onehall/contracts';
import { demoInitialPassword, personIdOf, poll, snap, submitWebsiteChange } from './support.ts';
import { bindingOf, enterPhone, logInOnJourney, openRegistrationInWecom, startWecomHall, type WecomHall } from './wecom-support.ts';

/**
 * 更换学号 inside WeCom (manual chapter 3, FAQ 更换学号怎么办？): a 预科
 * student bound with WeCom submits an application, unbinds; the IT centre
 * gives the person their 本科 number and disables the old one; the student
 * registers with the new number in the same WeCom and finds the application
 * sent under the old number in 发出的事项, because it belongs to the person.
 */
const oldNumber = '2025090101';
const newNumber = '2026010101';
const member = 'YK250101';
const wecomMobile = '13933330001';
const siteName = '预科部旧站';

let setup: WecomHall;

beforeAll(async () => {
  setup = await startWecomHall([{ userid: member, name: '预科学生', department: [1], mobile: `+86 ${wecomMobile}` }]);
}, 120_000);

afterAll(async () => {
  await setup?.stop();
});

describe('inside WeCom, a new student number', () => {
  it('unbinds the old number, registers with the new one and finds the old application in 发出的事项', async () => {
    const { wecom, admin } = setup;
    const phone = await setup.wecomPhone(member);

    // The 预科 number registered in WeCom, and an application sent with it.
    const page = await phone.newPage();
    await openRegistrationInWecom(page, wecom);
    await logInOnJourney(page, oldNumber, demoInitialPassword(oldNumber), { newPassword: 'Yunlu-Yuke-0101' });
    await enterPhone(page, wecomMobile);
    await page.waitForURL((url) => url.pathname === '/register/follow');
    await expect(bindingOf(page)).resolves.toMatchObject({ bound: true, wecom: true });
    const personId = await personIdOf(page);
    const applicationPath = await submitWebsiteChange(page, siteName);
    await page.getByText(siteName).first().waitFor();

    // 解除绑定 with the old number, after a fresh login.
    await page.goto('/unbind');
    await logInOnJourney(page, oldNumber, 'Yunlu-Yuke-0101', { next: '/unbind/confirm' });
    await expect(page.getByTestId('bound-phone').innerText()).resolves.toBe('139****0001');
    await page.getByRole('button', { name: '解除绑定' }).click();
    const dialog = page.locator('.adm-dialog');
    await dialog.getByRole('button', { name: '解除绑定' }).click();
    await page.waitForURL((url) => url.pathname === '/unbind/done');
    await page.getByRole('heading', { name: '已解除绑定' }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await snap(page, '72-rebind-unbound');
    await page.close();

    // The IT centre gives the person the 本科 number and disables the 预科 one.
    const linked = await admin.post<PersonAccountsDto>(`/api/admin/people/${personId}/accounts`, { accountNo: newNumber, kind: 'student' });
    expect(linked.status).toBe(200);
    expect(linked.body.accounts).toEqual(expect.arrayContaining([expect.objectContaining({ accountNo: newNumber, status: 'active', mustChangePassword: true })]));
    const disabled = await admin.put<PersonAccountsDto>(`/api/admin/accounts/${oldNumber}/status`, { status: 'disabled' });
    expect(disabled.status).toBe(200);
    expect(disabled.body.accounts).toEqual(expect.arrayContaining([expect.objectContaining({ accountNo: oldNumber, status: 'disabled' })]));

    // Registering again in the same WeCom, with the new number: its initial password is the same ID number's.
    const again = await phone.newPage();
    await openRegistrationInWecom(again, wecom);
    await logInOnJourney(again, newNumber, demoInitialPassword(oldNumber), { newPassword: 'Yunlu-Benke-0101' });
    await again.getByText(`学号 ${newNumber}`).waitFor();
    await again.locator('.adm-toast-mask').waitFor({ state: 'detached' }); // 密码修改成功 fades away
    await snap(again, '73-rebind-new-number-phone');
    await enterPhone(again, wecomMobile);
    await again.waitForURL((url) => url.pathname === '/register/follow');
    await expect(bindingOf(again)).resolves.toMatchObject({ bound: true, phone: '139****0001', wecom: true });
    await again.getByRole('button', { name: '下一步' }).click();
    await again.waitForURL((url) => url.pathname === '/register/done');
    await again.getByRole('button', { name: '进入办事大厅' }).click();
    await again.waitForURL((url) => url.pathname === '/');

    // 发出的事项 holds the application sent under the old number.
    await again.goto('/sent');
    await again.getByText('发出的事项').first().waitFor();
    const item = again.locator(`a.application-item__link[href="${applicationPath}"]`);
    await item.waitFor();
    // Polled: a list item is drawn when it comes near the screen (content-visibility), and its text is empty until then.
    await poll(() => item.innerText()).toContain('网站变更申请');
    await snap(again, '74-rebind-sent');
    await item.click();
    await again.waitForURL((url) => url.pathname === applicationPath);
    await again.getByText(siteName).first().waitFor();
    await snap(again, '75-rebind-old-application');
    expect((await (await phone.request.get('/api/auth/me')).json()).accountNo).toBe(newNumber);

    // The old number no longer logs in; WeCom now lets the person in as the new one.
    const oldLogin = await setup.browser.newContext({ baseURL: setup.hall.baseUrl });
    expect((await oldLogin.request.post('/api/auth/login', { data: { accountNo: oldNumber, password: 'Yunlu-Yuke-0101' } })).ok()).toBe(false);
    await oldLogin.close();
    const later = await setup.wecomPhone(member);
    const home = await later.newPage();
    await home.goto('/sent');
    await poll(() => new URL(home.url()).pathname).toBe('/sent');
    await home.locator(`a.application-item__link[href="${applicationPath}"]`).waitFor();
    expect((await (await later.request.get('/api/auth/me')).json()).accountNo).toBe(newNumber);
    await later.close();
    await phone.close();
  });
});
