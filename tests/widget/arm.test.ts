import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { assignArm, pickWeighted } from "../../widget/core/arm";

describe("arm assignment", () => {
  it.each([10, 25, 50])("puts %d%% of 100,000 visitors in holdout, within one point", (percent) => {
    // GIVEN 100,000 random visitor ids and a shop salt
    const ids = Array.from({ length: 100_000 }, () => randomUUID());
    // WHEN each is assigned
    const holdout = ids.filter((id) => assignArm(id, "shop-salt-1234", percent) === "holdout").length;
    // THEN the holdout share is the setting ± 1 point
    expect(Math.abs((holdout / ids.length) * 100 - percent)).toBeLessThanOrEqual(1);
  });

  it("is deterministic per visitor and salt, and the salt reshuffles", () => {
    const ids = Array.from({ length: 2000 }, () => randomUUID());
    const first = ids.map((id) => assignArm(id, "salt-aaaaaaaa", 50));
    expect(ids.map((id) => assignArm(id, "salt-aaaaaaaa", 50))).toEqual(first);
    const moved = ids.filter((id, index) => assignArm(id, "salt-bbbbbbbb", 50) !== first[index]).length;
    expect(moved).toBeGreaterThan(800);
    expect(moved).toBeLessThan(1200);
  });

  it("0% and 100% holdout are absolute", () => {
    const ids = Array.from({ length: 1000 }, () => randomUUID());
    expect(ids.every((id) => assignArm(id, "salt-aaaaaaaa", 0) === "treatment")).toBe(true);
    expect(ids.every((id) => assignArm(id, "salt-aaaaaaaa", 100) === "holdout")).toBe(true);
  });

  it("splits experiment variants by weight", () => {
    const variants = [
      { id: "a", weight: 1 },
      { id: "b", weight: 3 },
    ];
    const picks = Array.from({ length: 20_000 }, () => pickWeighted(variants, randomUUID(), "salt-aaaaaaaa")!.id);
    const shareB = picks.filter((id) => id === "b").length / picks.length;
    expect(shareB).toBeGreaterThan(0.73);
    expect(shareB).toBeLessThan(0.77);
  });
});
