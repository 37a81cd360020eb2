// The unit of each row, by code or by name, inside the caller's subtree only: a unit outside it
// reads as unknown, so the report leaks nothing about other units. Communes write names as they
// say them ("Ấp Phú Trung" for "Chi bộ ấp Phú Trung"), so a name matches ignoring case and
// diacritics, as a whole-word part of the unit's name; one match is the unit, several are a row
// error listing them (a code settles it).
import type { PrismaClient } from "@d05/prisma";
import type { Text } from "../domain/messages";
import { unitSubtreeWhere } from "../scope";
import { normalise } from "./columns";
import { importText } from "./messages";

export interface FoundUnit {
  id: number;
  code: string;
  name: string;
}

export type UnitAnswer = { unit: FoundUnit } | { problem: Text };

/** Candidates listed in an ambiguity message. */
const LISTED = 5;

/**
 * Resolves every distinct text at once: one query for the codes, and, only when some text is not
 * a code, one more for the names of the units in scope.
 */
export async function resolveUnits(
  prisma: PrismaClient,
  texts: readonly string[],
  scopeUnitId: number,
): Promise<Map<string, UnitAnswer>> {
  const answers = new Map<string, UnitAnswer>();
  const distinct = [...new Set(texts)];
  if (distinct.length === 0) return answers;
  const byCode = await prisma.unit.findMany({
    where: { code: { in: distinct }, ...unitSubtreeWhere(scopeUnitId) },
    select: { id: true, code: true, name: true },
  });
  const codeOf = new Map(byCode.map((u) => [u.code, u]));
  const rest = distinct.filter((t) => !codeOf.has(t));
  for (const [code, unit] of codeOf) answers.set(code, { unit });
  if (rest.length === 0) return answers;

  const inScope = await prisma.unit.findMany({
    where: unitSubtreeWhere(scopeUnitId),
    select: { id: true, code: true, name: true, activeUntil: true },
    orderBy: { path: "asc" },
  });
  const named = inScope.map((u) => ({
    u,
    name: ` ${normalise(u.name)} `,
    code: normalise(u.code),
  }));
  for (const text of rest) {
    const wanted = normalise(text);
    if (wanted === "") {
      answers.set(text, { problem: importText("unitNotFound", { text }) });
      continue;
    }
    const exact = named.filter((n) => n.code === wanted || n.name === ` ${wanted} `);
    const partial = exact.length > 0 ? exact : named.filter((n) => n.name.includes(` ${wanted} `));
    // A unit merged away (activeUntil set) yields to a current one of the same name.
    const current = partial.filter((n) => n.u.activeUntil === null);
    const candidates = (current.length > 0 ? current : partial).sort((a, b) =>
      a.u.name.localeCompare(b.u.name, "vi"),
    );
    const only = candidates[0];
    if (candidates.length === 1 && only) {
      answers.set(text, { unit: { id: only.u.id, code: only.u.code, name: only.u.name } });
    } else if (candidates.length === 0) {
      answers.set(text, { problem: importText("unitNotFound", { text }) });
    } else {
      answers.set(text, {
        problem: importText("unitAmbiguous", {
          text,
          candidates: candidates
            .slice(0, LISTED)
            .map((n) => `${n.u.name} (${n.u.code})`)
            .join("; "),
          more: Math.max(0, candidates.length - LISTED),
        }),
      });
    }
  }
  return answers;
}
