import { describe, expect, it } from 'vitest';
import { aliyunStringToSign, aliyunTimestamp, canonicalizedQuery, percentEncode, signAliyunRpc } from './aliyun.signature.ts';

describe('Aliyun RPC signature', () => {
  // The worked example of Aliyun's "签名机制" page (ECS DescribeRegions, AccessKeyId testid, secret testsecret):
  // its published signature is CT9X0VtwR86fNWSnsc6v8YGOjuE=. The page prints the string to sign with the
  // inner & unencoded; the signature it publishes is that of the properly encoded string (%26), shown here.
  const documented = {
    TimeStamp: '2016-02-23T12:46:24Z',
    Format: 'XML',
    AccessKeyId: 'testid',
    Action: 'DescribeRegions',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    Version: '2014-05-26',
    SignatureVersion: '1.0',
  };

  it('reproduces the documented example exactly', () => {
    expect(aliyunStringToSign('GET', documented)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    expect(signAliyunRpc('GET', documented, 'testsecret')).toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
  });

  it('encodes as RFC 3986: only letters, digits and - _ . ~ stay; space is %20, not +', () => {
    expect(percentEncode('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(percentEncode("a b+c*d!e'f(g)h")).toBe('a%20b%2Bc%2Ad%21e%27f%28g%29h');
    expect(percentEncode('{"code":"123456"}')).toBe('%7B%22code%22%3A%22123456%22%7D');
    expect(percentEncode('阿里云')).toBe('%E9%98%BF%E9%87%8C%E4%BA%91');
  });

  it('sorts parameters by name and signs with the secret followed by &', () => {
    expect(canonicalizedQuery({ b: '2', a: '1', B: '3' })).toBe('B=3&a=1&b=2');
    const params = { Action: 'SendSms', PhoneNumbers: '13800138000' };
    expect(signAliyunRpc('POST', params, 'secret')).not.toBe(signAliyunRpc('GET', params, 'secret'));
    expect(signAliyunRpc('POST', params, 'secret')).not.toBe(signAliyunRpc('POST', params, 'secret2'));
  });

  it('writes timestamps in UTC without milliseconds', () => {
    expect(aliyunTimestamp(new Date('2017-07-12T10:42:19.123+08:00'))).toBe('2017-07-12T02:42:19Z');
  });
});
