import { describe, expect, it } from 'vitest';
import { describeConfig, loadConfig } from './config.ts';

describe('config', () => {
  it('runs with no settings at all: PGlite in ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config).toMatchObject({ PORT: 3000, SEED_DEMO: true, SESSION_IDLE_MINUTES: 30, SESSION_ABSOLUTE_HOURS: 12 });
    expect(config.dataDir.endsWith('data')).toBe(true);
  });

  it('names every bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(/PORT[\s\S]*DATABASE_URL/);
  });

  it('describes every variable', () => {
    for (const entry of describeConfig()) expect(entry.description, entry.name).not.toBe('');
  });
});
