/**
 * Why: the pixel's link reaches the app unsigned, from any browser; the only proof that it belongs
 * to a chat session is a token the app signed for that session (through the signed app proxy). The
 * token names shop, session and visitor and when it was issued, signed with HMAC-SHA256 under a key
 * derived from the app's secret; anything else — a changed byte, another shop, an old token — fails.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { PIXEL_TOKEN_TTL_MS } from "../../../contract/pixel-link";

export interface PixelTokenClaims {
  shop: string;
  sessionId: string;
  visitorId: string;
  issuedAt: number;
}

export type TokenCheck =
  { ok: true; claims: PixelTokenClaims } | { ok: false; reason: "malformed" | "forged" | "expired" | "other_shop" };

const PREFIX = "v1";
const CLOCK_SKEW_MS = 60_000;

/** A key of its own for pixel tokens, so no other use of the app secret can mint one. */
export function pixelTokenKey(appSecret: string): Buffer {
  return createHmac("sha256", appSecret).update("chatlift pixel link v1").digest();
}

const mac = (key: Buffer, body: string) => createHmac("sha256", key).update(body).digest("base64url");

export function signPixelToken(claims: PixelTokenClaims, key: Buffer): string {
  const body = Buffer.from(JSON.stringify([claims.shop, claims.sessionId, claims.visitorId, claims.issuedAt])).toString(
    "base64url",
  );
  return `${PREFIX}.${body}.${mac(key, `${PREFIX}.${body}`)}`;
}

export function verifyPixelToken(token: string, shop: string, key: Buffer, nowMs: number): TokenCheck {
  const [prefix, body, signature, ...rest] = token.split(".");
  if (prefix !== PREFIX || !body || !signature || rest.length) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(mac(key, `${PREFIX}.${body}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "forged" };
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!Array.isArray(fields) || fields.length !== 4) return { ok: false, reason: "malformed" };
  const [tokenShop, sessionId, visitorId, issuedAt] = fields as [string, string, string, number];
  if (tokenShop !== shop) return { ok: false, reason: "other_shop" };
  if (typeof issuedAt !== "number" || issuedAt > nowMs + CLOCK_SKEW_MS || nowMs - issuedAt > PIXEL_TOKEN_TTL_MS)
    return { ok: false, reason: "expired" };
  return { ok: true, claims: { shop, sessionId, visitorId, issuedAt } };
}

/** What is stored instead of the token: enough to recognise it again, useless to present. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
