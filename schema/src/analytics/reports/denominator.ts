// The party members a per-100-members figure divides by, with the reason when there are none.
import type { Unit } from "@d05/prisma";
import { type Text, textOf } from "../../domain/messages";
import { memberKey } from "../engine/members";
import { isoDay } from "../periods";

/**
 * What per-100-members figures divide by: the party members on the last day counted (the end of
 * the period, or today for an unfinished one), from the membership history, never today's
 * figure for a past period. For a unit with merged predecessors, the members of those of them
 * that existed that day (each from its own history).
 */
export interface Denominator {
  on: Date;
  /** Null when none of the units has a membership entry on or before `on`. */
  partyMembers: number | null;
  /** Why there is no per-100 figure (no entry for the day, or 0 members); null when there is. */
  note: Text | null;
}

/** `day` is `on` as yyyy-mm-dd: a caller building many rows for the same day formats it once. */
export function denominator(
  units: Pick<Unit, "id" | "name">[],
  on: Date,
  members: Map<string, number | null>,
  day = isoDay(on),
): Denominator {
  const known = units
    .map((u) => members.get(memberKey(u.id, day)))
    .filter((m): m is number => m !== null && m !== undefined);
  const partyMembers = known.length > 0 ? known.reduce((a, b) => a + b, 0) : null;
  const note =
    partyMembers === null
      ? textOf("noMembers", { units: unitNames(units), day })
      : partyMembers === 0
        ? textOf("zeroMembers", { units: unitNames(units), day })
        : null;
  return { on, partyMembers, note };
}

const unitNames = (units: Pick<Unit, "name">[]) => units.map((u) => u.name).join(", ");
