// Named (prepared) statements for the PostgreSQL driver adapter: pg parses a named statement once
// per connection and afterwards sends only Bind and Execute, so PostgreSQL skips parsing the same
// text again and the server skips sending it. Each connection keeps what it prepared until it
// closes (pg never forgets one), so only the first STATEMENT_NAMES distinct texts get a name; the
// rest run unnamed as before. Plans stay custom (plan_cache_mode in SESSION_OPTIONS): a generic
// plan chosen for one unit (a commune) could be wrong for another (the whole country).
import { createHash } from "node:crypto";

/** Distinct statement texts that are given a name (the dashboard's and the API's own are far fewer). */
export const STATEMENT_NAMES = 300;

/** A table of at most `limit` names; the process has one (statementName). */
export function statementNames(limit: number): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  // The statement's name (from a hash of its text), or "" (unnamed) once the table is full.
  return (query) => {
    const known = names.get(query.sql);
    if (known !== undefined) return known;
    if (names.size >= limit) return "";
    const name = `d05_${createHash("sha1").update(query.sql).digest("base64url")}`;
    names.set(query.sql, name);
    return name;
  };
}

/** The process's statement names, shared by every pool (primary, replicas, the write path). */
export const statementName = statementNames(STATEMENT_NAMES);
