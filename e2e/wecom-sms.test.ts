import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoInitialPassword, snap } from './support.ts';
import { bindingOf, enterPhone, logInOnJourney, openRegistrationInWecom, startWecomHall, type WecomHall } from './wecom-support.ts';

/**
 * Registering inside WeCom with a phone other than the mobile WeCom holds
 * (the manual's 企业小助手 path): the phone step asks for an SMS code, and
 * once it is checked the binding records the WeCom member all the same, so
 * that WeCom alone lets the student in afterwards.
 */
const student = '2023030103';
const newPassword = 'Yunlu-WecomSms-1';
const otherPhone = '13655557777';

let setup: WecomHall;

beforeAll(async () => {
  setup = await startWecomHall([{ userid: 'YY230103', name: '英语学生', department: [1], mobile: '+86 13922224444' }]);
}, 120_000);

afterAll(async () => {
  await setup?.stop();
});

describe('inside WeCom, a phone other than WeCom’s', () => {
  it('registers through the SMS code, is bound with WeCom, follows and finishes; WeCom alone lets the student in afterwards', async () => {
    const { hall, wecom } = setup;
    const phone = await setup.wecomPhone('YY230103');
    const page = await phone.newPage();
    await openRegistrationInWecom(page, wecom);
    await logInOnJourney(page, student, demoInitialPassword(student), { newPassword });

    const sentBefore = hall.smsCount();
    await enterPhone(page, otherPhone);
    // Not WeCom's mobile: the SMS step follows, for this number.
    await page.waitForURL((url) => url.pathname === '/register/code');
    await expect(page.getByTestId('code-phone').innerText()).resolves.toBe('136****7777');
    await snap(page, '65-wecom-sms-code');
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('验证码已发送至 136****7777，5 分钟内有效').waitFor();
    const code = await hall.smsCodeFor(otherPhone, { after: sentBefore });
    // Only this number got a code; the mobile WeCom holds got none.
    expect(hall.smsCount()).toBe(sentBefore + 1);
    await page.getByRole('textbox', { name: '短信验证码' }).fill(code);
    await snap(page, '66-wecom-sms-code-filled');
    await page.getByRole('button', { name: '绑定', exact: true }).click();

    await page.waitForURL((url) => url.pathname === '/register/follow');
    await page.getByText('②长按并关注微信企业号').waitFor();
    await page.getByText('手机号 136****7777 已绑定。').waitFor();
    await expect(bindingOf(page)).resolves.toMatchObject({ bound: true, phone: '136****7777', wecom: true });
    await snap(page, '67-wecom-sms-follow');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.waitForURL((url) => url.pathname === '/register/done');
    await page.getByRole('heading', { name: '③完成' }).waitFor();
    await page.getByText('手机号 136****7777 已与您的账号绑定').waitFor();
    await snap(page, '68-wecom-sms-done');
    await page.getByRole('button', { name: '进入办事大厅' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // A fresh WeCom browser: WeCom's login alone lets the student in.
    const later = await setup.wecomPhone('YY230103');
    const home = await later.newPage();
    await home.goto('/sent');
    await home.getByText('发出的事项').first().waitFor();
    expect(new URL(home.url()).pathname).toBe('/sent');
    expect((await (await later.request.get('/api/auth/me')).json()).accountNo).toBe(student);
    await phone.close();
    await later.close();
  });
});
