// Spreadsheet import in the browser: which format a picked file is, its content as the API takes
// it (CSV as text, XLSX as base64), the template the API builds, and retry keys. No React here.
import type { RecordImportFormat } from "../graphql/imports";

/** The API's format for a file name, or null for anything else (.xls, .ods, .txt...). */
export function importFormat(fileName: string): RecordImportFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith(".csv")) return "CSV";
  if (name.endsWith(".xlsx")) return "XLSX";
  return null;
}

/** Base64 of raw bytes, in chunks so a large workbook does not overflow the argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/**
 * What `importRecords` takes as `content`. CSV is sent as the bytes decoded as UTF-8 (the API
 * explains a file saved in another encoding by the lines where it shows); XLSX as base64.
 */
export async function readImportContent(file: Blob, format: RecordImportFormat): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return format === "CSV" ? new TextDecoder("utf-8").decode(bytes) : bytesToBase64(bytes);
}

/** A file the API sent as base64 (the import template), as a Blob to download. */
export function base64ToBlob(base64: string, type: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/**
 * A fresh idempotency key. randomUUID needs a secure context; a dashboard served over plain HTTP
 * on a local network falls back to getRandomValues, which does not.
 */
export function newImportKey(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
