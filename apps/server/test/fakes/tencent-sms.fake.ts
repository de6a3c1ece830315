import { createHash, createHmac, randomUUID } from 'node:crypto';
import { startFakeServer, type FakeAnswer, type FakeRequest } from './fake-server.ts';

/**
 * A local stand-in for Tencent Cloud SMS, API 3.0 SendSms (version
 * 2021-01-11). It verifies the TC3-HMAC-SHA256 signature as the "签名方法 v3"
 * page describes (recomputed here from the headers it received, not with the
 * hall's signer), checks the required parameters and answers in Tencent
 * Cloud's shapes: HTTP 200 with Response.Error for a refused request, and a
 * SendStatusSet entry per number. Accepted messages are recorded.
 */
export interface TencentSmsFakeOptions {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  templateId: string;
}

export interface TencentAcceptedSms {
  phone: string;
  signName: string;
  templateId: string;
  templateParams: string[];
  sessionContext: string | undefined;
  serialNo: string;
}

export interface TencentSmsFake {
  url: string;
  accepted: TencentAcceptedSms[];
  answers: FakeAnswer[];
  /** The next SendSms answers with this code: for the number (`status`) or for the whole request (`error`). */
  failNext(code: string, where?: 'status' | 'error'): void;
  close(): Promise<void>;
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const AUTHORIZATION = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

export async function startTencentSmsFake(options: TencentSmsFakeOptions): Promise<TencentSmsFake> {
  const accepted: TencentAcceptedSms[] = [];
  const answers: FakeAnswer[] = [];
  const failures: { code: string; where: 'status' | 'error' }[] = [];

  const respond = (body: Record<string, unknown>): FakeAnswer => ({ status: 200, json: { Response: { ...body, RequestId: randomUUID() } } });
  const refuse = (code: string, message: string) => respond({ Error: { Code: code, Message: message } });

  function handle(request: FakeRequest): FakeAnswer {
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(',') : value;
    };
    if (request.method !== 'POST') return refuse('InvalidParameter', 'Only POST with a JSON body is accepted here.');
    const match = AUTHORIZATION.exec(header('authorization') ?? '');
    if (!match) return refuse('AuthFailure.InvalidAuthorization', 'Authorization header format error.');
    const [, secretId, date, service, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string];
    if (secretId !== options.secretId) return refuse('AuthFailure.SecretIdNotFound', 'The SecretId is not found, please ensure that your SecretId is correct.');
    const timestamp = Number(header('x-tc-timestamp'));
    if (!Number.isInteger(timestamp)) return refuse('MissingParameter', 'The request is missing a required parameter `Timestamp`.');
    if (Math.abs(timestamp - Date.now() / 1000) > 300) return refuse('AuthFailure.SignatureExpire', 'Signature expired. Timestamp and server time cannot differ by more than 5 minutes.');

    // CanonicalRequest from the headers as received: each signed header "name:value\n", lower case, trimmed.
    const names = signedHeaders.split(';');
    const signatureFailure = () => refuse('AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.');
    if (!names.includes('content-type') || !names.includes('host')) return signatureFailure();
    const canonicalHeaders = names.map((name) => `${name}:${(header(name) ?? '').trim().toLowerCase()}\n`).join('');
    const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(request.body)].join('\n');
    // The date of the scope must be the UTC date of X-TC-Timestamp, and the service this product's.
    const utcDate = new Date(timestamp * 1000).toISOString().slice(0, 10);
    const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), `${utcDate}/sms/tc3_request`, sha256Hex(canonicalRequest)].join('\n');
    const signingKey = hmac(hmac(hmac(`TC3${options.secretKey}`, utcDate), 'sms'), 'tc3_request');
    const expected = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
    if (date !== utcDate || service !== 'sms' || signature !== expected) return signatureFailure();

    if (header('x-tc-action') !== 'SendSms') return refuse('InvalidAction', `Action ${header('x-tc-action')} does not exist.`);
    if (header('x-tc-version') !== '2021-01-11') return refuse('NoSuchVersion', 'The requested version does not exist or is not supported.');
    if (!header('x-tc-region')) return refuse('MissingParameter', 'The request is missing a required parameter `Region`.');
    if (!(header('content-type') ?? '').startsWith('application/json')) return refuse('InvalidParameter', 'Content-Type must be application/json.');

    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return refuse('FailedOperation.FailResolvePacket', 'Request package parsing failed.');
    }
    for (const name of ['PhoneNumberSet', 'SmsSdkAppId', 'TemplateId']) if (body[name] === undefined) return refuse('MissingParameter', `The request is missing a required parameter \`${name}\`.`);
    const phones = body.PhoneNumberSet;
    if (!Array.isArray(phones) || phones.length === 0) return refuse('InvalidParameter', 'PhoneNumberSet must be a non-empty array.');
    if (body.SmsSdkAppId !== options.sdkAppId) return refuse('InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId does not exist.');
    const failure = failures.shift();
    if (failure?.where === 'error') return refuse(failure.code, failure.code);
    if (body.SignName !== options.signName) return refuse('FailedOperation.SignatureIncorrectOrUnapproved', 'The signature is not approved or is incorrect.');
    if (body.TemplateId !== options.templateId) return refuse('FailedOperation.TemplateIncorrectOrUnapproved', 'The template is not approved or the content does not match.');
    const templateParams = body.TemplateParamSet;
    if (!Array.isArray(templateParams) || templateParams.length !== 2 || !templateParams.every((p) => typeof p === 'string')) {
      return refuse('InvalidParameterValue.TemplateParameterFormatError', 'The template parameters do not match the template.');
    }

    const sessionContext = typeof body.SessionContext === 'string' ? body.SessionContext : undefined;
    const sendStatusSet = phones.map((phone: unknown) => {
      const number = String(phone);
      const refused = failure?.where === 'status' ? failure.code : /^\+861[3-9]\d{9}$/.test(number) ? null : 'InvalidParameterValue.IncorrectPhoneNumber';
      if (refused) return { SerialNo: '', PhoneNumber: number, Fee: 0, SessionContext: sessionContext ?? '', Code: refused, Message: refused, IsoCode: '' };
      const serialNo = `5000:${Date.now()}${accepted.length}`;
      accepted.push({ phone: number, signName: body.SignName as string, templateId: body.TemplateId as string, templateParams: templateParams as string[], sessionContext, serialNo });
      return { SerialNo: serialNo, PhoneNumber: number, Fee: 1, SessionContext: sessionContext ?? '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' };
    });
    return respond({ SendStatusSet: sendStatusSet });
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
    failNext: (code, where = 'status') => void failures.push({ code, where }),
    close: server.close,
  };
}
