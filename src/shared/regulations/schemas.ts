import { z } from 'zod';
import { isoDate, optionalText, Page, pageQuery, text, uuid } from '#shared/validation.ts';

/**
 * Review of regulations (task 2; Decree 59 Art. 17(2); issue 20): the legal documents a unit reviewed —
 * its own and superior bodies' documents relevant to anti-corruption — the gaps found, the proposals to
 * amend them (to whom, when), their outcome, and whether the document was systematised.
 */
export const documentKinds = [
  'law',
  'resolution',
  'decree',
  'decision',
  'circular',
  'directive',
  'provincial_document',
  'internal_rule',
  'other',
] as const;
export const issuerLevels = ['central', 'provincial', 'own'] as const;
export const reviewResults = ['consistent', 'gap_found', 'outdated'] as const;
export const proposalStatuses = ['none', 'proposed', 'accepted', 'amended', 'rejected'] as const;

const fields = {
  unitId: uuid(),
  documentNo: text(80),
  title: text(500),
  documentKind: z.enum(documentKinds),
  issuer: text(300),
  issuerLevel: z.enum(issuerLevels),
  issuedOn: isoDate().nullish(),
  reviewedOn: isoDate(),
  result: z.enum(reviewResults),
  /** What is missing, conflicting or out of date (required when a gap was found). */
  gap: optionalText(4000),
  proposal: optionalText(4000),
  proposedTo: optionalText(300),
  proposedOn: isoDate().nullish(),
  systematised: z.boolean().default(false),
};
export const ReviewCreate = z.strictObject(fields);
export type ReviewCreate = z.infer<typeof ReviewCreate>;
export const ReviewUpdate = z.strictObject({ ...fields, version: z.number().int() });

/** What became of a proposal: accepted, the document amended, or rejected — with its date and note. */
export const ProposalOutcome = z.strictObject({
  status: z.enum(['accepted', 'amended', 'rejected']),
  on: isoDate(),
  note: optionalText(2000),
  version: z.number().int(),
});

export const Review = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  documentNo: z.string(),
  title: z.string(),
  documentKind: z.enum(documentKinds),
  issuer: z.string(),
  issuerLevel: z.enum(issuerLevels),
  issuedOn: z.string().nullable(),
  reviewedOn: z.string(),
  result: z.enum(reviewResults),
  gap: z.string().nullable(),
  proposal: z.string().nullable(),
  proposedTo: z.string().nullable(),
  proposedOn: z.string().nullable(),
  status: z.enum(proposalStatuses),
  outcomeOn: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  systematised: z.boolean(),
  version: z.number(),
});
export const ReviewQuery = z.strictObject({
  ...pageQuery,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  result: z.enum(reviewResults).optional(),
  status: z.enum(proposalStatuses).optional(),
  unitId: uuid().optional(),
  q: z.string().max(100).optional(),
});
export const ReviewPage = Page(Review).extend({
  /** Over the whole filtered list: documents reviewed, gaps found, proposals made and settled. */
  summary: z.object({ reviewed: z.number(), gaps: z.number(), proposed: z.number(), settled: z.number() }),
});
