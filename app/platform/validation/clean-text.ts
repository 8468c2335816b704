/**
 * Text from outside (a storefront batch, a webhook body) cleaned before it is stored, so SQLite and
 * PostgreSQL keep the same thing: PostgreSQL refuses a NUL in text and an unpaired surrogate in
 * JSON (a 500), SQLite cut text at the NUL (silently lost the rest). NULs are dropped and an
 * unpaired surrogate becomes U+FFFD, as a UTF-8 encoder writes it; everything else is kept as sent.
 */

const NUL = String.fromCharCode(0);
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text.replaceAll(NUL, "").replace(UNPAIRED_SURROGATE, "\uFFFD");
}

/**
 * Every string of a parsed JSON value cleaned, object keys too, in place. Iterative (an explicit
 * stack): a hostile body nested a hundred thousand levels deep must not overflow the call stack.
 */
export function cleanStrings<T>(value: T): T {
  if (typeof value === "string") return cleanText(value) as T;
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i += 1) {
        const item: unknown = node[i];
        if (typeof item === "string") node[i] = cleanText(item);
        else if (item !== null && typeof item === "object") stack.push(item);
      }
    } else if (node !== null && typeof node === "object") {
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const item = record[key];
        const cleaned = typeof item === "string" ? cleanText(item) : item;
        if (cleaned !== null && typeof cleaned === "object") stack.push(cleaned);
        const cleanKey = cleanText(key);
        if (cleanKey !== key) {
          delete record[key];
          // A key sent clean wins over a cleaned copy of it; defineProperty, so "__proto__" stays a plain key.
          if (!Object.hasOwn(record, cleanKey))
            Object.defineProperty(record, cleanKey, {
              value: cleaned,
              enumerable: true,
              writable: true,
              configurable: true,
            });
        } else if (cleaned !== item) record[key] = cleaned;
      }
    }
  }
  return value;
}
