import { describe, expect, it } from "vitest";
import { emailKind, FREE_MAIL_DOMAINS } from "../../../app/routing/free-mail";

describe("business or free-mail", () => {
  it.each([
    ["ann@gmail.com", "free_mail"],
    ["ann@GMX.de", "free_mail"],
    ["ann@proton.me", "free_mail"],
    ["ann@163.com", "free_mail"],
    ["ann@acme.com", "business"],
    ["ann@mail.acme.de", "business"],
    [undefined, "none"],
    ["not-an-email", "none"],
  ])("%s is %s", (email, kind) => {
    expect(emailKind(email)).toBe(kind);
  });

  it("adds the merchant's own free-mail domains", () => {
    expect(emailKind("ann@regional.example", ["Regional.example"])).toBe("free_mail");
  });

  it("holds about forty well-known providers, lower case, no duplicates", () => {
    expect(FREE_MAIL_DOMAINS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(FREE_MAIL_DOMAINS).size).toBe(FREE_MAIL_DOMAINS.length);
    expect(FREE_MAIL_DOMAINS.every((domain) => domain === domain.toLowerCase())).toBe(true);
  });
});
