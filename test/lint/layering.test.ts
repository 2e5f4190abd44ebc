/**
 * The layering rules in biome.json, proved by linting probe files in a temporary copy of the
 * configuration: every forbidden import must be an error (so `biome check` fails), every allowed
 * one must pass. Overrides that match the same file replace each other's noRestrictedImports
 * options, so every layer repeats the shared/ AWS rules; the probes check that they still hold.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const biome = join(root, 'node_modules', '.bin', 'biome');

const aws = ['aws-lambda', 'aws-cdk-lib', '@aws-sdk/client-dynamodb'];

const rules: Array<{ file: string; forbidden: string[]; allowed: string[] }> = [
  {
    file: 'shared/pages/kit/probe.ts',
    forbidden: [...aws, '../../../functions/config', '../../../infra/local/sfn'],
    allowed: ['../../use-cases/show-action', './csrf', 'zod'],
  },
  {
    file: 'shared/workflow/probe.ts',
    forbidden: [...aws, '../../functions/adapters/handler-deps', '../../infra/stacks/app'],
    allowed: ['../domain/planner', './contract'],
  },
  {
    file: 'shared/use-cases/probe.ts',
    forbidden: [...aws, '../pages/kit/csrf', '../pages/action/view', '../../functions/config', '../../infra/app'],
    allowed: ['../domain/case', '../ports/clock', '../workflow/contract', '../email', './notices', 'zod'],
  },
  {
    file: 'shared/domain/probe.ts',
    forbidden: [
      ...aws,
      '../workflow/contract',
      '../use-cases/notices',
      '../pages/kit/csrf',
      '../email',
      '../email/kinds/receipt',
      '../../functions/config',
      '../../infra/app',
    ],
    allowed: ['../kernel/ids', '../errors', '../i18n/catalogs/email', '../util/canonical-json', './case', 'zod'],
  },
  {
    file: 'shared/domain/governance/probe.ts',
    forbidden: [...aws, '../../workflow/contract', '../../use-cases/notices', '../../pages/kit/csrf', '../../email'],
    allowed: ['../../kernel/ids', '../step', './schema'],
  },
  {
    file: 'shared/kernel/probe.ts',
    forbidden: [...aws, '../errors', '../i18n', '../domain/case', '../util/canonical-json', '../../functions/config'],
    allowed: ['./ids', 'zod'],
  },
  {
    file: 'shared/i18n/probe.ts',
    forbidden: [...aws, '../errors', '../domain/case', '../pages/kit/csrf', '../../functions/config'],
    allowed: ['../kernel/ids', './catalogs/api', './define-catalog'],
  },
  {
    file: 'shared/i18n/catalogs/probe.ts',
    forbidden: [...aws, '../../errors', '../../domain/case', '../../../functions/config'],
    allowed: ['../define-catalog', '../../kernel/ids', './common'],
  },
  {
    file: 'shared/errors.ts',
    forbidden: [...aws, './domain/case', './ports/clock', './util/canonical-json', '../functions/config'],
    allowed: ['./kernel/ids', './i18n', './i18n/catalogs/errors', 'zod'],
  },
  {
    file: 'functions/probe.ts',
    forbidden: ['../infra/stacks/app', '../infra/local/sfn'],
    allowed: ['../shared/domain/case', './adapters/handler-deps', '@aws-sdk/client-sfn', 'aws-lambda'],
  },
  {
    file: 'functions/adapters/probe.ts',
    forbidden: ['../../infra/constructs/table', '../../infra/local/sfn'],
    allowed: ['../../shared/ports/clock', '../config', '@aws-sdk/lib-dynamodb'],
  },
];

type Diagnostic = { severity: string; category: string; location: { path: string; start: { line: number } } };
type Run = { status: number | null; diagnostics: Diagnostic[] };

/**
 * Writes one probe file per layer (line n imports the n-th source), lints them all in one Biome
 * run (a run per import would take half a minute) and deletes them again.
 */
function lintProbes(
  sandbox: string,
  probes: Array<{ file: string; sources: string[] }>,
  extra: Record<string, string>,
): Run {
  const files: Record<string, string> = { ...extra };
  for (const { file, sources } of probes) {
    const imports = sources.map((source, n) => `import { probe as probe${n} } from '${source}';`);
    const names = sources.map((_, n) => `probe${n}`).join(', ');
    files[file] = `${imports.join('\n')}\n\nexport const probes = [${names}];\n`;
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(sandbox, file)), { recursive: true });
    writeFileSync(join(sandbox, file), text);
  }
  const run = spawnSync(
    biome,
    [
      'lint',
      '--vcs-enabled=false',
      '--only=style/noRestrictedImports',
      '--only=style/noProcessEnv',
      '--reporter=json',
      '--max-diagnostics=none',
      ...Object.keys(files),
    ],
    { cwd: sandbox, encoding: 'utf8' },
  );
  for (const file of Object.keys(files)) rmSync(join(sandbox, file));
  const report = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
  return { status: run.status, diagnostics: report.diagnostics };
}

let sandbox: string;
let forbiddenRun: Run;
let allowedRun: Run;

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'layering-'));
  copyFileSync(join(root, 'biome.json'), join(sandbox, 'biome.json'));
  forbiddenRun = lintProbes(
    sandbox,
    rules.map(({ file, forbidden }) => ({ file, sources: forbidden })),
    { 'shared/domain/env-probe.ts': 'export const region = process.env.AWS_REGION;\n' },
  );
  // shared/errors.ts is one path, so the allowed probes need a run of their own.
  allowedRun = lintProbes(
    sandbox,
    rules.map(({ file, allowed }) => ({ file, sources: allowed })),
    {},
  );
});

afterAll(() => {
  rmSync(sandbox, { recursive: true, force: true });
});

function restricted(run: Run, file: string, line: number): boolean {
  return run.diagnostics.some(
    (d) =>
      d.severity === 'error' &&
      d.category === 'lint/style/noRestrictedImports' &&
      d.location.path === file &&
      d.location.start.line === line,
  );
}

describe.each(rules)('$file', ({ file, forbidden, allowed }) => {
  it.each(forbidden.map((source, n) => [source, n + 1] as const))('cannot import %s', (_source, line) => {
    expect(restricted(forbiddenRun, file, line)).toBe(true);
  });

  it.each(allowed.map((source, n) => [source, n + 1] as const))('may import %s', (_source, line) => {
    expect(restricted(allowedRun, file, line)).toBe(false);
  });
});

describe('biome lint', () => {
  it('fails on the forbidden imports and passes the allowed ones', () => {
    expect(forbiddenRun.status).not.toBe(0);
    expect(allowedRun.diagnostics).toEqual([]);
    expect(allowedRun.status).toBe(0);
  });

  it('still forbids process.env in a layer with its own import rules', () => {
    expect(forbiddenRun.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        category: 'lint/style/noProcessEnv',
        location: expect.objectContaining({ path: 'shared/domain/env-probe.ts' }),
      }),
    );
  });
});
