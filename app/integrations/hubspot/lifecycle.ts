/**
 * A contact's lifecycle stage only moves forward. HubSpot's v3 API may take an earlier stage and so
 * demote a contact the merchant's team moved on; ChatLift re-sends the stage its rules chose with
 * every update. So the stage is sent only when it is later, in the portal's own stage order, than
 * the one HubSpot last said the contact has.
 */
export const LIFECYCLE_PROPERTY = "lifecyclestage";

/** True when `wanted` moves the contact forward from `current` (or the contact has no stage yet). */
export function movesForward(wanted: string, current: string | undefined, order: readonly string[]): boolean {
  if (!current) return true;
  const from = order.indexOf(current);
  const to = order.indexOf(wanted);
  // A stage outside the portal's order (custom, since deleted) is never overwritten by a guess.
  if (from < 0 || to < 0) return false;
  return to > from;
}
