import { InputProblems } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string) => UUID.test(value);

/** Ids are UUIDs; anything else is bad input (said the same way whether or not a row exists). */
export function requireUuid(value: string, field: string): string {
  new InputProblems().check(isUuid(value), field, 'is not a valid id').throwIfAny();
  return value;
}

/** Trims; empty becomes undefined so an empty filter box means "no filter". */
export function optionalText(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Escapes LIKE wildcards so user text matches literally. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

export const normaliseNino = (nino: string) => nino.replace(/\s+/g, '').toUpperCase();
/** A SCIN as stored (SC0000003): spaces and case ignored, as for a NINO. */
export const normaliseScin = (scin: string) => scin.replace(/\s+/g, '').toUpperCase();
