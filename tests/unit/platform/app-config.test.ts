import { describe, expect, it } from "vitest";
import {
  DEFAULT_SCOPES,
  readRedisUrl,
  readShopifyCredentials,
  redisKeyPrefix,
} from "../../../app/platform/config/app-config";

const complete = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://chatlift.example.com",
};

describe("readShopifyCredentials", () => {
  it("GIVEN every variable THEN the credentials use the default scopes", () => {
    const result = readShopifyCredentials(complete);
    expect(result).toEqual({
      ok: true,
      credentials: {
        apiKey: "key",
        apiSecretKey: "secret",
        appUrl: "https://chatlift.example.com",
        scopes: DEFAULT_SCOPES.split(","),
        customShopDomains: undefined,
      },
    });
  });

  it("GIVEN SCOPES THEN they are split and trimmed", () => {
    const result = readShopifyCredentials({ ...complete, SCOPES: "read_orders, write_app_proxy ,," });
    expect(result.ok && result.credentials.scopes).toEqual(["read_orders", "write_app_proxy"]);
  });

  it("GIVEN nothing THEN every missing variable is named", () => {
    const result = readShopifyCredentials({});
    expect(result).toEqual({
      ok: false,
      problems: ["SHOPIFY_API_KEY is not set", "SHOPIFY_API_SECRET is not set", "SHOPIFY_APP_URL is not set"],
    });
  });

  it("GIVEN an app URL that is not http(s) THEN it is reported", () => {
    const result = readShopifyCredentials({ ...complete, SHOPIFY_APP_URL: "ftp://x" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatch(/^SHOPIFY_APP_URL: /);
  });
});

describe("readRedisUrl", () => {
  it("GIVEN no REDIS_URL (or a blank one) THEN there is no shared store", () => {
    expect(readRedisUrl({})).toBeUndefined();
    expect(readRedisUrl({ REDIS_URL: "  " })).toBeUndefined();
  });

  it("GIVEN a redis:// or rediss:// URL THEN it is used", () => {
    expect(readRedisUrl({ REDIS_URL: "redis://127.0.0.1:6379" })).toBe("redis://127.0.0.1:6379");
    expect(readRedisUrl({ REDIS_URL: "rediss://user:pw@cache.example:6380/2" })).toBe(
      "rediss://user:pw@cache.example:6380/2",
    );
  });

  it("GIVEN a REDIS_URL that is not a Redis URL THEN it is an error naming the variable, never a silent per-process fallback", () => {
    expect(() => readRedisUrl({ REDIS_URL: "127.0.0.1:6379" })).toThrow(/REDIS_URL must be a redis:\/\//);
    expect(() => readRedisUrl({ REDIS_URL: "http://cache.example" })).toThrow(/REDIS_URL/);
  });

  it("GIVEN CHATLIFT_REDIS_PREFIX THEN keys start with it; otherwise with chatlift:", () => {
    expect(redisKeyPrefix({})).toBe("chatlift:");
    expect(redisKeyPrefix({ CHATLIFT_REDIS_PREFIX: "shop-a:" })).toBe("shop-a:");
  });
});
