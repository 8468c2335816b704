/**
 * The fuzz's raw material, drawn from a seed: hostile values (money past any cart, odd currencies,
 * NULs and unpaired surrogates, wrong types) and the one mutation that puts one anywhere in a JSON
 * body. scripts/bench/fuzz/bodies.ts builds the routes' bodies from them.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Random = () => number;

/** mulberry32: small, seedable, good enough to pick mutations. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

export function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export const opaque = (random: Random, prefix: string) =>
  `${prefix}_${Math.floor(random() * 2 ** 40).toString(36)}xxxxxxxx`;

export const HOSTILE_TEXT = [
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFF",
  "x\uDBFF\uDBFFy",
  "\uDC00\uD800",
  "😀",
  "\u202Egnp.exe",
  '\'; DROP TABLE "Order"; --',
  "%00%ff",
  "\\u0000",
  "<script>alert(1)</script>",
  "",
  " ",
  "Ω".repeat(3000),
] as const;

export const HOSTILE_AMOUNTS: readonly Json[] = [
  1e20,
  1e21,
  1e308,
  -1,
  0,
  0.004,
  0.005,
  1e11,
  1e11 + 0.5,
  99_999_999_999.9999,
  123.456789,
  Number.MAX_SAFE_INTEGER,
  5e-324,
  "12.00",
  null,
  true,
];

export const HOSTILE_CURRENCIES: readonly Json[] = [
  "USD",
  "usd",
  "US$",
  "ZZZ",
  "XAU",
  "KWD",
  "JPY",
  "CLF",
  "EURO",
  "",
  "€",
  "U\u0000D",
  "\uD800SD",
  840,
  null,
];

export const WEBHOOK_AMOUNTS: readonly Json[] = [
  "1e30",
  "99999999999999999999.99",
  "999999999999.99",
  "1000000000000.00",
  "-5.00",
  "abc",
  ".5",
  "5.",
  " 12.00 ",
  "12,50",
  "0.0000000000000000000001",
  1e21,
  12.5,
  "\u000012.00",
  null,
];

export const HOSTILE_VALUES: readonly Json[] = [
  null,
  true,
  -1,
  1.5,
  1e300,
  -1e300,
  "",
  "\u0000",
  [],
  {},
  [null],
  { "\u0000": "\uD800" },
  "9".repeat(400),
];

/** Every path to a leaf or a key in a JSON value, for mutations to choose from. */
export function paths(
  value: Json,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  const children: Array<[string | number, Json]> = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : value !== null && typeof value === "object"
      ? Object.entries(value)
      : [];
  for (const [key, item] of children) {
    out.push([...prefix, key]);
    paths(item, [...prefix, key], out);
  }
  return out;
}

export function parentOf(
  root: Json,
  path: (string | number)[],
): { parent: Json[] | Record<string, Json>; key: string | number } {
  let node = root as Json[] | Record<string, Json>;
  for (const step of path.slice(0, -1)) node = (node as Record<string, Json>)[step as string] as Record<string, Json>;
  return { parent: node, key: path[path.length - 1] as string | number };
}

/** One random change somewhere in `root` (in place): a value replaced, text poisoned, a key dropped or added. */
export function mutateAnywhere(random: Random, root: Json): string {
  const all = paths(root);
  if (!all.length) return "nothing to mutate";
  const path = pick(random, all);
  const { parent, key } = parentOf(root, path);
  const current = (parent as Record<string, Json>)[key as string];
  const where = path.join(".");
  const roll = random();
  if (roll < 0.35 && typeof current === "string") {
    const bad = pick(random, HOSTILE_TEXT);
    const at = Math.floor(random() * (current.length + 1));
    (parent as Record<string, Json>)[key as string] = current.slice(0, at) + bad + current.slice(at);
    return `text poisoned at ${where}`;
  }
  if (roll < 0.7) {
    (parent as Record<string, Json>)[key as string] = structuredClone(pick(random, HOSTILE_VALUES));
    return `value replaced at ${where}`;
  }
  if (roll < 0.85 && !Array.isArray(parent)) {
    delete parent[key as string];
    return `key dropped at ${where}`;
  }
  if (!Array.isArray(parent)) {
    // defineProperty: "__proto__" must become a key of the body, not this object's prototype.
    Object.defineProperty(parent, pick(random, ["extra", "__proto__", "constructor", "\u0000", "\uD800"]), {
      value: structuredClone(pick(random, HOSTILE_VALUES)),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return `key added beside ${where}`;
  }
  parent.push(structuredClone(pick(random, HOSTILE_VALUES)));
  return `item added to ${where}`;
}
