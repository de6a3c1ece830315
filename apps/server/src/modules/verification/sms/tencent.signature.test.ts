import { describe, expect, it } from 'vitest';
import { tc3Authorization, tc3CanonicalRequest, tc3Date, tc3Signature, tc3StringToSign } from './tencent.signature.ts';

describe('Tencent Cloud TC3-HMAC-SHA256 signature', () => {
  // The worked example of Tencent Cloud's "签名方法 v3" page: CVM DescribeInstances in ap-guangzhou at 1551113065.
  // The payload is exactly the documented one (JSON with \u escapes, as Python's json.dumps writes it).
  const documented = {
    secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    service: 'cvm',
    host: 'cvm.tencentcloudapi.com',
    contentType: 'application/json; charset=utf-8',
    payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    timestamp: 1551113065,
  };

  it('reproduces the documented canonical request, string to sign, signature and Authorization exactly', () => {
    expect(tc3CanonicalRequest(documented)).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    expect(tc3StringToSign(documented)).toBe('TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031');
    expect(tc3Signature(documented)).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
    expect(tc3Authorization(documented)).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('reproduces the current page, whose secret key is printed masked as "Gu5t9xGARNpq86cd98joQYCN3*******"', () => {
    expect(tc3Signature({ ...documented, secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******' })).toBe('2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c');
  });

  it('takes the date of the credential scope in UTC, not Beijing time', () => {
    // 2019-02-26 00:44:25 in Beijing is still the 25th in UTC.
    expect(tc3Date(1551113065)).toBe('2019-02-25');
    expect(tc3Date(Date.UTC(2026, 0, 1, 23, 59, 59) / 1000)).toBe('2026-01-01');
  });
});
