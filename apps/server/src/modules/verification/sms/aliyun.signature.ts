import { createHmac } from 'node:crypto';

/**
 * Aliyun's RPC-style request signature (SignatureMethod HMAC-SHA1,
 * SignatureVersion 1.0), as its "签名机制" pages describe it:
 *
 *   StringToSign = HTTPMethod + "&" + percentEncode("/") + "&" + percentEncode(CanonicalizedQueryString)
 *   Signature    = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
 *
 * where CanonicalizedQueryString is every parameter but Signature, sorted by
 * name, each name and value percent-encoded and joined as name=value with &.
 */

/**
 * RFC 3986 encoding as Aliyun wants it: only A–Z a–z 0–9 - _ . ~ stay as they
 * are, a space is %20. The docs' recipe (URLEncoder, then + → %20, * → %2A,
 * %7E → ~) is for Java's encoder; JavaScript's encodeURIComponent already
 * gives %20 and ~ but leaves ! ' ( ) * alone, so those are encoded here.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** name=value pairs, sorted by name, encoded, joined with &. Also the body of a signed POST. */
export function canonicalizedQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name]!)}`)
    .join('&');
}

export function aliyunStringToSign(method: 'GET' | 'POST', params: Record<string, string>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalizedQuery(params))}`;
}

/** The Signature parameter for these parameters (which must not include Signature). */
export function signAliyunRpc(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(aliyunStringToSign(method, params), 'utf8').digest('base64');
}

/** Timestamp in ISO 8601 UTC without milliseconds: 2017-07-12T02:42:19Z. */
export function aliyunTimestamp(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}
