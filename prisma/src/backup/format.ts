// The backup file: gzip of JSON lines. A header (format, source, the schema's migrations, every
// table with its row count), then per table a `{"table":…}` line followed by one line per row
// (PostgreSQL's own row_to_json text, so numbers, dates and bigints pass through exactly), then a
// trailer with the SHA-256 of every byte before it. The trailer comes last so that the file can be
// written in one streaming pass; a restore reads the file twice (verify, then load) so a damaged
// or truncated file is refused before anything is written.
import { createHash } from "node:crypto";
import fs from "node:fs";
import readline from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";

export const BACKUP_FORMAT = "d05-backup";
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** "postgres" or "pglite": where it was taken (a restore works into either). */
  source: string;
  /** The migrations the database had: its schema version. */
  migrations: string[];
  tables: { name: string; rows: number }[];
}

export interface BackupTrailer {
  end: true;
  rows: number;
  sha256: string;
}

/** A backup that cannot be used; the message is for the operator, Vietnamese then English. */
export class BackupError extends Error {
  override name = "BackupError";
}

export function corrupted(detail: string): BackupError {
  return new BackupError(
    `Tệp sao lưu bị hỏng hoặc không đầy đủ (${detail}); không có dữ liệu nào được ghi. / ` +
      `The backup file is damaged or incomplete (${detail}); nothing was written.`,
  );
}

/** Lines of a backup file, in order, with the SHA-256 of everything read before each. */
export async function* backupLines(file: string): AsyncGenerator<{ line: string; hash: string }> {
  let input: fs.ReadStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    input = fs.createReadStream(file);
  } catch {
    throw new BackupError(
      `Không đọc được tệp sao lưu ${file}. / Cannot read the backup file ${file}.`,
    );
  }
  const gunzip = createGunzip();
  const failed = pipeline(input, gunzip).catch((error: Error) => error);
  const hash = createHash("sha256");
  const lines = readline.createInterface({ input: gunzip, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) {
      yield { line, hash: hash.copy().digest("hex") };
      hash.update(`${line}\n`);
    }
  } catch (error) {
    throw corrupted(`gzip: ${(error as Error).message}`);
  }
  const problem = await failed;
  if (problem) throw corrupted(`gzip: ${problem.message}`);
}

/**
 * Reads the whole file once and checks it: header, every table's row count, trailer and
 * checksum. Returns the header; throws a BackupError (nothing has been written by then).
 */
export async function verifyBackup(file: string): Promise<BackupHeader> {
  let header: BackupHeader | undefined;
  let table: { name: string; rows: number; seen: number } | undefined;
  let total = 0;
  let trailer: BackupTrailer | undefined;
  const parse = (line: string) => {
    try {
      return JSON.parse(line);
    } catch {
      throw corrupted("a line is not valid JSON");
    }
  };
  for await (const { line, hash } of backupLines(file)) {
    if (trailer) throw corrupted("data after the end marker");
    if (!header) {
      const first = parse(line);
      if (first?.format !== BACKUP_FORMAT) {
        throw new BackupError(
          `${file} không phải tệp sao lưu của Chỉ thị 05. / ${file} is not a d05 backup file.`,
        );
      }
      if (first.version > BACKUP_VERSION) {
        throw new BackupError(
          `Tệp sao lưu dùng định dạng phiên bản ${first.version}, mới hơn phần mềm này; hãy cập nhật phần mềm. / ` +
            `The backup uses format version ${first.version}, newer than this software; upgrade first.`,
        );
      }
      header = first as BackupHeader;
      continue;
    }
    // Row lines are counted, never recognised by their text: the header says how many follow.
    if (table && table.seen < table.rows) {
      table.seen += 1;
      total += 1;
      continue;
    }
    {
      const marker = parse(line);
      if (marker.end) {
        trailer = marker as BackupTrailer;
        if (trailer.sha256 !== hash) throw corrupted("SHA-256 mismatch");
        if (trailer.rows !== total) throw corrupted("row count mismatch");
        continue;
      }
      const expected = header.tables.find((t) => t.name === marker.table);
      if (!expected || expected.rows !== marker.rows)
        throw corrupted(`unexpected table ${marker.table}`);
      table = { name: marker.table, rows: marker.rows, seen: 0 };
    }
  }
  if (!header) throw corrupted("empty file");
  if (!trailer) throw corrupted("no end marker: the file was cut short");
  if (trailer.rows !== header.tables.reduce((n, t) => n + t.rows, 0)) {
    throw corrupted("tables missing");
  }
  return header;
}
