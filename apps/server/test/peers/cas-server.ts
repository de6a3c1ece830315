import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, stopPeer } from './ports.ts';

/**
 * A real CAS server for the tests: Debian's python3-django-cas-server (with
 * the Django 3.2 that comes with it, under /usr/bin/python3), in a throwaway
 * Django project with an SQLite database, its users, and a service pattern
 * that accepts the hall's loopback URLs with single logout on. Served by
 * Django's own server on a free loopback port. Where the package is missing
 * the CAS tests are skipped and say so.
 */
const python = '/usr/bin/python3';
export const casServerAvailable =
  fs.existsSync(python) && fs.existsSync('/usr/lib/python3/dist-packages/cas_server') && spawnSync(python, ['-c', 'import django, cas_server'], { stdio: 'ignore' }).status === 0;

export interface CasUser {
  username: string;
  password: string;
  email: string;
  /** Released to services as the attribute `last_name`. */
  lastName: string;
}

export interface CasServer {
  /** The CAS base URL, e.g. http://127.0.0.1:41234/cas */
  baseUrl: string;
  stop(): Promise<void>;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the CAS server exited with ${child.exitCode}`);
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('the CAS server did not start');
}

export async function startCasServer(users: CasUser[]): Promise<CasServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onehall-cas-'));
  const project = path.join(dir, 'casproj');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, '__init__.py'), '');
  fs.writeFileSync(
    path.join(project, 'settings.py'),
    `
SECRET_KEY = 'onehall-tests-only'
DEBUG = False
ALLOWED_HOSTS = ['127.0.0.1', 'localhost']
INSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes', 'django.contrib.sessions', 'django.contrib.messages', 'django.contrib.staticfiles', 'cas_server']
MIDDLEWARE = [
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.contrib.messages.middleware.MessageMiddleware',
]
ROOT_URLCONF = 'casproj.urls'
TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'APP_DIRS': True, 'OPTIONS': {'context_processors': [
    'django.template.context_processors.request', 'django.contrib.auth.context_processors.auth', 'django.contrib.messages.context_processors.messages']}}]
DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ${JSON.stringify(path.join(dir, 'cas.sqlite3'))}}}
DEFAULT_AUTO_FIELD = 'django.db.models.AutoField'
STATIC_URL = '/static/'
USE_TZ = True
CAS_AUTH_CLASS = 'cas_server.auth.DjangoAuthUser'
CAS_SLO_TIMEOUT = 3
CAS_SHOW_POWERED = False
`,
  );
  fs.writeFileSync(path.join(project, 'urls.py'), `from django.urls import include, path\nurlpatterns = [path('cas/', include(('cas_server.urls', 'cas_server'), namespace='cas_server'))]\n`);
  fs.writeFileSync(
    path.join(dir, 'setup_users.py'),
    `
import json, sys, django
django.setup()
from django.contrib.auth.models import User
from cas_server.models import ServicePattern, ReplaceAttributName
for u in json.loads(sys.argv[1]):
    user = User.objects.create_user(u['username'], u['email'], u['password'])
    user.last_name = u['lastName']
    user.save()
pattern = ServicePattern.objects.create(pos=100, name='onehall', pattern=r'^http://127\\.0\\.0\\.1:[0-9]+/.*$', single_log_out=True)
for name in ('email', 'last_name'):
    ReplaceAttributName.objects.create(name=name, service_pattern=pattern)
`,
  );
  const env = { ...process.env, PYTHONPATH: dir, DJANGO_SETTINGS_MODULE: 'casproj.settings', PYTHONDONTWRITEBYTECODE: '1' };
  const migrated = spawnSync(python, ['-m', 'django', 'migrate', '--noinput', '-v', '0'], { env, encoding: 'utf8' });
  if (migrated.status !== 0) throw new Error(`CAS server migrate failed: ${migrated.stderr}`);
  const created = spawnSync(python, [path.join(dir, 'setup_users.py'), JSON.stringify(users)], { env, encoding: 'utf8' });
  if (created.status !== 0) throw new Error(`CAS server setup failed: ${created.stderr}`);
  const port = await freePort();
  const child = spawn(python, ['-m', 'django', 'runserver', `127.0.0.1:${port}`, '--noreload', '--nothreading', '-v', '0'], { env, stdio: 'ignore' });
  const baseUrl = `http://127.0.0.1:${port}/cas`;
  await waitForHttp(`${baseUrl}/login`, child);
  return {
    baseUrl,
    stop: () => stopPeer(child, dir),
  };
}
