import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { startFakeServer, type FakeAnswer, type FakeRequest } from './fake-server.ts';

/**
 * A local stand-in for Aliyun's dysmsapi SendSms (RPC style, Version
 * 2017-05-25). It checks requests the way the documentation describes —
 * common parameters, timestamp, nonce, the HMAC-SHA1 signature (recomputed
 * here from the docs, not with the hall's signer), the business parameters —
 * and answers with Aliyun's own success and error shapes. Accepted messages
 * are recorded for the tests to read.
 */
export interface AliyunSmsFakeOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
}

/** The hall's settings for sending through this fake as `account`. */
export function aliyunSmsEnv(account: AliyunSmsFakeOptions, fake: { url: string }): Record<string, string> {
  return {
    SMS_PROVIDER: 'aliyun',
    ALIYUN_SMS_ACCESS_KEY_ID: account.accessKeyId,
    ALIYUN_SMS_ACCESS_KEY_SECRET: account.accessKeySecret,
    ALIYUN_SMS_SIGN_NAME: account.signName,
    ALIYUN_SMS_TEMPLATE_CODE: account.templateCode,
    ALIYUN_SMS_ENDPOINT: fake.url,
  };
}

export interface AliyunAcceptedSms {
  phone: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  outId: string | undefined;
  bizId: string;
}

export interface AliyunSmsFake {
  url: string;
  accepted: AliyunAcceptedSms[];
  /** Every answer given, in order (for tests that look at what the vendor said). */
  answers: FakeAnswer[];
  /** The next SendSms gets this error code instead (e.g. isv.BUSINESS_LIMIT_CONTROL). */
  failNext(code: string, message?: string): void;
  close(): Promise<void>;
}

/** RFC 3986, byte by byte: only A–Z a–z 0–9 - _ . ~ stay; the rest is %XY in capitals (the docs' rule). */
function encode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /^[A-Za-z0-9\-_.~]$/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const COMMON = ['AccessKeyId', 'Action', 'Format', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp', 'Version', 'Signature'];
const BUSINESS = ['PhoneNumbers', 'SignName', 'TemplateCode'];
const HOST_ID = 'dysmsapi.aliyuncs.com';

export async function startAliyunSmsFake(options: AliyunSmsFakeOptions): Promise<AliyunSmsFake> {
  const accepted: AliyunAcceptedSms[] = [];
  const answers: FakeAnswer[] = [];
  const usedNonces = new Set<string>();
  const failures: { code: string; message: string }[] = [];

  // Platform errors carry HostId and Recommend; SendSms's own results are 200 with a Code.
  const platformError = (status: number, code: string, message: string): FakeAnswer => ({
    status,
    json: { RequestId: randomUUID().toUpperCase(), HostId: HOST_ID, Code: code, Message: message, Recommend: `https://api.aliyun.com/troubleshoot?q=${code}&product=Dysmsapi` },
  });
  const smsResult = (code: string, message: string): FakeAnswer => ({ status: 200, json: { RequestId: randomUUID().toUpperCase(), Code: code, Message: message } });

  function handle(request: FakeRequest): FakeAnswer {
    const method = request.method.toUpperCase();
    const query = new URL(request.url, 'http://fake').searchParams;
    const form = method === 'POST' ? new URLSearchParams(request.body.toString('utf8')) : query;
    const params = new Map<string, string>();
    for (const [name, value] of form) params.set(name, value);

    for (const name of COMMON) if (!params.get(name)) return platformError(400, `Missing${name}`, `${name} is mandatory for this action.`);
    if (params.get('Version') !== '2017-05-25') return platformError(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
    if (params.get('Action') !== 'SendSms') return platformError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    if (params.get('SignatureMethod') !== 'HMAC-SHA1' || params.get('SignatureVersion') !== '1.0') return platformError(400, 'InvalidSignatureMethod', 'Specified signature method is not supported.');
    const timestamp = params.get('Timestamp')!;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(timestamp)) return platformError(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
    if (Math.abs(Date.parse(timestamp) - Date.now()) > 15 * 60_000) return platformError(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    if (params.get('AccessKeyId') !== options.accessKeyId) return platformError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');

    // StringToSign = METHOD & %2F & encode(sorted name=value pairs joined by &), key = secret + "&".
    const canonical = [...params.keys()]
      .filter((name) => name !== 'Signature')
      .sort()
      .map((name) => `${encode(name)}=${encode(params.get(name)!)}`)
      .join('&');
    const stringToSign = `${method}&${encode('/')}&${encode(canonical)}`;
    const expected = createHmac('sha1', `${options.accessKeySecret}&`).update(stringToSign, 'utf8').digest();
    const presented = Buffer.from(params.get('Signature')!, 'base64');
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      // Like the real service, the message quotes the string it signed (parameters, code and all).
      return platformError(400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`);
    }
    const nonce = params.get('SignatureNonce')!;
    if (usedNonces.has(nonce)) return platformError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    usedNonces.add(nonce);

    for (const name of BUSINESS) if (!params.get(name)) return platformError(400, `Missing${name}`, `${name} is mandatory for this action.`);
    const failure = failures.shift();
    if (failure) return smsResult(failure.code, failure.message);
    if (params.get('SignName') !== options.signName) return smsResult('isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
    if (params.get('TemplateCode') !== options.templateCode) return smsResult('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    let templateParam: Record<string, string>;
    try {
      templateParam = JSON.parse(params.get('TemplateParam') ?? '') as Record<string, string>;
    } catch {
      return smsResult('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    if (typeof templateParam.code !== 'string') return smsResult('isv.TEMPLATE_MISSING_PARAMETERS', '模板缺少变量');
    // Mainland numbers, with or without +86 / 86 / 0086.
    const phone = params.get('PhoneNumbers')!.replace(/^(\+86|0086|86)/, '');
    if (!/^1[3-9]\d{9}$/.test(phone)) return smsResult('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');

    const bizId = `${Date.now()}${accepted.length}^0`;
    accepted.push({ phone, signName: params.get('SignName')!, templateCode: params.get('TemplateCode')!, templateParam, outId: params.get('OutId') ?? undefined, bizId });
    return { status: 200, json: { RequestId: randomUUID().toUpperCase(), Message: 'OK', BizId: bizId, Code: 'OK' } };
  }

  const server = await startFakeServer((request) => {
    const answer = handle(request);
    answers.push(answer);
    return answer;
  });
  return {
    url: server.url,
    accepted,
    answers,
    failNext: (code, message = code) => void failures.push({ code, message }),
    close: server.close,
  };
}
