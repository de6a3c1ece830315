import { z } from 'zod';
import { conditionOps, type Comparable, type FieldCondition } from './conditions.ts';
import { checkFormDefinition } from './definition-check.ts';
import { UUID } from './ids.ts';

/**
 * A form definition is data: a list of fields, stored versioned in the
 * database and rendered by the H5. The same definition drives the browser
 * check and the server check (see validate.ts), so the two can never drift.
 * Value shapes are listed with FormValue below.
 */

const comparable: z.ZodType<Comparable> = z.union([z.string().max(200), z.number(), z.boolean()]);

/** The shape of a condition (conditions.ts holds the language and its evaluation, which need no zod). */
export const conditionSchema: z.ZodType<FieldCondition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema).min(1).max(20) }),
    z.object({ any: z.array(conditionSchema).min(1).max(20) }),
    z.object({ not: conditionSchema }),
    z.object({ field: z.string().min(1), op: z.enum(conditionOps), value: z.union([comparable, z.array(comparable).max(100)]).optional() }),
  ]),
);

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
  labelEn: z.string().max(80).optional(),
});
const options = z.array(optionSchema).min(1).max(200);

/** A bound that is either a fixed ISO date or relative to the day of submission. */
export const dateBoundSchema = z.union([z.literal('today'), z.iso.date()]);
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:mm');

/** A pattern the value must match as a whole, and what to tell a person whose value does not (pattern.ts). */
export const patternSchema = z.object({
  regex: z.string().min(1),
  message: z.string().min(1).max(80),
  messageEn: z.string().max(160).optional(),
});

/**
 * File name extensions a file field accepts, written 'pdf' or '.PDF'; kept lower case without the dot.
 * A codec rather than a transform: API responses carry the form (formShapeSchema) and are encoded
 * with it, and zod cannot encode through a one-way transform (the answer would be a 500).
 */
const extensions = z
  .array(
    z.codec(z.string().regex(/^\.?[A-Za-z0-9]{1,10}$/, 'an extension such as pdf'), z.string(), {
      decode: (e) => e.replace(/^\./, '').toLowerCase(),
      encode: (e) => e,
    }),
  )
  .min(1)
  .max(30);

/** Where a field's first value comes from (prefill.ts): the person applying, or their last application of this service. */
export const prefillSources = ['person.name', 'person.number', 'person.department', 'person.class', 'person.phone', 'last'] as const;
export type PrefillSource = (typeof prefillSources)[number];

// ── the simple types: top-level fields and the columns of a detail table ──

const text = z.object({ ...fieldBase, type: z.literal('text'), minLength: z.number().int().min(0).optional(), maxLength: z.number().int().min(1).max(200).default(100), pattern: patternSchema.optional() });
const textarea = z.object({ ...fieldBase, type: z.literal('textarea'), minLength: z.number().int().min(0).optional(), maxLength: z.number().int().min(1).max(5000).default(1000) });
const number = z.object({ ...fieldBase, type: z.literal('number'), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().default(false) });
/** CNY. min defaults to 0 (no negative amounts unless min says so); bounds have at most 2 decimals. */
const money = z.object({ ...fieldBase, type: z.literal('money'), min: z.number().optional(), max: z.number().optional() });
const date = z.object({ ...fieldBase, type: z.literal('date'), min: dateBoundSchema.optional(), max: dateBoundSchema.optional() });
const time = z.object({ ...fieldBase, type: z.literal('time'), min: timeOfDaySchema.optional(), max: timeOfDaySchema.optional() });
const select = z.object({ ...fieldBase, type: z.literal('select'), options });
const radio = z.object({ ...fieldBase, type: z.literal('radio'), options });
/** A required switch must be on: the "I have read and agree" box. */
const toggle = z.object({ ...fieldBase, type: z.literal('switch') });
const phone = z.object({ ...fieldBase, type: z.literal('phone') });
const email = z.object({ ...fieldBase, type: z.literal('email') });
const url = z.object({ ...fieldBase, type: z.literal('url') });
const idNumber = z.object({ ...fieldBase, type: z.literal('idNumber') });

/** A column of a detail table: one of the simple types, without conditions or prefill. */
export const columnSchema = z.discriminatedUnion('type', [text, textarea, number, money, date, time, select, radio, toggle, phone, email, url, idNumber]);

// ── top-level fields ──

/** Shown only when `visibleWhen` holds (hidden fields are neither checked nor kept); required also when `requiredWhen` holds. */
const conditional = { visibleWhen: conditionSchema.optional(), requiredWhen: conditionSchema.optional(), prefill: z.enum(prefillSources).optional() };
const files = { maxFiles: z.number().int().min(1).max(50).default(9), minFiles: z.number().int().min(1).max(50).optional() };
/** How the phone shrinks a photo before upload; false keeps the original. */
const compressSchema = z.union([
  z.literal(false),
  z.object({ maxWidth: z.number().int().min(320).max(4096).default(1920), quality: z.number().min(0.3).max(1).default(0.8) }),
]);

export const fieldSchema = z.discriminatedUnion('type', [
  text.extend(conditional),
  textarea.extend(conditional),
  number.extend(conditional),
  money.extend(conditional),
  date.extend(conditional),
  time.extend(conditional),
  select.extend(conditional),
  radio.extend(conditional),
  toggle.extend(conditional),
  phone.extend(conditional),
  email.extend(conditional),
  url.extend(conditional),
  idNumber.extend(conditional),
  z.object({ ...fieldBase, ...conditional, type: z.literal('multiSelect'), options, minItems: z.number().int().min(1).optional(), maxItems: z.number().int().min(1).optional() }),
  z.object({ ...fieldBase, ...conditional, type: z.literal('checkbox'), options, minItems: z.number().int().min(1).optional(), maxItems: z.number().int().min(1).optional() }),
  /** Value { start, end, days }: days counted inclusive by the package. */
  z.object({ ...fieldBase, ...conditional, type: z.literal('dateRange'), min: dateBoundSchema.optional(), max: dateBoundSchema.optional(), maxDays: z.number().int().min(1).max(3660).optional() }),
  /** Person ids (the server checks they exist); one id, or a list when `multiple`. */
  z.object({ ...fieldBase, ...conditional, type: z.literal('person'), multiple: z.boolean().default(false), maxItems: z.number().int().min(1).max(100).default(20) }),
  z.object({ ...fieldBase, ...conditional, type: z.literal('department'), multiple: z.boolean().default(false), maxItems: z.number().int().min(1).max(100).default(20) }),
  z.object({ ...fieldBase, ...conditional, type: z.literal('attachment'), ...files, maxSizeMb: z.number().min(0.1).max(200).default(20), accept: extensions.optional() }),
  z.object({
    ...fieldBase,
    ...conditional,
    type: z.literal('image'),
    ...files,
    maxSizeMb: z.number().min(0.1).max(50).default(10),
    accept: extensions.default(['jpg', 'jpeg', 'png', 'webp', 'heic']),
    compress: compressSchema.default({ maxWidth: 1920, quality: 0.8 }),
  }),
  /** A handwritten signature: the stored image of it, one file. */
  z.object({ ...fieldBase, ...conditional, type: z.literal('signature'), maxSizeMb: z.number().min(0.1).max(10).default(2) }),
  /** 明细表: rows of simple columns. Completely blank rows are dropped. */
  z.object({ ...fieldBase, ...conditional, type: z.literal('table'), columns: z.array(columnSchema).min(1).max(20), minRows: z.number().int().min(0).max(200).optional(), maxRows: z.number().int().min(1).max(200).default(50) }),
  /** A read-only block of text (paragraphs, **bold**, lists): no value. */
  z.object({ ...fieldBase, required: z.literal(false).default(false), visibleWhen: conditionSchema.optional(), type: z.literal('description'), content: z.string().min(1).max(5000) }),
  /** A value computed by the package from `formula` (formula.ts); anything submitted for it is replaced. */
  z.object({
    ...fieldBase,
    required: z.literal(false).default(false),
    visibleWhen: conditionSchema.optional(),
    type: z.literal('computed'),
    formula: z.string().min(1).max(500),
    resultType: z.enum(['number', 'money']).default('number'),
    /** Decimal places of a number result (money always has 2). */
    decimals: z.number().int().min(0).max(6).default(2),
  }),
]);

/** A comparison between two fields, checked when both have a value (and `when` holds): "end ≥ start". */
export const crossFieldRuleSchema = z.object({
  field: fieldKey,
  op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']),
  other: fieldKey,
  when: conditionSchema.optional(),
  message: z.string().min(1).max(100),
  messageEn: z.string().max(200).optional(),
});

/** The shape of a definition without the checks across fields (checkFormDefinition). */
export const formShapeSchema = z.object({ fields: z.array(fieldSchema).min(1).max(100), rules: z.array(crossFieldRuleSchema).max(50).optional() });

export const formSchema = formShapeSchema.superRefine((form, ctx) => {
  for (const problem of checkFormDefinition(form)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
});

export type FormField = z.infer<typeof fieldSchema>;
export type FormFieldType = FormField['type'];
export type TableColumn = z.infer<typeof columnSchema>;
export type CrossFieldRule = z.infer<typeof crossFieldRuleSchema>;
export type FormDefinition = z.infer<typeof formSchema>;
/** A definition as written by hand, before defaults are filled in. */
export type FormDefinitionInput = z.input<typeof formSchema>;

/** Any UUID in the canonical form (ids.ts, where the zod-free checks take it from). */
export { UUID };

/** A file as the server's staging area issues it: its id, name, size in bytes and MIME type. */
export const fileRefSchema = z.object({ id: z.string().regex(UUID), name: z.string().min(1).max(255), size: z.number().int().min(0), type: z.string().max(100) });
export type FileRef = z.infer<typeof fileRefSchema>;
export interface DateRangeValue {
  start: string;
  end: string;
  /** Inclusive: from Monday to Friday is 5. */
  days: number;
}
export type CellValue = string | number | boolean;
export type TableRow = Record<string, CellValue>;

/**
 * A normalised value, by field type:
 * text, textarea, phone, email, url, select, radio, date 'YYYY-MM-DD', time 'HH:mm',
 * idNumber (upper-case X), money "1234.50" → string; number → number;
 * computed → number, or a money string when resultType is 'money'; switch → boolean;
 * multiSelect, checkbox → option values in option order; person, department → an id,
 * or a list of ids when `multiple`; dateRange → DateRangeValue; attachment, image →
 * FileRef[]; signature → FileRef; table → TableRow[]; description → none.
 */
export type FormValue = string | number | boolean | string[] | DateRangeValue | FileRef | FileRef[] | TableRow[];
/** Submitted values, keyed by field key. */
export type FormValues = Record<string, FormValue>;

/** A stored value of any field type, for API schemas that carry application data. */
export const formValueSchema: z.ZodType<FormValue> = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  z.object({ start: z.string(), end: z.string(), days: z.number() }),
  fileRefSchema,
  z.array(fileRefSchema),
  z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
]);
