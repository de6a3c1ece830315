import { z } from 'zod';

/**
 * What a resubmission (重新提交 after a send-back) changed, as the timeline
 * answers it. The server compares the data sent with the data stored when
 * the application was sent back (field by field, as values: see
 * `changedFields` of @onehall/forms) and keeps the differences with the
 * timeline entry; the detail answers them to each viewer without the fields
 * hidden at the viewer's step, like the form's values.
 */

/** One changed field: its key, its label on the form (Chinese), and the stored value before and after (null when blank). */
export const fieldChangeDto = z.object({
  key: z.string(),
  label: z.string(),
  from: z.unknown(),
  to: z.unknown(),
});
export type FieldChangeDto = z.infer<typeof fieldChangeDto>;

/**
 * On a resubmit's entry: true when the applicant sent the form again
 * without changing anything (提交未修改的内容), false when `changes` lists
 * what changed. Absent on other entries, and for a viewer who does not see
 * every field: for them an empty `changes` may hide a change to a field they
 * may not see, and saying "unchanged" (or not) would tell them about it.
 */
export const resubmitUnchangedDto = z.boolean().optional();
