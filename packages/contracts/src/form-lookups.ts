import { z } from 'zod';
import { formValueSchema } from '@onehall/forms';

/**
 * What the phone's form controls look up while a person fills a form: people
 * for a person field (by name, pinyin, initials or number), the departments
 * for a department field, and the values of the person's last application of
 * a service (the `last` prefill). Any logged-in member may ask; answers carry
 * names and departments only, never phones or ID numbers.
 */

/** GET /api/people: `q` searches, `ids` names people already chosen (a restored draft). One of the two. */
export const peopleSearchQuery = z
  .object({
    q: z.string().trim().min(1).max(50).optional(),
    /** Comma-separated person ids. */
    ids: z
      .string()
      .max(37 * 100)
      .transform((text) => text.split(',').map((id) => id.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.uuid()).max(100))
      .optional(),
  })
  .refine((query) => (query.q === undefined) !== (query.ids === undefined), '需要 q 或 ids 之一');
export type PeopleSearchQuery = z.input<typeof peopleSearchQuery>;

/** How many people a search answers at most. */
export const peopleSearchLimit = 20;

export const personOptionDto = z.object({
  personId: z.uuid(),
  name: z.string(),
  departmentName: z.string().nullable(),
  /** The person's current 学号/工号, to tell two people of one name apart. */
  accountNo: z.string().nullable(),
});
export type PersonOptionDto = z.infer<typeof personOptionDto>;
export const peopleSearchDto = z.object({ items: z.array(personOptionDto) });
export type PeopleSearchDto = z.infer<typeof peopleSearchDto>;

/** A department for the department picker: the tree is rebuilt from `parentId`. */
export const departmentOptionDto = z.object({ id: z.uuid(), name: z.string(), parentId: z.uuid().nullable() });
export type DepartmentOptionDto = z.infer<typeof departmentOptionDto>;
export const departmentsDto = z.object({ items: z.array(departmentOptionDto) });
export type DepartmentsDto = z.infer<typeof departmentsDto>;

/**
 * GET /api/services/:code/last-values: the data of the caller's most recent
 * application of the service, for fields whose prefill is `last`; null when
 * there is none. The phone checks each value against today's form (prefillValues).
 */
export const lastValuesDto = z.object({
  applicationId: z.uuid().nullable(),
  data: z.record(z.string(), formValueSchema).nullable(),
});
export type LastValuesDto = z.infer<typeof lastValuesDto>;

/**
 * Names of the people and departments an application's person and
 * department fields hold, by id, so the detail page reads 张三 instead of an
 * id. Ids no longer known are left out (the page says 未知).
 */
export const formRefsDto = z.object({
  people: z.record(z.string(), z.object({ name: z.string(), departmentName: z.string().nullable() })),
  departments: z.record(z.string(), z.object({ name: z.string() })),
});
export type FormRefsDto = z.infer<typeof formRefsDto>;
