// The zip container of an XLSX workbook, read through its central directory (yauzl): every part is
// found by name and inflated on its own, so nothing depends on the order of the entries in the
// file (exceljs' streaming reader did, and raced: exceljs#3064). Inflation is bounded twice: a
// part whose declared size exceeds what is left of the budget is refused before a byte is
// inflated, and the bytes actually inflated are counted against the same budget (a zip can lie
// about its sizes; yauzl also refuses a part longer than it declared).
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { importText } from "./messages";
import { fileProblem, MAX_XLSX_UNZIPPED_BYTES } from "./sheet";

/** A workbook has a dozen parts; thousands are a crafted file, not a spreadsheet. */
const MAX_ENTRIES = 10_000;

const MB = 1024 * 1024;

export function unzippedTooLarge(part: string, bytes: number) {
  const limit = MAX_XLSX_UNZIPPED_BYTES / MB;
  return fileProblem(
    importText("unzippedTooLarge", {
      part,
      mb: Math.max(limit, Math.floor(bytes / MB)),
      limit,
    }),
  );
}

export class ZipParts {
  private budget = MAX_XLSX_UNZIPPED_BYTES;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  /** Reads the central directory; inflates nothing. */
  static async open(bytes: Buffer): Promise<ZipParts> {
    const zip = await yauzl.fromBufferPromise(bytes, {
      lazyEntries: true,
      validateEntrySizes: true,
      strictFileNames: false,
    });
    const entries = new Map<string, yauzl.Entry>();
    for await (const entry of zip.eachEntry()) {
      if (entries.size >= MAX_ENTRIES) {
        throw fileProblem(importText("tooManyParts", { max: MAX_ENTRIES }));
      }
      entries.set(entry.fileName.replace(/^\/+/, ""), entry);
    }
    return new ZipParts(zip, entries);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Streams a part's bytes to `onChunk`; resolves when done, or when `onChunk` returns false. */
  async read(name: string, onChunk: (chunk: Buffer) => boolean | undefined): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) throw fileProblem(importText("missingPart", { part: name }));
    if (entry.uncompressedSize > this.budget) throw unzippedTooLarge(name, entry.uncompressedSize);
    const stream: Readable = await this.zip.openReadStreamPromise(entry);
    let inflated = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        if (inflated > this.budget) throw unzippedTooLarge(name, inflated);
        if (onChunk(chunk) === false) break;
      }
    } finally {
      this.budget -= inflated;
      stream.destroy();
    }
  }

  /** A small part as text (relationships, workbook, styles). */
  async text(name: string): Promise<string> {
    const chunks: Buffer[] = [];
    await this.read(name, (chunk) => {
      chunks.push(chunk);
      return true;
    });
    return Buffer.concat(chunks).toString("utf8");
  }
}
