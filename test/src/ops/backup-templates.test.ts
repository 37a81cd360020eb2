// An uploaded report template is the province's own Word file: a backup taken after the upload
// and restored into an empty database gives back the same bytes (the bytea column travels as
// PostgreSQL's hex text in the file).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@d05/prisma";
import { dumpDatabase, restoreDatabase } from "@d05/prisma/backup";
import { strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { gid, prepareRecordsWorld, signIn } from "../api/records-fixtures";
import { docxTemplate } from "../report/files";
import { createEmptyPostgresDatabase } from "../support/databases";
import { startTestServer } from "../support/server";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "d05-backup-templates-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * A template as an office sends it: the tags, plus a stored (uncompressed) picture part holding
 * every byte value and random bytes, so any text re-encoding on the way would show.
 */
function templateWithBinaryPart(): Buffer {
  const files = unzipSync(docxTemplate(["{issuer}", "Báo cáo {period}: {attendance} lượt"]));
  const every = Uint8Array.from({ length: 256 }, (_, i) => i);
  const picture = Buffer.concat([every, randomBytes(4096), every.reverse()]);
  return Buffer.from(
    zipSync(
      { ...files, "word/media/logo.bin": [picture, { level: 0 }], "docProps/app.xml": strToU8("") },
      { level: 6 },
    ),
  );
}

describe.each(["pglite", "postgres"] as const)("backup of uploaded templates on %s", (backend) => {
  it("restores an uploaded template byte for byte, with its name, unit and tags", async () => {
    let worldProvince = 0;
    const server = await startTestServer(backend, async (database) => {
      worldProvince = (await prepareRecordsWorld(database)).provinceId;
    });
    const file = path.join(tmp, `${backend}.d05backup`);
    const content = templateWithBinaryPart();
    let templateId = 0;
    try {
      const token = await signIn(server, "admin");
      const query = new URLSearchParams({ unitId: gid("Unit", worldProvince), name: "Mẫu tỉnh" });
      const response = await fetch(`${server.url}/report/templates?${query}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
        body: new Uint8Array(content),
      });
      expect(response.status).toBe(201);
      templateId = (await response.json()).template.id;
      await dumpDatabase(server.database.db, file);
    } finally {
      await server.stop();
    }

    const empty = backend === "postgres" ? await createEmptyPostgresDatabase() : null;
    const target = await openDatabase(
      empty ? { kind: "postgres", url: empty.url } : { kind: "memory" },
    );
    try {
      await restoreDatabase(target, file);
      const restored = await target.prisma.reportTemplate.findUniqueOrThrow({
        where: { id: templateId },
      });
      expect(restored.name).toBe("Mẫu tỉnh");
      expect(restored.unitId).toBe(worldProvince);
      expect(restored.tags).toEqual(["issuer", "period", "attendance"]);
      expect(restored.content.length).toBe(content.length);
      expect(Buffer.from(restored.content).equals(content)).toBe(true);
    } finally {
      await target.close();
      await empty?.drop();
    }
  }, 240_000);
});
