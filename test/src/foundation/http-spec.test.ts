import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";

// GraphQL over HTTP (graphql-http spec): media types, methods and status codes. The protocol is the
// same whatever the database, so one backend is enough here.
describe("GraphQL over HTTP", () => {
  let server: TestServer;
  const RESPONSE_TYPE = "application/graphql-response+json";
  beforeAll(async () => {
    server = await startTestServer("pglite");
  });
  afterAll(() => server.stop());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: RESPONSE_TYPE, ...headers },
      body,
    });

  it("answers a POST with application/graphql-response+json and 200", async () => {
    const response = await post(JSON.stringify({ query: "{ health }" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain(RESPONSE_TYPE);
    expect(await response.json()).toEqual({ data: { health: true } });
  });

  it("answers a query sent by GET", async () => {
    const response = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent("{ health }")}`,
      {
        headers: { accept: RESPONSE_TYPE },
      },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { health: true } });
  });

  it("refuses a mutation sent by GET with 405", async () => {
    const query = encodeURIComponent(
      'mutation { login(username: "a", password: "b") { __typename } }',
    );
    const response = await fetch(`${server.url}/graphql?query=${query}`, {
      headers: { accept: RESPONSE_TYPE },
    });
    expect(response.status).toBe(405);
  });

  it("refuses malformed JSON with 400 and a message", async () => {
    const response = await post("{ not json");
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].message).toMatch(/JSON/i);
  });

  it("refuses a document that does not validate with 400", async () => {
    const response = await post(JSON.stringify({ query: "{ noSuchField }" }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].message).toContain("noSuchField");
  });

  it("refuses variables that do not fit their types with 400, naming the variable", async () => {
    const response = await post(
      JSON.stringify({
        query: 'mutation($u: String!) { login(username: $u, password: "x") { __typename } }',
        variables: { u: 5 },
      }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toContain('Variable "$u" got invalid value 5');
  });

  it("refuses an unsupported content type with 415", async () => {
    // (text/plain is refused earlier, 403, by CSRF prevention: see hardening/headers.test.ts.)
    const response = await post("<query>{health}</query>", { "content-type": "application/xml" });
    expect([400, 415]).toContain(response.status);
  });

  it("tells an anonymous caller to sign in, with 401 and UNAUTHENTICATED, and nothing else", async () => {
    const response = await post(JSON.stringify({ query: "{ activities { totalCount } }" }));
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.data ?? null).toBeNull();
    expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(body.errors[0].message).toMatch(/Cần đăng nhập/);
  });

  it("refuses a forged token the same way", async () => {
    const response = await post(JSON.stringify({ query: "{ activities { totalCount } }" }), {
      authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.forged",
    });
    expect(response.status).toBe(401);
    expect((await response.json()).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("never shows a stack trace for an unexpected failure", async () => {
    const response = await post(JSON.stringify({ query: "{ health }", variables: "nonsense" }));
    const text = await response.text();
    expect(response.status).toBeLessThan(500);
    expect(text).not.toMatch(/\n\s+at /);
  });
});
