import { z } from 'zod';

/**
 * Drafts kept on the server (草稿): what a person has filled in on a
 * service's form but not submitted, one per person and service, so the form
 * can be finished on another phone or after the browser forgot it. The phone
 * saves a moment after typing stops; a draft is not a checked form — only
 * its size and its keys (the form's field keys) are limited (`draftLimits`,
 * in limits.ts). Submitting the service deletes it.
 */

/** PUT /api/drafts/:serviceCode: the form version being filled in and the values as they stand. */
export const saveDraftBody = z.object({
  formVersion: z.number().int().positive(),
  data: z.record(z.string(), z.unknown()),
});
export type SaveDraftBody = z.infer<typeof saveDraftBody>;

/** One draft in the 草稿 list. `updatedAt` is the server's time of the last save (ISO). */
export const draftSummaryDto = z.object({
  serviceCode: z.string(),
  serviceName: z.string(),
  serviceIcon: z.string(),
  formVersion: z.number().int(),
  updatedAt: z.string(),
});
export type DraftSummaryDto = z.infer<typeof draftSummaryDto>;

/** A draft with its values, as the service page restores it. */
export const draftDto = draftSummaryDto.extend({ data: z.record(z.string(), z.unknown()) });
export type DraftDto = z.infer<typeof draftDto>;

/** GET /api/drafts: mine, newest first. */
export const draftListDto = z.object({ items: z.array(draftSummaryDto) });
export type DraftListDto = z.infer<typeof draftListDto>;

/** GET /api/drafts/:serviceCode: my draft of the service, null when there is none. */
export const myDraftDto = z.object({ draft: draftDto.nullable() });
export type MyDraftDto = z.infer<typeof myDraftDto>;
