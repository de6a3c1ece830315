import { Client, DN, EqualityFilter, InvalidCredentialsError } from 'ldapts';
import type { LdapSettings } from '@onehall/contracts';
import { AppError } from '../../../platform/errors.ts';

/** Who the directory says logged in: the entry's DN and the account number it holds. */
export interface LdapIdentity {
  dn: string;
  accountNo: string;
}

/**
 * Checks a password by binding to the directory as the user, as schools'
 * 统一身份认证 directories expect. Returns null for a wrong user name or
 * password; throws IDENTITY_PROVIDER_UNAVAILABLE when the directory cannot
 * be reached or answers with anything else. Values typed by the user only
 * ever reach the directory escaped (DN values, filter values), never as
 * LDAP syntax; an empty password is refused before binding (an empty
 * password would be an anonymous bind, which "succeeds").
 */
export async function authenticateWithLdap(settings: LdapSettings, bindPassword: string | undefined, username: string, password: string): Promise<LdapIdentity | null> {
  if (!username || !password) return null;
  const client = new Client({ url: settings.url, timeout: settings.timeoutMs, connectTimeout: settings.timeoutMs });
  try {
    let dn: string;
    if (settings.bindDn) {
      // A service account finds the entry; then the user's own password is checked on it.
      await client.bind(settings.bindDn, bindPassword ?? '');
      const found = await findEntries(client, settings, username);
      if (found.length !== 1) return null;
      dn = found[0]!.dn;
    } else {
      dn = new DN({ [settings.loginAttribute]: username }).toString() + ',' + settings.baseDn;
    }
    try {
      await client.bind(dn, password);
    } catch (error) {
      if (error instanceof InvalidCredentialsError) return null;
      throw error;
    }
    const { searchEntries } = await client.search(dn, { scope: 'base', attributes: [settings.accountNoAttribute] });
    const accountNo = firstValue(searchEntries[0]?.[settings.accountNoAttribute]);
    return accountNo ? { dn, accountNo } : null;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('IDENTITY_PROVIDER_UNAVAILABLE', { provider: 'ldap', cause: error instanceof Error ? error.message : String(error) });
  } finally {
    await client.unbind().catch(() => {});
  }
}

function findEntries(client: Client, settings: LdapSettings, username: string) {
  const filter = new EqualityFilter({ attribute: settings.loginAttribute, value: username });
  return client.search(settings.baseDn, { scope: 'sub', filter, attributes: ['dn'], sizeLimit: 2 }).then((result) => result.searchEntries);
}

function firstValue(value: string | string[] | Buffer | Buffer[] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return null;
  return typeof first === 'string' ? first : first.toString('utf8');
}
