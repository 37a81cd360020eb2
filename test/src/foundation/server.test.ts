import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

describe.each(backends)("the server on %s", (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend);
  });
  afterAll(() => server.stop());

  it("answers /healthz with 200 while the database answers", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("serves GraphQL at /graphql", async () => {
    const { status, body } = await server.graphql("{ health }");
    expect(status).toBe(200);
    expect(body).toEqual({ data: { health: true } });
  });

  it("tells an anonymous caller that nobody is signed in", async () => {
    const { status, body } = await server.graphql("{ me { username } }");
    expect(status).toBe(200);
    expect(body).toEqual({ data: { me: null } });
  });

  it("serves GraphiQL, bundled, to a browser", async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("GraphiQL");
    expect(html).not.toContain("unpkg.com");
  });

  it("serves the dashboard with the product's name at /, and for client-side routes", async () => {
    for (const path of ["/", "/so-sanh"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("Chỉ thị 05");
    }
  });
});
