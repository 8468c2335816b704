/** The one cleaning rule for outside text (proxy bodies, webhook payloads) before it is stored. */
import { describe, expect, it } from "vitest";
import { cleanStrings, cleanText } from "../../../app/platform/validation/clean-text";

describe("cleanText", () => {
  it("GIVEN NULs THEN they are dropped and the text after them kept", () => {
    expect(cleanText("Linen\u0000 shirt\u0000")).toBe("Linen shirt");
  });

  it("GIVEN unpaired surrogates (high, low, reversed pair) THEN each becomes U+FFFD, pairs stay", () => {
    expect(cleanText("a\uD83Db \uDE00c \uDE00\uD83D 😀")).toBe("a\uFFFDb \uFFFDc \uFFFD\uFFFD 😀");
  });

  it("GIVEN clean text THEN it comes back unchanged", () => {
    expect(cleanText("Grüße, 東京 — 😀")).toBe("Grüße, 東京 — 😀");
  });
});

describe("cleanStrings", () => {
  it("GIVEN a parsed body THEN strings in objects and arrays, and keys, are cleaned; numbers and nulls kept", () => {
    const body = JSON.parse(
      '{"line_items":[{"title":"A\\u0000B","n":1,"p":null,"tags":["\\ud800x"]}],"k\\u0000ey":"v","key":"kept"}',
    ) as unknown;

    expect(cleanStrings(body)).toEqual({
      line_items: [{ title: "AB", n: 1, p: null, tags: ["\uFFFDx"] }],
      key: "kept",
    });
  });

  it("GIVEN a cleaned key spelling __proto__ THEN it stays a plain key, the prototype untouched", () => {
    const body = cleanStrings(JSON.parse('{"__proto\\u0000__":{"polluted":true}}') as Record<string, unknown>);

    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.hasOwn(body, "__proto__")).toBe(true);
  });

  it("GIVEN a body nested 100,000 levels deep THEN it is cleaned without overflowing the stack", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}"\\u0000x"${"]".repeat(100_000)}`) as unknown;

    let node = cleanStrings(deep) as unknown;
    while (Array.isArray(node)) node = node[0];
    expect(node).toBe("x");
  });
});
