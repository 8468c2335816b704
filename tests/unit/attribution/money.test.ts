import { describe, expect, it } from "vitest";
import {
  allocate,
  allocateEqually,
  currencyDigits,
  formatMoney,
  MoneyError,
  toMinorUnits,
} from "../../../app/attribution/money";

describe("money in minor units", () => {
  it.each([
    ["42.00", "USD", 4200],
    ["0.1", "USD", 10],
    ["195.66", "USD", 19_566],
    ["1000", "JPY", 1000],
    ["1000.00", "JPY", 1000],
    ["1.2345", "KWD", 1235],
    ["0.005", "USD", 1],
    ["-3.50", "EUR", -350],
    [" 7.5 ", "usd", 750],
    [19.99, "USD", 1999],
  ])("parses %j %s as %i", (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toBe(minor);
  });

  it.each([["4,20"], ["abc"], [""], ["1e3"]])("refuses %j by name", (amount) => {
    expect(() => toMinorUnits(amount, "USD")).toThrow(MoneyError);
  });

  it("refuses an unknown currency", () => {
    expect(() => currencyDigits("NOPE")).toThrow(/unknown currency "NOPE"/);
  });

  it("formats in the shop currency and locale", () => {
    expect(formatMoney(4200, "USD")).toBe("$42.00");
    expect(formatMoney(1000, "JPY")).toBe("¥1,000");
    expect(formatMoney(123_456, "EUR", "de-DE")).toBe("1.234,56\u00a0€");
  });

  it("allocates by largest remainder: parts add up and ties go to the earlier weight", () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(6667, [4200, 5800])).toEqual([2800, 3867]);
    expect(allocate(10, [0, 5, 0])).toEqual([0, 10, 0]);
    expect(allocate(0, [3, 4])).toEqual([0, 0]);
    expect(allocate(5, [0, 0])).toEqual([0, 0]);
  });

  it("stays exact above 2^53 products", () => {
    const parts = allocate(9_000_000_000_000, [3_000_000_001, 6_000_000_000]);
    expect(parts[0]! + parts[1]!).toBe(9_000_000_000_000);
    expect(parts).toEqual([3_000_000_000_667, 5_999_999_999_333]);
  });

  it("splits equally with the leftover cents first", () => {
    expect(allocateEqually(10_001, 2)).toEqual([5001, 5000]);
    expect(allocateEqually(2, 3)).toEqual([1, 1, 0]);
  });
});
