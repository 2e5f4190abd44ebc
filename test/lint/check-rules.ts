/**
 * Project rules Biome cannot express: shared/ must stay pure (no Date.now(), no `new Date()`
 * without an argument, no process.env even via globalThis), and no test may be skipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|tsx|mts)$/.test(name)) out.push(path);
  }
  return out;
}

const problems: string[] = [];
const sharedRules: Array<[RegExp, string]> = [
  [/\bDate\.now\s*\(/, 'Date.now() in shared/: pass a Clock'],
  [/new Date\(\s*\)/, 'new Date() in shared/: pass a Clock'],
  [/\bprocess\.env\b/, 'process.env in shared/: read config in functions/config.ts'],
  [/from\s+['"]@aws-sdk\//, '@aws-sdk import in shared/'],
  [/from\s+['"]aws-lambda['"]/, 'aws-lambda import in shared/'],
  [/from\s+['"]aws-cdk-lib/, 'aws-cdk-lib import in shared/'],
];
for (const file of walk(join(root, 'shared'))) {
  const text = readFileSync(file, 'utf8');
  for (const [pattern, message] of sharedRules) {
    if (pattern.test(text)) problems.push(`${relative(root, file)}: ${message}`);
  }
}
const testRules: Array<[RegExp, string]> = [
  [/\b(it|test|describe)\.(skip|only|todo)\b/, 'skipped/focused/todo test'],
  [/\b(xit|xdescribe|fit|fdescribe)\s*\(/, 'skipped/focused test'],
  [/\.skipIf\s*\(|\.runIf\s*\(/, 'conditionally skipped test'],
];
for (const file of walk(join(root, 'test'))) {
  if (file.endsWith('check-rules.ts')) continue;
  const text = readFileSync(file, 'utf8');
  for (const [pattern, message] of testRules) {
    if (pattern.test(text)) problems.push(`${relative(root, file)}: ${message}`);
  }
}
if (problems.length > 0) {
  console.error(`Project rule violations:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('project rules: ok');
