/**
 * Fault injection for the local runtime: a share of the calls to the local DynamoDB, SES and
 * Lambda endpoints fails transiently, the way those services fail, so the SDK's own retries and
 * the state machine's Retry run against handler code that is not changed or mocked. A fault
 * always rejects a call before it does any work: no write is ever half applied.
 *
 *   BESLUTNINGSFLYT_FAULTS=dynamodb=0.2,ses=0.2,lambda=0.05  BESLUTNINGSFLYT_FAULT_SEED=42
 */
import { randomInt } from 'node:crypto';
import { z } from 'zod';

export const FAULTS_ENV = 'BESLUTNINGSFLYT_FAULTS';
export const FAULT_SEED_ENV = 'BESLUTNINGSFLYT_FAULT_SEED';

export const FAULT_SERVICES = ['dynamodb', 'ses', 'lambda'] as const;
export type FaultService = (typeof FAULT_SERVICES)[number];

export interface FaultSettings {
  /** Share of calls (0..1) that fail, per service; a service not named never fails. */
  shares: Record<FaultService, number>;
  /** Seed of the PRNG: the same seed gives the same sequence of faults per service. */
  seed: number;
}

export class FaultConfigError extends Error {
  override readonly name = 'FaultConfigError';
}

const ShareSchema = z
  .string()
  .regex(/^(?:\d+(?:\.\d*)?|\.\d+)$/, 'must be a number from 0 to 1')
  .transform(Number)
  .pipe(z.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1'));

const SharesSchema = z.strictObject(
  Object.fromEntries(FAULT_SERVICES.map((service) => [service, ShareSchema.optional()])) as Record<
    FaultService,
    z.ZodOptional<typeof ShareSchema>
  >,
);

const SeedSchema = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().int().max(0xffff_ffff, 'must be at most 4294967295'));

const NO_FAULTS: Record<FaultService, number> = { dynamodb: 0, ses: 0, lambda: 0 };

/** Parses `service=share,…` (empty: no faults). Throws FaultConfigError naming the bad part. */
export function parseFaultShares(raw: string | undefined): Record<FaultService, number> {
  const text = raw?.trim() ?? '';
  if (text === '') return { ...NO_FAULTS };
  const entries: Record<string, string> = {};
  for (const part of text.split(',')) {
    const match = /^\s*([A-Za-z0-9_-]+)\s*=\s*(\S*)\s*$/.exec(part);
    if (!match) throw new FaultConfigError(`${FAULTS_ENV}: "${part.trim()}" is not service=share (e.g. dynamodb=0.2)`);
    const [, service, share] = match as unknown as [string, string, string];
    if (service in entries) throw new FaultConfigError(`${FAULTS_ENV}: ${service} is given twice`);
    entries[service] = share;
  }
  const parsed = SharesSchema.safeParse(entries);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const detail =
      issue.code === 'unrecognized_keys'
        ? `unknown service ${issue.keys.map((key) => `"${key}"`).join(', ')} (known: ${FAULT_SERVICES.join(', ')})`
        : `${String(issue.path[0])}=${entries[String(issue.path[0])]}: the share ${issue.message}`;
    throw new FaultConfigError(`${FAULTS_ENV}: ${detail}`);
  }
  return { ...NO_FAULTS, ...parsed.data };
}

/** The fault settings from the environment; without a seed, a random one (printed at start, to repeat a run). */
export function readFaultSettings(env: NodeJS.ProcessEnv = process.env): FaultSettings {
  const shares = parseFaultShares(env[FAULTS_ENV]);
  const rawSeed = env[FAULT_SEED_ENV]?.trim();
  if (rawSeed === undefined || rawSeed === '') return { shares, seed: randomInt(0, 0xffff_ffff) };
  const seed = SeedSchema.safeParse(rawSeed);
  if (!seed.success) throw new FaultConfigError(`${FAULT_SEED_ENV}: "${rawSeed}" ${seed.error.issues[0]?.message}`);
  return { shares, seed: seed.data };
}

export function faultsEnabled(settings: FaultSettings | undefined): settings is FaultSettings {
  return settings !== undefined && FAULT_SERVICES.some((service) => settings.shares[service] > 0);
}

/** mulberry32: a small, fast 32-bit PRNG; uniform in [0, 1), fully determined by the seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface FaultInjector {
  /**
   * Whether this call to `service` fails, and if so how: one of `kinds` (the first is the most
   * common, e.g. throttling), else undefined. Each service draws from its own PRNG, so its
   * sequence does not depend on how calls to the others interleave.
   */
  pick<T>(service: FaultService, kinds: readonly [T, ...T[]]): T | undefined;
  /** How many faults have been injected so far, per service. */
  readonly injected?: Readonly<Record<FaultService, number>>;
}

/** Of the injected faults, the share that is the first (throttling) kind; the rest share the remainder. */
const FIRST_KIND_SHARE = 0.75;

export function createFaultInjector(settings: FaultSettings): FaultInjector {
  const random = new Map(
    FAULT_SERVICES.map((service, index) => [service, mulberry32((settings.seed + Math.imul(index + 1, 0x9e3779b9)) >>> 0)]),
  );
  const injected: Record<FaultService, number> = { dynamodb: 0, ses: 0, lambda: 0 };
  return {
    injected,
    pick(service, kinds) {
      const next = random.get(service)!;
      const hit = next() < settings.shares[service];
      const which = next();
      if (!hit) return undefined;
      injected[service] += 1;
      if (kinds.length === 1 || which < FIRST_KIND_SHARE) return kinds[0];
      const rest = kinds.slice(1);
      return rest[Math.min(rest.length - 1, Math.floor(((which - FIRST_KIND_SHARE) / (1 - FIRST_KIND_SHARE)) * rest.length))];
    },
  };
}

/** A one-line description for the start banner, e.g. `dynamodb 20%, ses 20%, lambda 5% (seed 42)`. */
export function describeFaults(settings: FaultSettings): string {
  const named = FAULT_SERVICES.filter((service) => settings.shares[service] > 0).map(
    (service) => `${service} ${+(settings.shares[service] * 100).toFixed(2)}%`,
  );
  return `${named.join(', ')} (${FAULT_SEED_ENV}=${settings.seed})`;
}
