import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const domainDir = join(import.meta.dirname, '..', '..', '..', 'shared', 'domain');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('shared/domain layering', () => {
  it('imports nothing from the workflow (the workflow maps domain plans onto its contract)', () => {
    const files = sources(domainDir);
    expect(files.length).toBeGreaterThan(0);
    const offenders = files.filter((file) =>
      /from\s+['"][^'"]*\/workflow\//.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((file) => relative(domainDir, file))).toEqual([]);
  });
});
