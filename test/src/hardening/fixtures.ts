import http from "node:http";
import { hashPassword } from "@d05/prisma";
import { PASSWORD, prepareRecordsWorld, type RecordsWorld } from "../api/records-fixtures";
import type { TestDatabase } from "../support/databases";

export const RESPONSE_TYPE = "application/graphql-response+json";

/** The records world plus an analyst at the province: every role can sign in. */
export async function prepareHardeningWorld(database: TestDatabase): Promise<RecordsWorld> {
  const world = await prepareRecordsWorld(database);
  await database.db.prisma.user.create({
    data: {
      username: "analyst",
      displayName: "Phân tích viên",
      passwordHash: await hashPassword(PASSWORD),
      role: "ANALYST",
      unitId: world.provinceId,
    },
  });
  return world;
}

/** `depth` levels of units → children, ending in `name` (each level is 3 fields deep). */
export function nestedUnits(levels: number): string {
  let inner = "name";
  for (let i = 0; i < levels; i++) inner = `children { edges { node { ${inner} } } }`;
  return inner;
}

/** A query 13 fields deep (the default limit is 12). */
export const TOO_DEEP = `{ units { edges { node { ${nestedUnits(3)} } } } }`;

/**
 * A raw HTTP request whose headers are sent at once and whose body is written only if given: shows
 * what the server answers before (or without) reading a body.
 */
export function rawRequest(
  url: string,
  headers: Record<string, string>,
  body?: string,
  end = false,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/graphql`, { method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on("error", reject);
    });
    // The server may close the connection as soon as it has answered; that is not a failure.
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    req.flushHeaders();
    if (body !== undefined) req.write(body);
    if (end) req.end();
  });
}
