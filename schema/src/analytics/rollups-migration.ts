// Writes the hand-written rollup SQL (rollups.sql, the readable source) into the rollups migration.
//
// Why an encoding step: @prisma/adapter-pg's executeScript, which the migration engine uses on
// PostgreSQL, splits a script on every ";" — inside function bodies too. So each dollar-quoted
// body becomes an E'' string whose semicolons are written \073 (the octal escape of ";"): the
// function PostgreSQL stores is byte-for-byte the readable one, and no ";" reaches the splitter
// except between statements. Comments in rollups.sql must not contain ";".
//
//   pnpm --filter @d05/schema exec tsx src/analytics/rollups-migration.ts <migration.sql>
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MARKER = "-- ───────────────────────────── Rollup maintenance (hand-written)";

/** Each $$…$$ body as an E'' literal with quotes doubled, backslashes escaped, ";" as \073. */
export function encodeBodies(sql: string): string {
  const commented = sql
    .split("\n")
    .find((line) => line.trimStart().startsWith("--") && line.includes(";"));
  if (commented) throw new Error(`a comment in rollups.sql contains ";": ${commented}`);
  return sql.replace(/\$\$([\s\S]*?)\$\$/g, (_m, body: string) => {
    const escaped = body.replace(/\\/g, "\\\\").replace(/'/g, "''").replace(/;/g, "\\073");
    return `E'${escaped}'`;
  });
}

function main() {
  const target = process.argv[2];
  if (!target) throw new Error("usage: rollups-migration.ts <migration.sql>");
  const source = fs.readFileSync(
    path.join(path.dirname(fileURLToPath(import.meta.url)), "rollups.sql"),
    "utf8",
  );
  const current = fs.readFileSync(target, "utf8");
  const at = current.indexOf(MARKER);
  const generated = current.slice(0, at === -1 ? current.length : at).trimEnd();
  const note =
    "-- Generated from schema/src/analytics/rollups.sql by rollups-migration.ts: function bodies are\n" +
    "-- E'' strings with \\073 for each semicolon, because the PostgreSQL driver adapter splits\n" +
    "-- scripts on every semicolon, even inside a function body.\n";
  fs.writeFileSync(target, `${generated}\n\n${insertNote(encodeBodies(source), note)}`);
}

function insertNote(sql: string, note: string): string {
  const firstBreak = sql.indexOf("\n");
  return `${sql.slice(0, firstBreak + 1)}${note}${sql.slice(firstBreak + 1)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
