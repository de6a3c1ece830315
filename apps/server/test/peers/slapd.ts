import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, stopPeer } from './ports.ts';

/**
 * A real OpenLDAP server (Debian's slapd) for the tests: its own
 * configuration, an mdb database loaded with slapadd, listening on a free
 * loopback port, stopped at the end. `npm test` in CI installs slapd; where
 * it is missing the LDAP tests are skipped and say so.
 */
export const slapdPath = ['/usr/sbin/slapd', '/usr/local/libexec/slapd'].find((candidate) => fs.existsSync(candidate));

export interface LdapPerson {
  uid: string;
  password: string;
  /** The hall's account number the entry carries. */
  employeeNumber: string;
  cn: string;
}

export interface Slapd {
  url: string;
  suffix: string;
  peopleDn: string;
  rootDn: string;
  rootPassword: string;
  stop(): Promise<void>;
}

/** An RFC 2307 {SSHA} hash, as directories store passwords. */
function sshaHash(password: string): string {
  const salt = randomBytes(8);
  return `{SSHA}${Buffer.concat([createHash('sha1').update(password).update(salt).digest(), salt]).toString('base64')}`;
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`slapd exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('slapd did not start listening');
}

export async function startSlapd(people: LdapPerson[]): Promise<Slapd> {
  if (!slapdPath) throw new Error('slapd is not installed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onehall-slapd-'));
  const suffix = 'dc=yunlu,dc=edu,dc=cn';
  const rootDn = `cn=admin,${suffix}`;
  const rootPassword = randomBytes(9).toString('base64url');
  fs.mkdirSync(path.join(dir, 'data'));
  const config = [
    ...['core', 'cosine', 'nis', 'inetorgperson'].map((schema) => `include /etc/ldap/schema/${schema}.schema`),
    `pidfile ${dir}/slapd.pid`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    'database mdb',
    `suffix "${suffix}"`,
    `rootdn "${rootDn}"`,
    `rootpw ${sshaHash(rootPassword)}`,
    `directory ${dir}/data`,
    'access to attrs=userPassword by self read by anonymous auth by * none',
    'access to * by * read',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'slapd.conf'), `${config}\n`);
  const entries = [
    `dn: ${suffix}\nobjectClass: dcObject\nobjectClass: organization\ndc: yunlu\no: Yunlu University`,
    `dn: ou=people,${suffix}\nobjectClass: organizationalUnit\nou: people`,
    ...people.map((p) => `dn: uid=${p.uid},ou=people,${suffix}\nobjectClass: inetOrgPerson\nuid: ${p.uid}\ncn: ${p.cn}\nsn: ${p.cn}\nemployeeNumber: ${p.employeeNumber}\nuserPassword: ${sshaHash(p.password)}`),
  ];
  fs.writeFileSync(path.join(dir, 'data.ldif'), `${entries.join('\n\n')}\n`);
  const loaded = spawnSync('/usr/sbin/slapadd', ['-f', path.join(dir, 'slapd.conf'), '-l', path.join(dir, 'data.ldif')], { encoding: 'utf8' });
  if (loaded.status !== 0) throw new Error(`slapadd failed: ${loaded.stderr}`);
  const port = await freePort();
  // -d 0: stay in the foreground (no daemon to chase), logging nothing.
  const child = spawn(slapdPath, ['-f', path.join(dir, 'slapd.conf'), '-h', `ldap://127.0.0.1:${port}/`, '-d', '0'], { stdio: 'ignore' });
  await waitForPort(port, child);
  return {
    url: `ldap://127.0.0.1:${port}`,
    suffix,
    peopleDn: `ou=people,${suffix}`,
    rootDn,
    rootPassword,
    stop: () => stopPeer(child, dir),
  };
}
