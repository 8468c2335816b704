import { afterAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { loader } from "../../app/routes/healthz";

afterAll(() => prisma.$disconnect());

describe("GET /healthz", () => {
  it("GIVEN a migrated database THEN it answers 200 with the database reachable", async () => {
    const response = await loader({ request: new Request("http://localhost/healthz"), params: {}, context: {} });
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ ok: true, database: { reachable: true } });
  });

  it("GIVEN a database without ChatLift's tables THEN it answers 503 and says why", async () => {
    // A reachable database whose migrations were never applied is not healthy.
    await prisma.$executeRawUnsafe('ALTER TABLE "Shop" RENAME TO "ShopAway"');
    try {
      const response = await loader({ request: new Request("http://localhost/healthz"), params: {}, context: {} });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        ok: false,
        database: { reachable: false, error: expect.any(String) },
      });
    } finally {
      await prisma.$executeRawUnsafe('ALTER TABLE "ShopAway" RENAME TO "Shop"');
    }
  });
});
