/**
 * Secrets at rest (HubSpot tokens, the merchant's language-model key): AES-256-GCM under ENCRYPTION_KEY
 * (32 bytes, base64 or hex), one copy in the platform for every stage and adapter that keeps a secret. The stored
 * form is `v1.<iv>.<tag>.<ciphertext>` (base64url): a fresh 12-byte IV per value, and the tag makes
 * any tampering fail loudly instead of decrypting to garbage. Errors never contain the secret.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";

export class EncryptionKeyError extends Error {
  override readonly name = "EncryptionKeyError";
}

/** The 32-byte key from ENCRYPTION_KEY, or a clear error saying what is wrong with it. */
export function parseEncryptionKey(value: string | undefined): Buffer {
  const text = value?.trim();
  if (!text)
    throw new EncryptionKeyError(
      "ENCRYPTION_KEY is not set: it must be 32 bytes, as 64 hex characters or base64 (e.g. `openssl rand -base64 32`)",
    );
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, "hex");
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    const key = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (key.length === 32) return key;
    throw new EncryptionKeyError(
      `ENCRYPTION_KEY decodes to ${key.length} bytes; it must be 32 bytes (64 hex characters or 44 base64 characters)`,
    );
  }
  throw new EncryptionKeyError(
    "ENCRYPTION_KEY is neither hex nor base64: it must be 32 bytes, as 64 hex characters or base64",
  );
}

export function encryptToken(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    ciphertext.toString("base64url"),
  ].join(".");
}

export function decryptToken(stored: string, key: Buffer): string {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined)
    throw new Error("stored secret is not in the v1 encrypted format");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("stored secret cannot be decrypted: ENCRYPTION_KEY changed or the value was altered");
  }
}
