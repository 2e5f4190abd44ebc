import { z } from 'zod';
import { SERVICE_ID_PATTERN } from '../application';
import { DecisionRuleSchema } from '../decision-rules';
import { type BodyId, BodyIdSchema, LanguageSchema } from '../../kernel/ids';
import {
  NO_ANSWER_RULES,
  STEP_DEFINITION_IDS,
  STEP_DEFINITIONS,
} from '../process';
import { MemberIdSchema } from '../step';

/**
 * The governance configuration ("roster"): who sits in which body, how each body decides,
 * and the deadlines of every step. Versioned data, validated here, so a change of members,
 * rules or deadlines is a reviewed edit of shared/domain/governance/roster.json, not code.
 */

export const MEMBER_ROLES = ['chair', 'member', 'deputy', 'secretary'] as const;
export const MemberRoleSchema = z.enum(MEMBER_ROLES);
export type MemberRole = z.infer<typeof MemberRoleSchema>;
/** Roles that vote. Deputies stand in only when named as members; secretaries only assist. */
export const VOTING_ROLES: readonly MemberRole[] = ['chair', 'member'];

const RESERVED_MEMBER_IDS = ['applicant', 'secretariat'];

export const MemberSchema = z.strictObject({
  id: MemberIdSchema.refine((id) => !RESERVED_MEMBER_IDS.includes(id), {
    error: 'Member id is reserved',
  }),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254),
  role: MemberRoleSchema,
  language: LanguageSchema,
});
export type Member = z.infer<typeof MemberSchema>;

const RuleIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/);

const CouncilSchema = z.strictObject({
  decisionRule: RuleIdSchema,
  members: z.array(MemberSchema).min(1).max(50),
});

/** brukerrad and sekretariat have their own sections; every other body is listed here. */
const LISTED_BODY_IDS = BodyIdSchema.exclude(['brukerrad', 'sekretariat']);

export const BodySchema = CouncilSchema.extend({ id: LISTED_BODY_IDS });
export type Body = z.infer<typeof BodySchema>;

export const ServiceSchema = z.strictObject({
  serviceId: z.string().regex(SERVICE_ID_PATTERN),
  /** Product name (SvarUt, Fiks arkiv): the same in every language. */
  name: z.string().trim().min(1).max(200),
  brukerrad: CouncilSchema,
});
export type Service = z.infer<typeof ServiceSchema>;

export const StepPolicySchema = z
  .strictObject({
    deadlineDays: z.number().int().min(1).max(365),
    /** Reminders, as whole days before the deadline, latest first once sorted: e.g. [5, 1]. */
    reminderDaysBefore: z.array(z.number().int().min(1).max(364)).max(10),
    onNoAnswer: z.enum(NO_ANSWER_RULES),
  })
  .superRefine((policy, ctx) => {
    const days = policy.reminderDaysBefore;
    if (new Set(days).size !== days.length) {
      ctx.addIssue({ code: 'custom', path: ['reminderDaysBefore'], message: 'Reminder days must differ' });
    }
    if (days.some((d) => d >= policy.deadlineDays)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reminderDaysBefore'],
        message: 'A reminder must come after the step starts (fewer days before than deadlineDays)',
      });
    }
  })
  // Sorted descending: the first reminder is the one furthest from the deadline.
  .transform((policy) => ({
    ...policy,
    reminderDaysBefore: [...policy.reminderDaysBefore].sort((a, b) => b - a),
  }));
export type StepPolicy = z.infer<typeof StepPolicySchema>;

/**
 * Minimum number of voting members per body. Eierstrategi ch. 9: "Styret skal bestå av
 * minst 5 medlemmer".
 */
export const MIN_VOTING_MEMBERS: Readonly<Partial<Record<BodyId, number>>> = { styret: 5 };

/** Bodies the process uses (every unit body except the per-service brukerråd and sekretariat). */
export const REQUIRED_BODY_IDS: readonly BodyId[] = [
  ...new Set(
    Object.values(STEP_DEFINITIONS).flatMap((def) =>
      def.units.map((u) => u.bodyId).filter((id) => id !== 'brukerrad' && id !== 'sekretariat'),
    ),
  ),
];

const GovernanceObjectSchema = z.strictObject({
  schemaVersion: z.literal(1),
  /** Version of the roster content, e.g. "2026-11-01"; recorded with decisions. */
  rosterVersion: z.string().regex(/^[0-9A-Za-z._-]{1,40}$/),
  decisionRules: z.record(RuleIdSchema, DecisionRuleSchema),
  bodies: z.array(BodySchema),
  services: z.array(ServiceSchema).min(1),
  /** The secretariat receives every new case, triages it and chases late answers. */
  sekretariat: z.strictObject({ members: z.array(MemberSchema).min(1).max(50) }),
  /** Deadline, reminders and no-answer rule for every step definition (process.ts). */
  steps: z.record(z.enum(STEP_DEFINITION_IDS), StepPolicySchema),
});

type Issue = { path: (string | number)[]; message: string };

function votingCount(members: readonly Member[]): number {
  return members.filter((m) => VOTING_ROLES.includes(m.role)).length;
}

function checkCouncil(
  council: z.infer<typeof CouncilSchema>,
  label: string,
  path: (string | number)[],
  rules: z.infer<typeof GovernanceObjectSchema>['decisionRules'],
  issues: Issue[],
): void {
  const rule = rules[council.decisionRule];
  if (!rule) issues.push({ path: [...path, 'decisionRule'], message: `Unknown decision rule for ${label}` });
  for (const key of ['id', 'email'] as const) {
    const seen = new Set<string>();
    council.members.forEach((m, i) => {
      const value = key === 'email' ? m.email.toLowerCase() : m.id;
      if (seen.has(value)) issues.push({ path: [...path, 'members', i, key], message: `Duplicate member ${key} in ${label}` });
      seen.add(value);
    });
  }
  const voting = votingCount(council.members);
  const chairs = council.members.filter((m) => m.role === 'chair').length;
  if (voting === 0) issues.push({ path: [...path, 'members'], message: `${label} has no voting member` });
  if (chairs > 1) issues.push({ path: [...path, 'members'], message: `${label} has more than one chair` });
  if (rule?.kind === 'single' && voting !== 1) {
    issues.push({ path: [...path, 'members'], message: `${label} decides alone: exactly one voting member` });
  }
  if (rule && rule.kind !== 'single' && rule.tieBreaker === 'chair' && chairs !== 1) {
    issues.push({ path: [...path, 'members'], message: `${label}'s rule breaks ties by the chair: name one chair` });
  }
}

function crossCheck(g: z.infer<typeof GovernanceObjectSchema>): Issue[] {
  const issues: Issue[] = [];
  const bodyIds = new Set<string>();
  g.bodies.forEach((body, i) => {
    if (bodyIds.has(body.id)) issues.push({ path: ['bodies', i, 'id'], message: `Duplicate body ${body.id}` });
    bodyIds.add(body.id);
    checkCouncil(body, body.id, ['bodies', i], g.decisionRules, issues);
    const min = MIN_VOTING_MEMBERS[body.id];
    if (min !== undefined && votingCount(body.members) < min) {
      issues.push({ path: ['bodies', i, 'members'], message: `${body.id} needs at least ${min} voting members` });
    }
  });
  for (const id of REQUIRED_BODY_IDS) {
    if (!bodyIds.has(id)) issues.push({ path: ['bodies'], message: `Missing body ${id}` });
  }
  const serviceIds = new Set<string>();
  g.services.forEach((service, i) => {
    if (serviceIds.has(service.serviceId)) {
      issues.push({ path: ['services', i, 'serviceId'], message: `Duplicate service ${service.serviceId}` });
    }
    serviceIds.add(service.serviceId);
    checkCouncil(service.brukerrad, `brukerrad ${service.serviceId}`, ['services', i, 'brukerrad'], g.decisionRules, issues);
  });
  const secretariatEmails = new Set<string>();
  g.sekretariat.members.forEach((m, i) => {
    if (secretariatEmails.has(m.email.toLowerCase())) {
      issues.push({ path: ['sekretariat', 'members', i, 'email'], message: 'Duplicate secretariat email' });
    }
    secretariatEmails.add(m.email.toLowerCase());
  });
  for (const id of STEP_DEFINITION_IDS) {
    // z.record over an enum requires every step id, so the policy exists.
    const policy = g.steps[id];
    if (!STEP_DEFINITIONS[id].allowedNoAnswerRules.includes(policy.onNoAnswer)) {
      issues.push({ path: ['steps', id, 'onNoAnswer'], message: `onNoAnswer ${policy.onNoAnswer} is not allowed for ${id}` });
    }
  }
  return issues;
}

export const GovernanceSchema = GovernanceObjectSchema.superRefine((g, ctx) => {
  for (const issue of crossCheck(g)) ctx.addIssue({ code: 'custom', ...issue });
});
export type Governance = z.infer<typeof GovernanceSchema>;
export type GovernanceInput = z.input<typeof GovernanceSchema>;
