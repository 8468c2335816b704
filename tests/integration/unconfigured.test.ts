import { beforeAll, describe, expect, it } from "vitest";

describe("a server started without Shopify credentials", () => {
  beforeAll(() => {
    // GIVEN none of the Shopify variables (the app reads them on first use)
    delete process.env.SHOPIFY_API_KEY;
    delete process.env.SHOPIFY_API_SECRET;
    delete process.env.SHOPIFY_APP_URL;
  });

  it("answers admin routes with 503 naming what is missing", async () => {
    const { loader } = await import("../../app/routes/app");
    const thrown = await loader({ request: new Request("http://localhost/app"), params: {}, context: {} }).catch(
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(503);
    const message = await response.text();
    expect(message).toContain("SHOPIFY_API_KEY is not set");
    expect(message).toContain("SHOPIFY_APP_URL is not set");
  });

  it("still answers /healthz", async () => {
    const { loader } = await import("../../app/routes/healthz");
    const response = await loader({ request: new Request("http://localhost/healthz"), params: {}, context: {} });
    expect(response.status).toBe(200);
  });

  it("shows the landing page without a login form", async () => {
    const { loader } = await import("../../app/routes/_index/route");
    expect(await loader({ request: new Request("http://localhost/"), params: {}, context: {} })).toEqual({
      showForm: false,
    });
  });
});
