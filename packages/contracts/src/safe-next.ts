/**
 * Where to go after logging in. Only paths of this site are followed: a
 * `next` of `//evil.example` or `/\evil.example` would leave the hall, and
 * going back to /login would loop.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/')) return null;
  if (next.startsWith('//') || next.startsWith('/\\')) return null;
  // Control characters (tabs, new lines) are dropped by URL parsers and can hide a '//'.
  if (/[\u0000-\u001f\u007f]/.test(next)) return null;
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login/')) return null;
  return next;
}
