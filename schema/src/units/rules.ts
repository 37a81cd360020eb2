// Input rules for units, shared by the GraphQL inputs and the bulk import.
import { z } from "zod";
import {
  hasVisibleText,
  INVISIBLE_MESSAGE,
  isStorableText,
  requiredTrimmed,
  UNSTORABLE_MESSAGE,
} from "../validation";

/** Unit codes: 1–32 characters of A–Z a–z 0–9 . _ - (official codes such as "01", "00004"). */
export const UNIT_CODE = /^[A-Za-z0-9._-]{1,32}$/;
export const UNIT_NAME_MAX = 200;
/** Larger than any commune's or province's party membership or population. */
export const PARTY_MEMBERS_MAX = 5_000_000;
export const POPULATION_MAX = 200_000_000;

export const unitCodeSchema = z
  .string()
  .trim()
  .regex(UNIT_CODE, "must be 1–32 characters of A–Z a–z 0–9 . _ -");
export const unitNameSchema = requiredTrimmed("must not be empty")
  .max(UNIT_NAME_MAX, `must be at most ${UNIT_NAME_MAX} characters`)
  .refine(isStorableText, UNSTORABLE_MESSAGE)
  .refine(hasVisibleText, INVISIBLE_MESSAGE);
export const partyMembersSchema = z
  .number()
  .int()
  .min(0, "must not be negative")
  .max(PARTY_MEMBERS_MAX, `must be at most ${PARTY_MEMBERS_MAX.toLocaleString("en")}`);
export const populationSchema = z
  .number()
  .int()
  .min(0, "must not be negative")
  .max(POPULATION_MAX, `must be at most ${POPULATION_MAX.toLocaleString("en")}`);
