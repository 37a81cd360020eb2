// Input rules for units, shared by the GraphQL inputs and the bulk import.
import { z } from "zod";
import { says } from "../domain/messages";
import { hasVisibleText, isStorableText, requiredTrimmed } from "../domain/rules";

/** Unit codes: 1–32 characters of A–Z a–z 0–9 . _ - (official codes such as "01", "00004"). */
export const UNIT_CODE = /^[A-Za-z0-9._-]{1,32}$/;
export const UNIT_NAME_MAX = 200;
/** Larger than any commune's or province's party membership or population. */
export const PARTY_MEMBERS_MAX = 5_000_000;
export const POPULATION_MAX = 200_000_000;

export const unitCodeSchema = z
  .string()
  .trim()
  .refine((code) => UNIT_CODE.test(code), says("unitCode"));
export const unitNameSchema = requiredTrimmed()
  .max(UNIT_NAME_MAX)
  .refine(isStorableText, says("unstorable"))
  .refine(hasVisibleText, says("invisible"));
export const partyMembersSchema = z.number().int().min(0).max(PARTY_MEMBERS_MAX);
export const populationSchema = z.number().int().min(0).max(POPULATION_MAX);
