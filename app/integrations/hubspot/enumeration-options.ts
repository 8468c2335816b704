/**
 * Why: a portal connected before ChatLift learnt a new option (a new micro-conversion kind) holds
 * the enumeration with the old options, and HubSpot refuses every record carrying the new value.
 * HubSpot's property updates replace the whole options list (CRM PATCH overwrites the fields it is
 * given; event-definition property PATCH likewise), so the update must carry every option the
 * portal has, untouched (the merchant's own, older ones, their labels, order and hidden flag),
 * plus ours that it lacks, placed after them.
 */

/** An option as HubSpot returns it; displayOrder may be missing on older or hand-made options. */
export type ExistingOption = {
  label: string;
  value: string;
  displayOrder?: number;
  hidden: boolean;
  description?: string;
};
/** An option as both update endpoints take it (the event-definition one requires displayOrder). */
export type OptionUpdate = {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
};

/** HubSpot's meaning of -1: shown after every positively ordered option. */
const UNORDERED = -1;

/**
 * The full options list to send when the portal lacks some of ours, or null when it has them all
 * (then nothing is sent: a second run makes no call). Options are matched by value only.
 */
export function optionsWithMissing(
  existing: ExistingOption[],
  ours: Array<{ label: string; value: string }>,
): OptionUpdate[] | null {
  const have = new Set(existing.map((option) => option.value));
  const missing = ours.filter((option) => !have.has(option.value));
  if (missing.length === 0) return null;
  const kept = existing.map((option): OptionUpdate => ({
    label: option.label,
    value: option.value,
    displayOrder: option.displayOrder ?? UNORDERED,
    hidden: option.hidden,
    ...(option.description ? { description: option.description } : {}),
  }));
  const next = Math.max(UNORDERED, ...kept.map((option) => option.displayOrder)) + 1;
  const added = missing.map((option, index): OptionUpdate => ({
    label: option.label,
    value: option.value,
    displayOrder: next + index,
    hidden: false,
  }));
  return [...kept, ...added];
}
