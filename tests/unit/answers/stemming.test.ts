import { describe, expect, it } from "vitest";
import { languageFor } from "../../../app/answers/language";
import { termsOf } from "../../../app/answers/text";

const en = languageFor("en-GB")!;
const de = languageFor("de")!;

describe("per-locale stemming and stop words", () => {
  it("GIVEN English words of one family WHEN turned into terms THEN they meet in one stem", () => {
    expect(termsOf("shipping ships shipped", en)).toEqual(["ship", "ship", "ship"]);
    expect(termsOf("Returns returned", en)).toEqual(["return", "return"]);
  });

  it("GIVEN an English question WHEN turned into terms THEN stop words and chat filler are dropped but shop words stay", () => {
    expect(termsOf("Hi! Could you please tell me if the down jacket is 50% off?", en)).toEqual([
      "down",
      "jacket",
      "50",
      "off",
    ]);
  });

  it("GIVEN German words with umlauts and plurals WHEN turned into terms THEN singular and plural meet, accents folded", () => {
    expect(termsOf("Rücksendung", de)).toEqual(termsOf("Rücksendungen", de));
    expect(termsOf("Größe", de)).toEqual(termsOf("Grösse", de));
    expect(termsOf("Habt ihr eine Regenjacke?", de)).toEqual(["regenjack"]);
  });

  it("GIVEN a hyphenated word WHEN turned into terms THEN its joined form is a term too", () => {
    expect(termsOf("pre-order", en)).toContain("preorder");
  });

  it("GIVEN 'US' in capitals WHEN turned into terms THEN it is the country (as USA), while the pronoun 'us' stays a stop word", () => {
    expect(termsOf("Do you ship to the US?", en)).toEqual(termsOf("Do you ship to the USA?", en));
    expect(termsOf("Do you ship to the US?", en)).toContain("usa");
    expect(termsOf("Tell us about it", en)).not.toContain("us");
    expect(termsOf("Wir liefern in die US", de)).toContain("usa");
  });

  it("GIVEN a locale ChatLift has no entry for WHEN looked up THEN there is none, and de-CH is German", () => {
    expect(languageFor("xx")).toBeUndefined();
    expect(languageFor("de-CH")?.code).toBe("de");
  });
});
