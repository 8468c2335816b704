import { describe, expect, it } from "vitest";
import { ByteBoundedLru } from "../../../app/answers/index-cache";

describe("ByteBoundedLru", () => {
  it("GIVEN values within the budget THEN it keeps them all and counts their bytes", () => {
    const cache = new ByteBoundedLru<string, string>(100);
    cache.set("a", "A", 40);
    cache.set("b", "B", 60);
    expect([cache.get("a"), cache.get("b"), cache.bytes, cache.size]).toEqual(["A", "B", 100, 2]);
  });

  it("GIVEN a full cache WHEN a new value comes THEN the least recently asked goes first, not the oldest stored", () => {
    const cache = new ByteBoundedLru<string, string>(100);
    cache.set("a", "A", 40);
    cache.set("b", "B", 40);
    cache.get("a"); // a is now the most recently used
    cache.set("c", "C", 40);
    expect([cache.has("a"), cache.has("b"), cache.has("c"), cache.bytes]).toEqual([true, false, true, 80]);
  });

  it("GIVEN one large value WHEN it comes THEN as many small ones go as it needs", () => {
    const cache = new ByteBoundedLru<string, number>(100);
    for (let i = 0; i < 10; i += 1) cache.set(`s${i}`, i, 10);
    cache.set("big", 99, 75);
    expect(cache.size).toBe(3);
    expect([cache.has("s7"), cache.has("s8"), cache.has("s9"), cache.has("s6")]).toEqual([false, true, true, false]);
    expect(cache.bytes).toBe(95);
  });

  it("GIVEN a value larger than the whole budget THEN it is not kept and nothing else is evicted for it", () => {
    const cache = new ByteBoundedLru<string, string>(100);
    cache.set("a", "A", 50);
    expect(cache.set("huge", "H", 101)).toBe(false);
    expect([cache.has("a"), cache.has("huge"), cache.bytes]).toEqual([true, false, 50]);
  });

  it("GIVEN a key stored again with another size THEN its bytes are replaced, not added", () => {
    const cache = new ByteBoundedLru<string, string>(100);
    cache.set("a", "A1", 30);
    cache.set("a", "A2", 70);
    expect([cache.get("a"), cache.bytes, cache.size]).toEqual(["A2", 70, 1]);
    cache.delete("a");
    expect([cache.bytes, cache.size]).toEqual([0, 0]);
  });

  it("GIVEN a nonsense budget or size THEN it refuses", () => {
    expect(() => new ByteBoundedLru(0)).toThrow(RangeError);
    expect(() => new ByteBoundedLru<string, string>(10).set("a", "A", Number.NaN)).toThrow(RangeError);
  });
});
