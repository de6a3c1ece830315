import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessage } from '@onehall/contracts';
import { demoInitialPassword, snap } from './support.ts';
import { bindingOf, enterPhone, logInOnJourney, openRegistrationInWecom, startWecomHall, type WecomHall } from './wecom-support.ts';

/**
 * The registration's diagnosis screens inside WeCom (manual chapter 4): a
 * member outside the hall app's visible range; a WeCom member already bound
 * to another account (two registrations under way as one member, the second
 * refused on the phone step); a person already bound to another WeCom
 * member. Each says in Chinese what to do (the contracts' message table).
 */
let setup: WecomHall;

beforeAll(async () => {
  setup = await startWecomHall([
    { userid: 'Hidden01', name: '范围外', department: [1], mobile: '+86 13911110001', visible: false },
    { userid: 'Shared01', name: '同一成员', department: [1], mobile: '+86 13911110002' },
    { userid: 'MemberA', name: '成员甲', department: [1], mobile: '+86 13911110003' },
    { userid: 'MemberB', name: '成员乙', department: [1], mobile: '+86 13911110004' },
  ]);
}, 120_000);

afterAll(async () => {
  await setup?.stop();
});

describe('inside WeCom, the registration explains why it cannot go on', () => {
  it('outside the hall app’s visible range: told to ask the IT centre', async () => {
    const phone = await setup.wecomPhone('Hidden01');
    const page = await phone.newPage();
    await openRegistrationInWecom(page, setup.wecom, { refusedWith: 'WECOM_OUTSIDE_VISIBLE_RANGE' });
    const alert = page.getByRole('alert');
    await expect(alert.innerText()).resolves.toContain('您不在办事大厅应用的可见范围内，请联系信息中心开通后再注册');
    await alert.getByRole('link', { name: '常见问题' }).waitFor();
    await snap(page, '69-wecom-outside-visible-range');
    await phone.close();
  });

  it('this WeCom member bound to another account: the second of two registrations is refused on the phone step', async () => {
    // Two phones logged in to WeCom as the same member, both starting to register, for two students.
    const first = await setup.wecomPhone('Shared01');
    const second = await setup.wecomPhone('Shared01');
    const firstPage = await first.newPage();
    const secondPage = await second.newPage();
    await openRegistrationInWecom(firstPage, setup.wecom);
    await openRegistrationInWecom(secondPage, setup.wecom);

    await logInOnJourney(firstPage, '2023030101', demoInitialPassword('2023030101'), { newPassword: 'Yunlu-Diag-0101' });
    await enterPhone(firstPage, '13911110002'); // WeCom's mobile: bound at once
    await firstPage.waitForURL((url) => url.pathname === '/register/follow');
    await expect(bindingOf(firstPage)).resolves.toMatchObject({ bound: true, wecom: true });

    await logInOnJourney(secondPage, '2023030102', demoInitialPassword('2023030102'), { newPassword: 'Yunlu-Diag-0102' });
    const smsBefore = setup.hall.smsCount();
    await enterPhone(secondPage, '13911110002');
    const refusal = secondPage.locator('#register-phone-error');
    await expect(refusal.innerText()).resolves.toBe('这个企业微信已绑定其他账号（如旧学号）：请先用原账号解除绑定，再绑定新账号');
    expect(errorMessage('WECOM_BOUND_TO_OTHER')).toBe(await refusal.innerText());
    // Still on the phone step, nothing bound and no code sent.
    expect(new URL(secondPage.url()).pathname).toBe('/register/phone');
    await expect(bindingOf(secondPage)).resolves.toMatchObject({ bound: false });
    expect(setup.hall.smsCount()).toBe(smsBefore);
    await snap(secondPage, '70-wecom-bound-to-other');
    await first.close();
    await second.close();
  });

  it('the person bound to another WeCom member: registering from member B is told why on the phone step, and the server refuses the binding', async () => {
    const student = '2023040101';
    const newPassword = 'Yunlu-Diag-0401';
    // Bound through WeCom member A.
    const phoneA = await setup.wecomPhone('MemberA');
    const pageA = await phoneA.newPage();
    await openRegistrationInWecom(pageA, setup.wecom);
    await logInOnJourney(pageA, student, demoInitialPassword(student), { newPassword });
    await enterPhone(pageA, '13911110003');
    await pageA.waitForURL((url) => url.pathname === '/register/follow');
    await expect(bindingOf(pageA)).resolves.toMatchObject({ bound: true, wecom: true });
    await phoneA.close();

    // The same student registers again in member B's WeCom and logs in.
    const phoneB = await setup.wecomPhone('MemberB');
    const pageB = await phoneB.newPage();
    await openRegistrationInWecom(pageB, setup.wecom);
    await logInOnJourney(pageB, student, newPassword);
    // The phone step says why member B cannot be bound, and offers 解除绑定.
    await pageB.getByText('当前企业微信无法绑定').waitFor();
    await pageB.getByText(errorMessage('PERSON_BOUND_TO_OTHER_WECOM')).waitFor();
    await snap(pageB, '71-wecom-person-bound-to-other');
    // Binding with member B (as the phone step would) is refused with the diagnosis.
    const { csrfToken } = (await (await pageB.request.get('/api/auth/me')).json()) as { csrfToken: string };
    const refused = await pageB.request.post('/api/binding/phone', { data: { phone: '13911110004' }, headers: { 'x-csrf-token': csrfToken } });
    expect(refused.status()).toBe(409);
    expect((await refused.json()).error).toMatchObject({ code: 'PERSON_BOUND_TO_OTHER_WECOM', message: '您的账号已绑定其他企业微信：请先解除绑定，再用当前企业微信注册' });
    await phoneB.close();
  });
});
