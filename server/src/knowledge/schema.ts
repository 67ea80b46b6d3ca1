import * as z from 'zod';
import { CheckOptionsSchema } from '../config';

/** Role and area ids are short kebab-case words, so they read well in front matter and rule data. */
const Id = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'must be kebab-case, like "cio" or "business-systems"');

/** A phrase the classifier looks for. Words are stemmed and stop words dropped, so "licenses" matches "licence". */
const Phrase = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');

export const EvidenceSchema = z
  .object({
    /** Phrases that on their own say which area a sentence belongs to ("erp", "service desk"). */
    strong: z.array(Phrase).default([]),
    /** Phrases that point to the area but need a second clue ("vendor", "onboarding"). */
    weak: z.array(Phrase).default([]),
  })
  .strict();

export const SourceSchema = z
  .object({
    id: Id,
    title: z.string().min(1),
    url: z.url(),
  })
  .strict();

export const DutyAreaSchema = z
  .object({
    id: Id,
    name: z.string().min(1),
    /** One sentence: what this area covers and why it belongs to the role. */
    summary: z.string().min(1),
    evidence: EvidenceSchema,
    /** Canonical duty sentences, used by completion, snippets and the "replace with" fix. */
    duties: z.array(z.string().min(1)).min(1, 'needs at least one canonical duty'),
    /** For each other role, the id of that role's nearest duty area. */
    counterparts: z.record(Id, Id).default({}),
    /** Ids from the sources list. */
    sources: z.array(Id).default([]),
  })
  .strict();

export const RoleSchema = z
  .object({
    id: Id,
    name: z.string().min(1),
    abbreviation: z.string().min(1),
    /** Titles and aliases a posting's H1 may use ("VP of IT", "Head of Product"). */
    titles: z.array(z.string().min(1)).default([]),
    /** The teams the role leads: working with them on the role's duty is a shared duty. */
    teams: z.array(z.string().min(1)).default([]),
    /** Words that name the role's function in a title, at any seniority ("Engineering", "Information Security"). */
    functions: z.array(z.string().min(1)).default([]),
    focus: z.string().min(1),
    reportsTo: z.string().min(1),
    skills: z.array(z.string().min(1)).default([]),
    metrics: z.array(z.string().min(1)).default([]),
    areas: z.array(DutyAreaSchema).min(1, 'needs at least one duty area'),
    sources: z.array(Id).default([]),
  })
  .strict();

/** Duties any executive may hold (shared) and bullets that are no executive duty at all (neutral). */
export const CommonAreaSchema = z
  .object({
    id: Id,
    kind: z.enum(['shared', 'neutral']),
    name: z.string().min(1),
    summary: z.string().min(1),
    evidence: EvidenceSchema,
    duties: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const KnowledgeBaseSchema = z
  .object({
    sources: z.array(SourceSchema).default([]),
    roles: z.array(RoleSchema).min(1),
    common: z.array(CommonAreaSchema).default([]),
    /** Words that carry no meaning for the classifier. */
    stopWords: z.array(z.string()).default([]),
    /** Collaboration verbs: "partner with the CIO on …" is a shared duty, not the CIO's. */
    collaborationVerbs: z.array(Phrase).default([]),
    /** Executives that are not roles here (CEO, CFO, General Counsel): working with them is shared too. */
    otherExecutives: z.array(Phrase).default([]),
  })
  .strict();

/** A role in the workspace configuration file: a new role, or changes to a built-in one. */
export const RoleOverrideSchema = z
  .object({
    id: Id,
    /** Lists (titles, teams, functions, skills, metrics, sources) replace the built-in ones instead of adding to them. */
    replace: z.boolean().optional(),
    name: z.string().min(1).optional(),
    abbreviation: z.string().min(1).optional(),
    titles: z.array(z.string().min(1)).optional(),
    teams: z.array(z.string().min(1)).optional(),
    functions: z.array(z.string().min(1)).optional(),
    focus: z.string().min(1).optional(),
    reportsTo: z.string().min(1).optional(),
    skills: z.array(z.string().min(1)).optional(),
    metrics: z.array(z.string().min(1)).optional(),
    areas: z.array(DutyAreaSchema).optional(),
    sources: z.array(Id).optional(),
  })
  .strict();

/**
 * The workspace configuration file (.rolefit.yaml, .rolefit.yml or .rolefit.json), read by the editor
 * and the CLI alike: the check options and the roles.
 */
export const UserConfigSchema = CheckOptionsSchema.partial()
  .extend({
    /** Roles to add, or built-in roles to change: lists add to the built-in ones (unless `replace: true`), areas are merged by id. */
    roles: z.array(RoleOverrideSchema).default([]),
    common: z.array(CommonAreaSchema).default([]),
    sources: z.array(SourceSchema).default([]),
  })
  .strict();

export type Evidence = z.infer<typeof EvidenceSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type DutyArea = z.infer<typeof DutyAreaSchema>;
export type Role = z.infer<typeof RoleSchema>;
export type CommonArea = z.infer<typeof CommonAreaSchema>;
export type KnowledgeBase = z.infer<typeof KnowledgeBaseSchema>;
export type RoleOverride = z.infer<typeof RoleOverrideSchema>;
export type UserConfig = z.infer<typeof UserConfigSchema>;

/** Thousands of weights: checked in one pass rather than one zod schema per number, which costs 20 ms at every start. */
const Weights = z.custom<number[]>((value) => Array.isArray(value) && value.every((w) => typeof w === 'number' && Number.isFinite(w)), { message: 'must be a list of numbers' });
const Names = z.custom<string[]>((value) => Array.isArray(value) && value.every((name) => typeof name === 'string'), { message: 'must be a list of feature names' });

/** The fitted weights (model.json, written by `npm run fit`). */
export const ModelSchema = z
  .object({
    version: z.literal(1),
    owner: z
      .object({
        classes: z.array(Id.or(z.literal('shared'))).min(2),
        bias: z.array(z.number()),
        tied: z.record(z.string(), z.number()),
        features: Names,
        weights: Weights,
      })
      .strict()
      .refine((owner) => owner.bias.length === owner.classes.length && owner.weights.length === owner.features.length * owner.classes.length, {
        message: 'needs one bias per class and one weight per class for every feature',
      }),
    kind: z
      .object({ bias: z.number(), features: Names, weights: Weights })
      .strict()
      .refine((kind) => kind.weights.length === kind.features.length, { message: 'needs one weight per feature' }),
  })
  .strict();
