/**
 * Any UUID in the canonical 8-4-4-4-12 form (person, department and file
 * ids). Kept apart from schema.ts so that the checks (field-check.ts), which
 * the H5 runs on the phone, need no zod.
 */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
