import { createHash, createHmac } from 'node:crypto';

/**
 * Tencent Cloud API 3.0 signature v3 (TC3-HMAC-SHA256) of a JSON POST, as the
 * "签名方法 v3" page describes it:
 *
 *   CanonicalRequest = "POST\n/\n\n" + "content-type:<ct>\nhost:<host>\n" + "\n" + "content-type;host\n" + hex(sha256(payload))
 *   StringToSign     = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date/service/tc3_request + "\n" + hex(sha256(CanonicalRequest))
 *   key              = HMAC("TC3" + SecretKey, date) → HMAC(·, service) → HMAC(·, "tc3_request")
 *   Signature        = hex(HMAC(key, StringToSign))
 *
 * `date` is the UTC date of the timestamp: a date in local time fails every
 * day between 00:00 and 08:00 in Beijing.
 */
export interface Tc3Input {
  secretId: string;
  secretKey: string;
  /** The product, e.g. 'sms': the first label of its domain, not of the endpoint used. */
  service: string;
  /** The Host header as sent (with a port, if the URL has one). */
  host: string;
  contentType: string;
  payload: string;
  /** Unix time in seconds (the X-TC-Timestamp header). */
  timestamp: number;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/** The UTC calendar date of a Unix timestamp, YYYY-MM-DD. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export function tc3CanonicalRequest(input: Pick<Tc3Input, 'host' | 'contentType' | 'payload'>): string {
  const headers = `content-type:${input.contentType.trim().toLowerCase()}\nhost:${input.host.trim().toLowerCase()}\n`;
  return ['POST', '/', '', headers, 'content-type;host', sha256Hex(input.payload)].join('\n');
}

export function tc3StringToSign(input: Tc3Input): string {
  const scope = `${tc3Date(input.timestamp)}/${input.service}/tc3_request`;
  return ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256Hex(tc3CanonicalRequest(input))].join('\n');
}

export function tc3Signature(input: Tc3Input): string {
  const date = tc3Date(input.timestamp);
  const signingKey = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  return createHmac('sha256', signingKey).update(tc3StringToSign(input), 'utf8').digest('hex');
}

/** The Authorization header. */
export function tc3Authorization(input: Tc3Input): string {
  const scope = `${tc3Date(input.timestamp)}/${input.service}/tc3_request`;
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${tc3Signature(input)}`;
}
