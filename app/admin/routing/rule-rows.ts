/**
 * The rows view of a rule's conditions and actions, pure: the JSON the advanced view edits is the
 * one state both views share, and these read it as rows and write rows back as it. A root that
 * is a single condition shows as "all of" one row; "not" is a row's switch, not a group of its own.
 */
export type GroupMode = "all" | "any";
export type Group = { mode: GroupMode; children: unknown[] };
type Row = Record<string, unknown>;

export const isRecord = (value: unknown): value is Row =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function asGroup(node: unknown): Group | null {
  if (!isRecord(node)) return null;
  const keys = Object.keys(node);
  if (keys.length !== 1) return null;
  if (keys[0] === "all" && Array.isArray(node.all)) return { mode: "all", children: node.all };
  if (keys[0] === "any" && Array.isArray(node.any)) return { mode: "any", children: node.any };
  return null;
}

/** The conditions' root as a group: a lone condition (or a negated one) is the one row of "all of". */
export const rootGroup = (node: unknown): Group => asGroup(node) ?? { mode: "all", children: [node] };

export const groupJson = (group: Group): unknown => ({ [group.mode]: group.children });

export function negationOf(node: unknown): { negated: boolean; inner: unknown } {
  if (isRecord(node) && Object.keys(node).length === 1 && "not" in node) return { negated: true, inner: node.not };
  return { negated: false, inner: node };
}

export const negated = (inner: unknown, on: boolean): unknown => (on ? { not: inner } : inner);

/** A row with one field set, or left out when `value` is undefined. */
export function withField(row: Row, key: string, value: unknown): Row {
  const next = { ...row };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

export const replaced = <T>(list: readonly T[], index: number, item: T): T[] =>
  list.map((existing, at) => (at === index ? item : existing));
export const removed = <T>(list: readonly T[], index: number): T[] => list.filter((_, at) => at !== index);
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to] as T, next[index] as T];
  return next;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJsonText(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/** How the rows write the shared JSON: the same layout the advanced view starts with. */
export const jsonText = (value: unknown) => JSON.stringify(value, null, 2);
