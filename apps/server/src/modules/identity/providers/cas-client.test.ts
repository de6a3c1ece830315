import { describe, expect, it } from 'vitest';
import { casLoginUrl, readLogoutRequest, readServiceResponse } from './cas-client.ts';

const success = `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
  <cas:authenticationSuccess>
    <cas:user>2023010101</cas:user>
    <cas:attributes>
      <cas:email>z@yunlu.edu.cn</cas:email>
      <cas:memberOf>students</cas:memberOf>
      <cas:memberOf>yuke</cas:memberOf>
    </cas:attributes>
  </cas:authenticationSuccess>
</cas:serviceResponse>`;

describe('the CAS 3.0 client', () => {
  it('builds the login URL with the exact service string, and renew or gateway', () => {
    const settings = { baseUrl: 'https://cas.yunlu.edu.cn/cas/', accountNoAttribute: null, timeoutMs: 5000 };
    const service = 'https://hall.yunlu.edu.cn/api/auth/cas/callback?next=%2Fsent';
    const url = new URL(casLoginUrl(settings, service, { renew: true }));
    expect(`${url.origin}${url.pathname}`).toBe('https://cas.yunlu.edu.cn/cas/login');
    expect(url.searchParams.get('service')).toBe(service);
    expect(url.searchParams.get('renew')).toBe('true');
    expect(new URL(casLoginUrl(settings, service, { gateway: true })).searchParams.get('gateway')).toBe('true');
  });

  it('reads the user and every attribute value of a success', () => {
    expect(readServiceResponse(success)).toEqual({ ok: true, principal: { user: '2023010101', attributes: { email: ['z@yunlu.edu.cn'], memberOf: ['students', 'yuke'] } } });
  });

  it('reads the code of a failure', () => {
    const failure = `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure code="INVALID_TICKET">Ticket ST-1 not recognized</cas:authenticationFailure></cas:serviceResponse>`;
    expect(readServiceResponse(failure)).toEqual({ ok: false, code: 'INVALID_TICKET' });
  });

  it('refuses DOCTYPEs, entities, malformed and oversized answers, and answers of another shape', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess><cas:user>&x;</cas:user></cas:authenticationSuccess></cas:serviceResponse>`;
    expect(() => readServiceResponse(xxe)).toThrow(/DOCTYPE/);
    expect(() => readServiceResponse('<cas:serviceResponse><cas:authenticationSuccess>')).toThrow(/well-formed/);
    expect(() => readServiceResponse(`<a>${'x'.repeat(70_000)}</a>`)).toThrow(/too large/);
    expect(() => readServiceResponse('<html><body>Login</body></html>')).toThrow(/serviceResponse/);
    expect(() => readServiceResponse('<cas:serviceResponse xmlns:cas="x"><cas:authenticationSuccess></cas:authenticationSuccess></cas:serviceResponse>')).toThrow(/user/);
  });

  it('reads the ticket a single-logout request names, and nothing from anything else', () => {
    const logout = `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="abc" Version="2.0" IssueInstant="2026-11-25T02:00:00Z"><saml:NameID>@NOT_USED@</saml:NameID><samlp:SessionIndex>ST-abc123</samlp:SessionIndex></samlp:LogoutRequest>`;
    expect(readLogoutRequest(logout)).toBe('ST-abc123');
    expect(readLogoutRequest(logout.replace('ST-abc123', 'ST-a b'))).toBeNull();
    expect(readLogoutRequest('<!DOCTYPE x><x/>')).toBeNull();
    expect(readLogoutRequest('not xml')).toBeNull();
  });
});
