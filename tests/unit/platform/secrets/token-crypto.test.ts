import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptToken,
  encryptToken,
  EncryptionKeyError,
  parseEncryptionKey,
} from "../../../../app/platform/secrets/token-crypto.server";

const key = randomBytes(32);
const TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";

describe("HubSpot tokens at rest", () => {
  it("GIVEN a token THEN it round-trips, and two encryptions differ (fresh IV)", () => {
    const first = encryptToken(TOKEN, key);
    const second = encryptToken(TOKEN, key);
    expect(first).not.toBe(second);
    expect(first).not.toContain(TOKEN);
    expect(decryptToken(first, key)).toBe(TOKEN);
  });

  it("GIVEN an altered ciphertext THEN decryption fails loudly and does not echo the value", () => {
    const stored = encryptToken(TOKEN, key);
    const altered = `${stored.slice(0, -2)}${stored.endsWith("AA") ? "BB" : "AA"}`;
    expect(() => decryptToken(altered, key)).toThrow(/cannot be decrypted/);
  });

  it("GIVEN another key THEN decryption fails", () => {
    expect(() => decryptToken(encryptToken(TOKEN, key), randomBytes(32))).toThrow(/ENCRYPTION_KEY changed/);
  });
});

describe("ENCRYPTION_KEY", () => {
  it.each([
    ["hex", key.toString("hex")],
    ["base64", key.toString("base64")],
    ["base64url", key.toString("base64url")],
  ])("GIVEN 32 bytes as %s THEN it is the key", (_, value) => {
    expect(parseEncryptionKey(value).equals(key)).toBe(true);
  });

  it.each([
    [undefined, /is not set/],
    ["", /is not set/],
    [randomBytes(16).toString("base64"), /decodes to 16 bytes/],
    ["not a key!", /neither hex nor base64/],
  ])("GIVEN %j THEN a clear error", (value, message) => {
    expect(() => parseEncryptionKey(value)).toThrow(EncryptionKeyError);
    expect(() => parseEncryptionKey(value)).toThrow(message);
  });
});
