import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as plain from './plain.ts';
import * as root from './index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The modules a module imports at run time (`import type` and `export type` cost nothing and are left out). */
function runtimeImports(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of source.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) found.push(match[1]!);
  return found;
}

describe('@onehall/contracts/plain', () => {
  it('reaches no zod, however deep it imports', () => {
    const seen = new Set<string>();
    const reached: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const specifier of runtimeImports(file)) {
        if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier));
        else reached.push(`${path.basename(file)} → ${specifier}`);
      }
    };
    visit(path.join(here, 'plain.ts'));
    // Packages only: zod (directly, or through @onehall/forms' schemas) would reach every page of the H5.
    expect(reached).toEqual([]);
    expect(seen.size).toBeGreaterThan(5);
  });

  it('exports the same values as the root, for the modules it holds', () => {
    for (const [name, value] of Object.entries(plain)) expect(root[name as keyof typeof root], name).toBe(value);
  });
});
