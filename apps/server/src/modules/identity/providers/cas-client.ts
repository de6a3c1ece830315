import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CasSettings } from '@onehall/contracts';
import { AppError } from '../../../platform/errors.ts';

/**
 * A CAS 3.0 client (the protocol of schools' 统一身份认证): the login URL,
 * ticket validation at /p3/serviceValidate, and the single-logout request.
 * The service URL is built by the caller from configuration, never from
 * request headers, and validation sends exactly the same string. Answers are
 * parsed strictly: bounded in size, no DOCTYPE or entities, and the
 * structure checked before anything is read from it.
 */

/** The largest CAS answer read; real ones are a few hundred bytes. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export interface CasPrincipal {
  user: string;
  /** Released attributes: name → values. */
  attributes: Record<string, string[]>;
}

export type CasValidation = { ok: true; principal: CasPrincipal } | { ok: false; code: string };

export function casLoginUrl(settings: CasSettings, service: string, options: { renew?: boolean; gateway?: boolean } = {}): string {
  const url = new URL(`${settings.baseUrl.replace(/\/+$/, '')}/login`);
  url.searchParams.set('service', service);
  if (options.renew) url.searchParams.set('renew', 'true');
  else if (options.gateway) url.searchParams.set('gateway', 'true');
  return url.toString();
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

/** Parses an XML document from an outside peer, refusing what a CAS answer never contains. */
export function parseStrictXml(xml: string): Record<string, unknown> {
  if (Buffer.byteLength(xml) > MAX_RESPONSE_BYTES) throw new Error('XML answer too large');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error('XML answer with a DOCTYPE or entity');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`XML answer not well-formed: ${valid.err.msg}`);
  return parser.parse(xml) as Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string | null => (typeof value === 'string' ? value : isRecord(value) && typeof value['#text'] === 'string' ? value['#text'] : null);

/** Reads a /p3/serviceValidate answer: the user and attributes, or the failure code. */
export function readServiceResponse(xml: string): CasValidation {
  const root = parseStrictXml(xml).serviceResponse;
  if (!isRecord(root)) throw new Error('not a CAS serviceResponse');
  const failure = root.authenticationFailure;
  if (failure !== undefined) {
    const code = isRecord(failure) && typeof failure['@code'] === 'string' ? failure['@code'] : 'INVALID_TICKET';
    return { ok: false, code };
  }
  const success = root.authenticationSuccess;
  const user = isRecord(success) ? textOf(success.user) : null;
  if (!isRecord(success) || !user) throw new Error('CAS answer without a user');
  const attributes: Record<string, string[]> = {};
  if (isRecord(success.attributes)) {
    for (const [name, value] of Object.entries(success.attributes)) {
      const values = (Array.isArray(value) ? value : [value]).map(textOf).filter((v): v is string => v !== null);
      if (values.length > 0) attributes[name] = values;
    }
  }
  return { ok: true, principal: { user, attributes } };
}

/** The service ticket a SAML single-logout request names, or null when the body is not one. */
export function readLogoutRequest(xml: string): string | null {
  try {
    const request = parseStrictXml(xml).LogoutRequest;
    if (!isRecord(request)) return null;
    const index = textOf(request.SessionIndex);
    return index && /^ST-[A-Za-z0-9._-]{1,256}$/.test(index) ? index : null;
  } catch {
    return null;
  }
}

/**
 * Validates a service ticket with the CAS server (CAS 3.0, /p3/serviceValidate).
 * Network failures and answers that are not CAS answers are
 * IDENTITY_PROVIDER_UNAVAILABLE; a refused ticket is `{ ok: false }`.
 */
export async function validateServiceTicket(settings: CasSettings, service: string, ticket: string, options: { renew?: boolean } = {}): Promise<CasValidation> {
  const url = new URL(`${settings.baseUrl.replace(/\/+$/, '')}/p3/serviceValidate`);
  url.searchParams.set('service', service);
  url.searchParams.set('ticket', ticket);
  if (options.renew) url.searchParams.set('renew', 'true');
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(settings.timeoutMs), redirect: 'error', headers: { accept: 'application/xml, text/xml' } });
    if (!response.ok) throw new Error(`CAS answered ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > MAX_RESPONSE_BYTES) throw new Error('XML answer too large');
    return readServiceResponse(await response.text());
  } catch (error) {
    throw new AppError('IDENTITY_PROVIDER_UNAVAILABLE', { provider: 'cas', cause: error instanceof Error ? error.message : String(error) });
  }
}
