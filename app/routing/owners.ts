/**
 * Owner assignment. Round-robin keeps its place per rule in explicit state (the last owner
 * given and how many were given), which the caller stores with the decision and hands back
 * next time: after a restart the rotation continues where it stopped instead of starting over
 * at the first owner. Callers must load, evaluate and store it in one transaction per rule, or
 * two leads evaluated at once can get the same owner.
 */
import { z } from "zod";
import type { ActionOf } from "./action-schema";

export const roundRobinStateSchema = z.record(
  z.string(),
  z.strictObject({ lastOwnerId: z.string().nullable(), assigned: z.number().int().min(0) }),
);
/** By rule id. */
export type RoundRobinState = z.output<typeof roundRobinStateSchema>;

export type OwnerOutcome =
  | { kind: "assigned"; ownerId: string; how: "fixed" | "round_robin"; turn?: { position: number; of: number } }
  | { kind: "kept"; ownerId: string };

/** The owner after `lastOwnerId` in the pool; a pool edited since starts at the count's turn. */
export function nextInRotation(
  pool: readonly string[],
  place: RoundRobinState[string] | undefined,
): { ownerId: string; position: number } {
  if (pool.length === 0) throw new Error("round-robin needs at least one owner");
  const last = place?.lastOwnerId ? pool.indexOf(place.lastOwnerId) : -1;
  const position = last >= 0 ? (last + 1) % pool.length : (place?.assigned ?? 0) % pool.length;
  return { ownerId: pool[position] as string, position };
}

/**
 * Applies one assign_owner action. Returns the new state instead of changing the one given, so
 * a dry run can run on a copy and a failed transaction leaves nothing half-advanced.
 */
export function assignOwner(
  action: ActionOf<"assign_owner">,
  ruleId: string,
  currentOwnerId: string | undefined,
  state: RoundRobinState,
): { outcome: OwnerOutcome; state: RoundRobinState } {
  if (currentOwnerId && !action.overwrite) return { outcome: { kind: "kept", ownerId: currentOwnerId }, state };
  if (action.mode === "fixed")
    return { outcome: { kind: "assigned", ownerId: action.ownerId as string, how: "fixed" }, state };
  const pool = action.ownerIds ?? [];
  const place = state[ruleId];
  const { ownerId, position } = nextInRotation(pool, place);
  return {
    outcome: { kind: "assigned", ownerId, how: "round_robin", turn: { position: position + 1, of: pool.length } },
    state: { ...state, [ruleId]: { lastOwnerId: ownerId, assigned: (place?.assigned ?? 0) + 1 } },
  };
}

/** State as read back from storage; anything unreadable is an error, never a silent restart. */
export function restoreRoundRobinState(stored: unknown): RoundRobinState {
  return roundRobinStateSchema.parse(stored ?? {});
}
