import { describe, expect, it } from "vitest";
import { chunkHtml, PASSAGE_MAX_WORDS } from "../../../app/answers/chunk";

const sentence = (n: number) => `This is sentence number ${n} of a long paragraph about returns and refunds.`;

describe("chunking pages and policies into passages", () => {
  it("GIVEN a policy with headings WHEN chunked THEN each passage keeps its heading and does not cross into the next", () => {
    const chunks = chunkHtml(
      "<p>Intro text.</p><h2>Refunds</h2><p>Refunds take 5 days.</p><h2>Exchanges</h2><p>Exchanges are free.</p>",
    );
    expect(chunks).toEqual([
      { heading: null, text: "Intro text." },
      { heading: "Refunds", text: "Refunds take 5 days." },
      { heading: "Exchanges", text: "Exchanges are free." },
    ]);
  });

  it("GIVEN one overlong paragraph WHEN chunked THEN it is cut at sentence ends into passages under the maximum", () => {
    const paragraph = Array.from({ length: 40 }, (_, n) => sentence(n)).join(" ");
    const chunks = chunkHtml(`<p>${paragraph}</p>`);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.text.split(/\s+/).length).toBeLessThanOrEqual(PASSAGE_MAX_WORDS);
      expect(chunk.text).toMatch(/\.$/);
    }
    expect(chunks.map((chunk) => chunk.text).join(" ")).toBe(paragraph);
  });

  it("GIVEN short paragraphs under one heading WHEN chunked THEN they are gathered into one passage", () => {
    const chunks = chunkHtml("<h2>Care</h2><p>Wash cold.</p><p>Dry flat.</p><ul><li>No bleach</li></ul>");
    expect(chunks).toEqual([{ heading: "Care", text: "Wash cold.\nDry flat.\nNo bleach" }]);
  });

  it("GIVEN HTML entities and tags WHEN chunked THEN the passage is plain text", () => {
    expect(chunkHtml("<p>Fish &amp; chips &euro;5 <strong>now</strong></p>")[0]?.text).toBe("Fish & chips €5 now");
  });
});
