import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the part of Amazon S3 the hall uses: PutObject,
 * GetObject, HeadObject and DeleteObject on one bucket, path-style
 * (http://host/bucket/key). Every request must be signed with AWS Signature
 * Version 4 in the Authorization header, and the signature is recomputed
 * here from the specification (canonical request with RFC 3986 encoding,
 * sorted query and headers, the x-amz-content-sha256 payload hash checked
 * against the body, credential scope, a 15-minute clock window), not with
 * the SDK's signer. Errors are S3's XML errors with S3's codes and statuses.
 *
 * Not supported, and refused with 501 NotImplemented as a strict
 * S3-compatible server would: aws-chunked (STREAMING-*) uploads, multipart
 * uploads, virtual-hosted-style addressing, presigned URLs.
 *
 * Why a fake: no S3-compatible server installs offline from npm or Debian
 * that checks SigV4 (s3rver accepts any SigV4 signature; MinIO is not in
 * Debian).
 */
export interface S3FakeOptions {
  accessKeyId: string;
  secretAccessKey: string;
  bucket: string;
  region: string;
}

export interface S3FakeObject {
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: Date;
}

export interface S3Fake {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The bucket's objects by key. */
  objects: Map<string, S3FakeObject>;
  /** What each request was answered, in order: method, key, status, S3 error code. */
  log: { method: string; key: string; status: number; code?: string }[];
  close(): Promise<void>;
}

/** The hall's settings for storing attachments in this fake. */
export function s3Env(options: S3FakeOptions, fake: { url: string }): Record<string, string> {
  return {
    FILES_STORAGE: 's3',
    S3_ENDPOINT: fake.url,
    S3_BUCKET: options.bucket,
    S3_REGION: options.region,
    S3_ACCESS_KEY_ID: options.accessKeyId,
    S3_SECRET_ACCESS_KEY: options.secretAccessKey,
    S3_FORCE_PATH_STYLE: 'true',
  };
}

class S3Error extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** SigV4's URI encoding: every byte but A–Z a–z 0–9 - . _ ~ as %XY (upper case); '/' kept in paths. */
function uriEncode(value: string, keepSlash: boolean): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char) || (keepSlash && char === '/') ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** x-amz-date: YYYYMMDD'T'HHMMSS'Z'. */
function parseAmzDate(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : null;
}

/** Checks the request's SigV4 Authorization header; throws S3's error when it does not hold. */
function verifySignature(options: S3FakeOptions, req: http.IncomingMessage, body: Buffer): void {
  const authorization = req.headers.authorization;
  if (!authorization) throw new S3Error(403, 'AccessDenied', 'Anonymous access is forbidden for this operation');
  const m = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(authorization);
  if (!m) throw new S3Error(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed');
  const [, credential, signedHeaderList, signature] = m as unknown as [string, string, string, string];
  const [accessKeyId, scopeDate, region, service, terminator, ...rest] = credential.split('/');
  if (accessKeyId !== options.accessKeyId) throw new S3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  if (rest.length > 0 || service !== 's3' || terminator !== 'aws4_request') throw new S3Error(400, 'AuthorizationHeaderMalformed', 'The credential scope is malformed');
  if (region !== options.region) throw new S3Error(400, 'AuthorizationHeaderMalformed', `the region '${region}' is wrong; expecting '${options.region}'`);

  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const at = parseAmzDate(amzDate);
  if (!at || amzDate.slice(0, 8) !== scopeDate) throw new S3Error(403, 'AccessDenied', 'X-Amz-Date is missing or does not match the credential scope');
  if (Math.abs(Date.now() - at.getTime()) > 15 * 60_000) throw new S3Error(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');

  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date') || !signedHeaders.includes('x-amz-content-sha256')) {
    throw new S3Error(400, 'AuthorizationHeaderMalformed', 'host, x-amz-date and x-amz-content-sha256 must be signed');
  }
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  if (payloadHash.startsWith('STREAMING-')) throw new S3Error(501, 'NotImplemented', 'aws-chunked uploads are not supported by this server');
  if (payloadHash !== 'UNSIGNED-PAYLOAD') {
    if (!/^[0-9a-f]{64}$/.test(payloadHash)) throw new S3Error(400, 'InvalidArgument', 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a SHA-256 hex digest');
    if (sha256Hex(body) !== payloadHash) throw new S3Error(400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  const url = new URL(req.url ?? '/', 'http://fake');
  const canonicalUri = uriEncode(decodeURIComponent(url.pathname), true);
  const canonicalQuery = [...url.searchParams.entries()]
    .map(([key, value]) => [uriEncode(key, false), uriEncode(value, false)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const canonicalHeaders = [...signedHeaders]
    .sort()
    .map((name) => {
      const value = req.headers[name];
      if (value === undefined) throw new S3Error(403, 'SignatureDoesNotMatch', `signed header ${name} is missing`);
      return `${name}:${(Array.isArray(value) ? value.join(',') : value).trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const canonicalRequest = [req.method, canonicalUri, canonicalQuery, canonicalHeaders, signedHeaders.join(';'), payloadHash].join('\n');
  const scope = `${scopeDate}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${options.secretAccessKey}`, scopeDate!), region!), 's3'), 'aws4_request');
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    throw new S3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
  }
}

function xmlError(error: S3Error, resource: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${escape(error.message)}</Message><Resource>${escape(resource)}</Resource><RequestId>FAKE</RequestId></Error>`;
}

export async function startS3Fake(options: S3FakeOptions): Promise<S3Fake> {
  const objects = new Map<string, S3FakeObject>();
  const log: S3Fake['log'] = [];

  function handle(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): { key: string } {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://fake').pathname);
    const [, bucket = '', ...keyParts] = path.split('/');
    const key = keyParts.join('/');
    verifySignature(options, req, body);
    if (bucket !== options.bucket) throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (!key) throw new S3Error(501, 'NotImplemented', 'Only object operations are implemented');
    const query = new URL(req.url ?? '/', 'http://fake').searchParams;
    if (query.has('uploads') || query.has('uploadId')) throw new S3Error(501, 'NotImplemented', 'Multipart uploads are not implemented');

    switch (req.method) {
      case 'PUT': {
        const declared = Number(req.headers['content-length']);
        if (!Number.isInteger(declared)) throw new S3Error(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
        if (declared !== body.length) throw new S3Error(400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header');
        if (req.headers['content-encoding']?.includes('aws-chunked')) throw new S3Error(501, 'NotImplemented', 'aws-chunked uploads are not supported by this server');
        const etag = `"${createHash('md5').update(body).digest('hex')}"`;
        objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'binary/octet-stream'), etag, lastModified: new Date() });
        res.writeHead(200, { etag, 'content-length': 0 }).end();
        return { key };
      }
      case 'GET':
      case 'HEAD': {
        const object = objects.get(key);
        if (!object) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
        res.writeHead(200, { 'content-type': object.contentType, 'content-length': object.body.length, etag: object.etag, 'last-modified': object.lastModified.toUTCString(), 'accept-ranges': 'bytes' });
        res.end(req.method === 'GET' ? object.body : undefined);
        return { key };
      }
      case 'DELETE':
        // S3 answers 204 whether or not the key existed.
        objects.delete(key);
        res.writeHead(204).end();
        return { key };
      default:
        throw new S3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const resource = req.url ?? '/';
      try {
        const { key } = handle(req, body, res);
        log.push({ method: req.method ?? '', key, status: res.statusCode });
      } catch (error) {
        const s3Error = error instanceof S3Error ? error : new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.');
        const xml = xmlError(s3Error, resource);
        log.push({ method: req.method ?? '', key: resource, status: s3Error.status, code: s3Error.code });
        res.writeHead(s3Error.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
        res.end(req.method === 'HEAD' ? undefined : xml);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    log,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
