/**
 * Money as integer minor units. Shopify sends decimal strings ("42.00"); parsing them as
 * floats and summing would drift, so strings are converted digit by digit, and every split of
 * an amount hands out whole cents that add back up to the amount exactly.
 */
import type { Minor } from "./types";

export class MoneyError extends Error {
  override name = "MoneyError";
}

const fractionDigitsCache = new Map<string, number>();

/** Minor-unit digits of a currency as ICU knows them (USD 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  const code = currency.toUpperCase();
  let digits = fractionDigitsCache.get(code);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      throw new MoneyError(`unknown currency "${currency}"`);
    }
    fractionDigitsCache.set(code, digits);
  }
  return digits;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * "42.00" USD → 4200. Digits beyond the currency's precision are rounded half away from zero,
 * as Shopify rounds for display; anything that is not a plain decimal is refused by name.
 */
export function toMinorUnits(amount: string | number, currency: string): Minor {
  const text = typeof amount === "number" ? numberToDecimal(amount) : amount.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new MoneyError(`"${String(amount)}" is not a decimal amount`);
  const [, sign, whole = "0", fraction = ""] = match;
  const digits = currencyDigits(currency);
  const kept = fraction.slice(0, digits).padEnd(digits, "0");
  const roundUp = fraction.length > digits && Number(fraction[digits]) >= 5 ? 1 : 0;
  const minor = Number(whole + kept) + roundUp;
  if (!Number.isSafeInteger(minor)) throw new MoneyError(`"${String(amount)}" is too large`);
  return sign && minor !== 0 ? -minor : minor;
}

function numberToDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new MoneyError(`${value} is not a decimal amount`);
  // toFixed(6) keeps numbers such as 0.1 from printing as 0.1000000000000000055.
  return value.toFixed(6);
}

const formatterCache = new Map<string, Intl.NumberFormat>();

/** 4200, "USD" → "$42.00" in the merchant's locale. */
export function formatMoney(minor: Minor, currency: string, locale = "en-US"): string {
  const key = `${locale}|${currency}`;
  let formatter = formatterCache.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatterCache.set(key, formatter);
  }
  // Division only for display: the value is never summed again.
  return formatter.format(minor / 10 ** currencyDigits(currency));
}

/**
 * Splits `total` into whole units proportional to integer `weights` (largest remainder,
 * Hamilton's method): parts add up to `total` exactly, each is the floor or ceiling of its
 * exact share, and ties go to the earlier weight so the result is deterministic. Zero weights
 * get zero.
 */
export function allocate(total: Minor, weights: readonly Minor[]): Minor[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new MoneyError(`cannot allocate ${total}`);
  let weightSum = 0;
  for (const weight of weights) {
    if (!Number.isSafeInteger(weight) || weight < 0) throw new MoneyError(`invalid weight ${weight}`);
    weightSum += weight;
  }
  const parts = new Array<number>(weights.length).fill(0);
  if (total === 0 || weightSum === 0) return parts;
  // Below 2^53 the products are exact integers and floor(a / b) is exact; above, use BigInt.
  const exact = Number.isSafeInteger(total * weightSum);
  const remainders = new Array<number>(weights.length);
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i] as number;
    let floor: number;
    let remainder: number;
    if (exact) {
      const product = total * weight;
      floor = Math.floor(product / weightSum);
      remainder = product - floor * weightSum;
    } else {
      const product = BigInt(total) * BigInt(weight);
      floor = Number(product / BigInt(weightSum));
      remainder = Number(product % BigInt(weightSum));
    }
    parts[i] = floor;
    remainders[i] = remainder;
    given += floor;
  }
  let left = total - given;
  if (left > 0) {
    const order = remainders
      .map((_, i) => i)
      .sort((a, b) => (remainders[b] as number) - (remainders[a] as number) || a - b);
    for (const i of order) {
      if (left === 0) break;
      parts[i] = (parts[i] as number) + 1;
      left -= 1;
    }
  }
  return parts;
}

/** `total` in `count` equal whole parts, the leftover cents to the first parts. */
export function allocateEqually(total: Minor, count: number): Minor[] {
  if (count <= 0) return [];
  const base = Math.floor(total / count);
  const left = total - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < left ? 1 : 0));
}
