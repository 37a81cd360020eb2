import { decodeBase64, decodeCursorChunk } from "@pothos/core";
import { z } from "zod";
import { says } from "./domain/messages";
import { InputError, issueOf } from "./errors";

/**
 * The one place where ids and cursors that clients send back are decoded. Every id column is a
 * PostgreSQL `integer`, so an id is a whole number from 1 to 2^31 − 1 written in plain digits; any
 * other text (`Activity:99999999999`, `Unit:abc`, `Unit:1.5`, `Unit:1e3`, bad base64, a forged
 * cursor) was never issued by this server. It is refused here with an InvalidIdError naming the
 * argument, rather than reaching Prisma, which answered a 500 (integer overflow, NaN) or, worse,
 * read `Unit:1.5` as unit 1.
 */

/** Largest value of an `integer` id column. */
export const MAX_ROW_ID = 2_147_483_647;

const DIGITS = /^[1-9][0-9]{0,9}$/;
const GLOBAL_ID = /^([A-Za-z_][A-Za-z0-9_]*):(.*)$/s;

/** The row id written in `text`, or null when it is not one (plain digits, 1..2^31 − 1). */
export function rowIdOf(text: string): number | null {
  if (!DIGITS.test(text)) return null;
  const id = Number(text);
  return id <= MAX_ROW_ID ? id : null;
}

/**
 * An id or cursor this server never issued. An InputError (BAD_USER_INPUT, or the InputError
 * member of a mutation's result), whose issue names the argument: where the decoder does not know
 * it (Pothos' relay decoding), the strict-ids plugin fills it in from the field's arguments.
 */
export class InvalidIdError extends InputError {
  override name = "InvalidIdError";
  constructor(
    /** What the client sent. */
    public readonly value: string,
    public readonly kind: "id" | "cursor",
    /**
     * The argument, e.g. ["input", "unitId"]; empty while not known yet. (Not called `path`:
     * graphql-js takes an error with an array `path` for an already located GraphQLError.)
     */
    public readonly argument: string[] = [],
  ) {
    const named = argument.length ? argument.join(".") : kind;
    const issue = issueOf(argument, kind === "id" ? "invalidId" : "invalidCursor", {
      value: JSON.stringify(value).slice(0, 80),
    });
    super([issue], { vi: `${named}: ${issue.message}`, en: `${named}: ${issue.en}` });
  }

  /** The same refusal, naming the argument. */
  at(path: string[]): InvalidIdError {
    return new InvalidIdError(this.value, this.kind, path);
  }
}

function decodeText(value: string): string | null {
  try {
    return decodeBase64(value);
  } catch {
    return null;
  }
}

/** Decodes a Relay global id strictly: `Typename:<row id>`, or InvalidIdError. */
export function decodeGlobalIdStrictly(
  value: string,
  path: string[] = [],
): { typename: string; id: string } {
  const match = GLOBAL_ID.exec(decodeText(value) ?? "");
  const id = match?.[2] !== undefined ? rowIdOf(match[2]) : null;
  if (!match?.[1] || id === null) throw new InvalidIdError(value, "id", path);
  return { typename: match[1], id: String(id) };
}

/**
 * Checks a connection's `after`/`before` before Pothos' Prisma plugin decodes it: every cursor this
 * server issues is `GPC:` and a row id (`N:<id>`) or a tuple of them (`T:["N:<id>", …]`).
 */
export function checkCursor(value: string | null | undefined, argument: string): void {
  if (value === null || value === undefined) return;
  const text = decodeText(value);
  let valid = false;
  if (text?.startsWith("GPC:")) {
    try {
      const decoded: unknown = decodeCursorChunk(text.slice(4));
      const parts = Array.isArray(decoded) ? decoded : [decoded];
      valid =
        parts.length > 0 &&
        parts.every((part) => typeof part === "number" && rowIdOf(String(part)) !== null) &&
        // Only the tags this server writes: a number, or a tuple of numbers.
        /^(N:\d+|T:\[("N:\d+",?)+\])$/.test(text.slice(4));
    } catch {
      valid = false;
    }
  }
  if (!valid) throw new InvalidIdError(value, "cursor", [argument]);
}

/**
 * Decodes a Relay global id: the row id, or null when it is the id of another kind of record (an
 * Activity id where a Unit belongs). Text that is no id this server issues throws InvalidIdError.
 */
export function parseGlobalId(value: string | number, typename: string): number | null {
  const decoded = decodeGlobalIdStrictly(String(value));
  return decoded.typename === typename ? Number(decoded.id) : null;
}

/**
 * zod piece for an input field holding the global id of a `typename`: a wrong kind of id (an
 * Activity id where a Unit id belongs) is an InputError naming the field, not a 500.
 */
export function globalIdOf(typename: string) {
  return z.union([z.string(), z.number()]).transform((value, ctx) => {
    let id: number | null;
    try {
      id = parseGlobalId(value, typename);
    } catch (error) {
      if (!(error instanceof InvalidIdError)) throw error;
      id = null;
    }
    if (id === null) {
      ctx.addIssue({ code: "custom", ...says("wrongKindOfId", { entity: typename }) });
      return z.NEVER;
    }
    return id;
  });
}
