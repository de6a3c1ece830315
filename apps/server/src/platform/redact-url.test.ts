import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url.ts';

describe('redactUrl', () => {
  it('hides tickets, codes and states, and keeps the rest', () => {
    expect(redactUrl('/api/auth/cas/callback?next=%2Fsent&ticket=ST-123-abc')).toBe('/api/auth/cas/callback?next=%2Fsent&ticket=[redacted]');
    expect(redactUrl('/api/auth/wecom/callback?code=CODE1&state=s1#x')).toBe('/api/auth/wecom/callback?code=[redacted]&state=[redacted]#x');
    expect(redactUrl('/api/catalog?q=ticket')).toBe('/api/catalog?q=ticket');
  });
});
