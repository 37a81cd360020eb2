// Figure files come from the server's /export (see server/src/export-endpoint.ts): the same
// figures, column names and Excel format an analyst downloads with the same arguments, instead of
// a second copy of the answer written in the browser. The caller's token rides along, so the
// field's scope rules apply.
import { authorization } from "../client";
import { downloadBlob } from "./csv";
import { languageStore } from "./i18n";

export type AnswerName = "overview" | "comparison" | "trend" | "metrics";

/** `/export/comparison.csv?args=…`: the GraphQL field's arguments as JSON. */
export function exportUrl(
  answer: AnswerName,
  args: object,
  format: "csv" | "xlsx" = "csv",
): string {
  return `/export/${answer}.${format}?args=${encodeURIComponent(JSON.stringify(args))}`;
}

/** Downloads an analytics answer as the server writes it; rejects when the server refuses. */
export async function downloadAnswer(
  answer: AnswerName,
  args: object,
  filename: string,
  format: "csv" | "xlsx" = "csv",
): Promise<void> {
  const response = await fetch(exportUrl(answer, args, format), {
    headers: { ...authorization(), "accept-language": languageStore.get() },
  });
  if (!response.ok) throw new Error(`export ${answer}: HTTP ${response.status}`);
  downloadBlob(await response.blob(), filename);
}
