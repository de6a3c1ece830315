import { z } from 'zod';

/**
 * A form definition is data: a list of fields, stored versioned in the
 * database and rendered by the H5. The same definition drives the browser
 * check and the server check (see validate.ts), so the two can never drift.
 */

const fieldKey = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'field key: a letter, then letters, digits or _');

const fieldBase = {
  key: fieldKey,
  label: z.string().min(1).max(40),
  labelEn: z.string().max(80).optional(),
  required: z.boolean().default(false),
  placeholder: z.string().max(80).optional(),
  help: z.string().max(200).optional(),
};

export const optionSchema = z.object({
  value: z.string().min(1).max(40),
  label: z.string().min(1).max(40),
});

/** A bound that is either a fixed ISO date or relative to the day of submission. */
export const dateBoundSchema = z.union([z.literal('today'), z.iso.date()]);

export const fieldSchema = z.discriminatedUnion('type', [
  z.object({
    ...fieldBase,
    type: z.literal('text'),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).max(200).default(100),
  }),
  z.object({
    ...fieldBase,
    type: z.literal('textarea'),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).max(5000).default(1000),
  }),
  z.object({
    ...fieldBase,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
  }),
  z.object({
    ...fieldBase,
    type: z.literal('date'),
    min: dateBoundSchema.optional(),
    max: dateBoundSchema.optional(),
  }),
  z.object({ ...fieldBase, type: z.literal('select'), options: z.array(optionSchema).min(1) }),
  z.object({ ...fieldBase, type: z.literal('radio'), options: z.array(optionSchema).min(1) }),
  z.object({ ...fieldBase, type: z.literal('phone') }),
  z.object({ ...fieldBase, type: z.literal('email') }),
  z.object({ ...fieldBase, type: z.literal('url') }),
]);

export const formSchema = z
  .object({ fields: z.array(fieldSchema).min(1).max(100) })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    for (const [i, field] of form.fields.entries()) {
      if (seen.has(field.key)) {
        ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `duplicate field key ${field.key}` });
      }
      seen.add(field.key);
    }
  });

export type FormField = z.infer<typeof fieldSchema>;
export type FormFieldType = FormField['type'];
export type FormDefinition = z.infer<typeof formSchema>;
/** A definition as written by hand, before defaults are filled in. */
export type FormDefinitionInput = z.input<typeof formSchema>;
/** Submitted values, keyed by field key. Dates are 'YYYY-MM-DD' strings. */
export type FormValues = Record<string, string | number>;
