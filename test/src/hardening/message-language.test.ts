// Every refusal of the server in the caller's language, over real HTTP and WebSocket: Vietnamese
// by default (and for Accept-Language: vi), English only when asked for (Accept-Language: en over
// HTTP; over WebSocket the connection_init payload's "accept-language", as the dashboard sends
// it, or the upgrade request's header). Each message comes from the message table, whole, in one
// language: never Vietnamese glued to English.
// The refusals are protocol-level (limits, CSRF, sessions, /export): one backend is enough.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { bearer, FIGURES, type LiveClient, liveClient } from "../live/helpers";
import { startTestServer, type TestServer } from "../support/server";
import { TOO_DEEP } from "./fixtures";
import { gid, prepareWorld, signIn, type World } from "./support/world";

type Lang = "vi" | "en";
const LANGS: Lang[] = ["vi", "en"];

interface Answer {
  status: number;
  body: {
    message?: string;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

/** Vietnamese letters: an English message must have none, a Vietnamese one must have some. */
const VIETNAMESE = /[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i;
/** Words of an English sentence that would give away a glued English half. */
const ENGLISH = /\b(the|must|is|are|at most|try|sign in|send|use|query)\b/i;

function expectLanguage(message: string | undefined, lang: Lang) {
  expect(message, "a message").toBeTruthy();
  if (lang === "vi") {
    expect(message).toMatch(VIETNAMESE);
    expect(message).not.toMatch(ENGLISH);
  } else {
    expect(message).not.toMatch(VIETNAMESE);
  }
}

describe("the server's messages in the caller's language", () => {
  let server: TestServer;
  let world: World;
  let reporter: string;

  const clients: LiveClient[] = [];
  function open(params: Record<string, unknown>, headers?: Record<string, string>): LiveClient {
    const client = headers
      ? liveClientWithHeaders(server.url, params, headers)
      : liveClient(server.url, params);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    server = await startTestServer(
      "pglite",
      async (database) => {
        world = await prepareWorld(database);
      },
      {
        limits: { maxBodyBytes: 64 * 1024 },
        live: { maxSubscriptionsPerSocket: 1 },
      },
    );
    reporter = await signIn(server, "reporter-a");
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  /** POST /graphql with the language asked for (none for the default). */
  async function post(
    body: unknown,
    lang: Lang | null,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json",
        ...(lang ? { "accept-language": lang } : {}),
        ...headers,
      },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  async function get(path: string, lang: Lang, init: RequestInit = {}): Promise<Answer> {
    const response = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { "accept-language": lang, ...(init.headers as Record<string, string>) },
    });
    return { status: response.status, body: await response.json() };
  }

  it("answers in Vietnamese when no language is asked for", async () => {
    const { status, body } = await post({ query: "{ units { totalCount } }" }, null);
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toBe("Cần đăng nhập.");
    const english = await post({ query: "{ units { totalCount } }" }, null, {
      "accept-language": "en-US,en;q=0.9,vi;q=0.5",
    });
    expect(english.body.errors?.[0]?.message).toBe("Sign in first.");
  });

  for (const lang of LANGS) {
    describe(`in ${lang === "vi" ? "Vietnamese" : "English"}`, () => {
      it("refuses a query over the cost budget", async () => {
        const query = `{ units(first: 500) { edges { node { children(first: 500) { totalCount } } } } }`;
        const { status, body } = await post({ query }, lang, {
          authorization: `Bearer ${reporter}`,
        });
        expect(status).toBe(400);
        expect(body.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
        expectLanguage(body.errors?.[0]?.message, lang);
        expect(body.errors?.[0]?.message).toMatch(
          lang === "vi" ? /^Truy vấn quá nặng: chi phí/ : /^Query too costly: the query costs/,
        );
      });

      it("refuses a query too deep, even when the refusal was first made for the other language", async () => {
        // yoga caches validation by document: the same refusal, worded for each caller.
        for (const asked of lang === "vi" ? (["en", "vi"] as const) : (["vi", "en"] as const)) {
          const { status, body } = await post({ query: TOO_DEEP }, asked, {
            authorization: `Bearer ${reporter}`,
          });
          expect(status).toBe(400);
          expect(body.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_DEEP");
          expect(body.errors?.[0]?.message).toBe(
            asked === "vi"
              ? "Truy vấn quá sâu: 13 cấp lồng nhau, tối đa 12 cấp."
              : "Query too deep: the query is 13 levels deep; at most 12 are allowed.",
          );
        }
      });

      it("refuses a page larger than the limit", async () => {
        const { status, body } = await post(
          { query: `{ units(first: 501) { totalCount } }` },
          lang,
          { authorization: `Bearer ${reporter}` },
        );
        expect(status).toBe(400);
        expect(body.errors?.[0]?.extensions?.code).toBe("PAGE_SIZE_TOO_LARGE");
        expectLanguage(body.errors?.[0]?.message, lang);
        expect(body.errors?.[0]?.message).toMatch(lang === "vi" ? /đã hỏi 501/ : /asked for 501/);
      });

      it("refuses a request a browser could forge cross-site (CSRF)", async () => {
        const { status, body } = await post("query=%7B%20health%20%7D", lang, {
          "content-type": "application/x-www-form-urlencoded",
        });
        expect(status).toBe(403);
        expect(body.errors?.[0]?.extensions?.code).toBe("CSRF_REFUSED");
        expectLanguage(body.errors?.[0]?.message, lang);
      });

      it("refuses a body over the size limit", async () => {
        const { status, body } = await post({ query: `{ health }`, pad: "x".repeat(70_000) }, lang);
        expect(status).toBe(413);
        expect(body.errors?.[0]?.extensions?.code).toBe("REQUEST_TOO_LARGE");
        expectLanguage(body.errors?.[0]?.message, lang);
        expect(body.errors?.[0]?.message).toContain(lang === "vi" ? "65.536" : "65,536");
      });

      it("refuses an id the server never issued with a thrown BAD_USER_INPUT", async () => {
        const { body } = await post(
          { query: `query($id: ID!) { unit(id: $id) { id } }`, variables: { id: "khong-phai-ma" } },
          lang,
          { authorization: `Bearer ${reporter}` },
        );
        const error = body.errors?.[0];
        expect(error?.extensions?.code).toBe("BAD_USER_INPUT");
        expect(error?.message).toMatch(lang === "vi" ? /^id: Mã không hợp lệ/ : /^id: Invalid id/);
        expectLanguage(error?.message, lang);
        const issues = error?.extensions?.issues as { message: string }[];
        expectLanguage(issues[0]?.message, lang);
      });

      it("words the analytics questions' refusals whole, each in one language", async () => {
        const { body } = await post(
          {
            query: `query($u: ID!) {
              bad: overview(unitId: $u, period: { from: "2025-01-02", to: "2025-03-30" }) {
                __typename ... on InputError { issues { path message } } }
              both: overview(unitId: $u, period: { from: "2025-01-01", to: "2025-01-31" },
                relativePeriod: YEAR_TO_DATE) { __typename ... on InputError { issues { message } } }
              split: metrics(input: { unitId: $u, measures: [REGISTRATION_RATE],
                dimensions: [SECTOR], period: { from: "2025-01-01", to: "2025-12-31" },
                orderBy: { measure: ATTENDANCE } }) {
                __typename ... on InputError { issues { path message } } }
            }`,
            variables: { u: gid("Unit", world.a.communeId) },
          },
          lang,
          { authorization: `Bearer ${reporter}` },
        );
        type Issues = { __typename: string; issues: { path?: string[]; message: string }[] };
        const data = (body as { data?: Record<string, Issues> }).data;
        const messages = ["bad", "both", "split"].flatMap((field) => {
          expect(data?.[field]?.__typename, field).toBe("InputError");
          return data?.[field]?.issues.map((i) => i.message) ?? [];
        });
        expect(messages.length).toBeGreaterThanOrEqual(5);
        for (const message of messages) expectLanguage(message, lang);
        expect(data?.bad?.issues.map((i) => i.path?.join("."))).toEqual([
          "period.from",
          "period.to",
        ]);
        expect(data?.bad?.issues[0]?.message).toBe(
          lang === "vi"
            ? "Kỳ phải bắt đầu từ ngày 1 của tháng."
            : "A period must start on the first day of a month.",
        );
      });

      it("answers /export's own refusals", async () => {
        const wrongFile = await get("/export/nothing.csv", lang);
        expect(wrongFile.status).toBe(404);
        expectLanguage(wrongFile.body.message, lang);
        const wrongMethod = await get("/export/overview.csv", lang, { method: "POST" });
        expect(wrongMethod.status).toBe(405);
        expectLanguage(wrongMethod.body.message, lang);
        const notJson = await get("/export/overview.csv?args=%7Bnope", lang);
        expect(notJson.status).toBe(400);
        expectLanguage(notJson.body.message, lang);
        const notObject = await get("/export/overview.csv?args=%5B1%5D", lang);
        expect(notObject.status).toBe(400);
        expectLanguage(notObject.body.message, lang);
        // The field's own refusal, asked for through /export, in the same language.
        const args = (unit: number) =>
          `/export/overview.csv?args=${encodeURIComponent(JSON.stringify({ unitId: gid("Unit", unit), relativePeriod: "MONTH_TO_DATE" }))}`;
        const anonymous = await get(args(world.a.communeId), lang);
        expect(anonymous.status).toBe(401);
        expect(anonymous.body.message).toBe(lang === "vi" ? "Cần đăng nhập." : "Sign in first.");
        // A typed result's refusal (a unit outside the caller's scope), worded by the field.
        const outside = await get(args(world.b.communeId), lang, {
          headers: { authorization: `Bearer ${reporter}` },
        });
        expect(outside.status).toBe(404);
        expect(outside.body.message).toMatch(
          lang === "vi"
            ? /^Không tìm thấy đơn vị/
            : /^Unit .* does not exist or is outside your scope/,
        );
      });

      it("answers /report's refusals: an anonymous caller, a reporter uploading a template", async () => {
        const { status, body } = await get("/report?format=pdf", lang);
        expect(status).toBe(401);
        expect(body.message).toBe(lang === "vi" ? "Cần đăng nhập." : "Sign in first.");
        // A typed refusal of the report module: a reporter may not upload a template.
        const upload = await get("/report/templates?name=Mau", lang, {
          method: "POST",
          headers: {
            authorization: `Bearer ${reporter}`,
            "content-type": "application/octet-stream",
          },
          body: "PK",
        });
        expect(upload.status).toBe(403);
        expect(upload.body.message).toBe(
          lang === "vi"
            ? "Chỉ quản trị viên được tải lên mẫu báo cáo."
            : "Only administrators may upload report templates.",
        );
      });

      it("refuses over WebSocket: one subscription too many, a unit out of scope, a query too deep", async () => {
        const client = open({ ...bearer(reporter), "accept-language": lang });
        const first = client.subscribe(FIGURES, { unitId: gid("Unit", world.a.communeId) });
        await first.data.nth(0);
        // One more than the socket may hold.
        const second = client.subscribe(FIGURES, { unitId: gid("Unit", world.a.communeId) });
        await second.done;
        const tooMany = (
          second.results.error as { message: string; extensions?: { code?: string } }[]
        )[0];
        expect(tooMany?.extensions?.code).toBe("TOO_MANY_SUBSCRIPTIONS");
        expectLanguage(tooMany?.message, lang);
        first.unsubscribe();
        await first.done;
        // A unit outside the reporter's scope: typed NOT_FOUND, worded like any read of it.
        const outside = client.subscribe(FIGURES, { unitId: gid("Unit", world.b.communeId) });
        const refused = await outside.results.nth(0);
        expect(refused.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
        expect(refused.errors?.[0]?.message).toMatch(
          lang === "vi"
            ? /^Không tìm thấy đơn vị/
            : /^Unit .* does not exist or is outside your scope/,
        );
        await outside.done;
        const deep = client.subscribe(TOO_DEEP);
        await deep.done;
        const tooDeep = (deep.results.error as { message: string }[])[0];
        expectLanguage(tooDeep?.message, lang);
      });

      it("words WebSocket refusals in the upgrade request's Accept-Language too", async () => {
        const client = open(bearer(reporter), { "accept-language": lang });
        const outside = client.subscribe(FIGURES, { unitId: gid("Unit", world.b.communeId) });
        const refused = await outside.results.nth(0);
        expect(refused.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
        expectLanguage(refused.errors?.[0]?.message, lang);
        await outside.done;
      });
    });
  }
});

/** A live client whose WebSocket upgrade request carries `headers` (as a browser's does). */
function liveClientWithHeaders(
  url: string,
  params: Record<string, unknown>,
  headers: Record<string, string>,
): LiveClient {
  class WithHeaders extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return liveClient(url, params, WithHeaders);
}
