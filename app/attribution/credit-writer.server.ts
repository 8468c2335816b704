/**
 * Writes credits in bulk: a re-attribution writes hundreds of thousands of rows, so they go as
 * JSON through one bound value per 5,000 rows (app/capture/bulk-insert.server.ts).
 */
import { randomBytes } from "node:crypto";
import type { Tx } from "../db.server";
import { jsonInserts, jsonTimestamp, type JsonColumn } from "../capture/bulk-insert.server";
import { dealJobInserts } from "../sync/outbox.server";

export interface CreditRow {
  id: string;
  shopDomain: string;
  orderId: string;
  chatSessionId: string;
  rule: string;
  model: string;
  windowDays: number;
  role: string;
  confidence: number;
  amountMinor: number;
  grossAmountMinor: number;
  reducedBy: string | null;
  share: number;
  currency: string;
  explanation: string;
  arm: string | null;
}

const COLUMNS: readonly JsonColumn[] = [
  ["id", "text"],
  ["shopDomain", "text"],
  ["orderId", "text"],
  ["chatSessionId", "text"],
  ["rule", "text"],
  ["model", "text"],
  ["windowDays", "integer"],
  ["role", "text"],
  ["confidence", "double precision"],
  ["amountMinor", "bigint"],
  ["grossAmountMinor", "bigint"],
  ["reducedBy", "text"],
  ["share", "double precision"],
  ["currency", "text"],
  ["explanation", "text"],
  ["arm", "text"],
  ["createdAt", "timestamp(3)"],
];

let sequence = 0;
const processTag = randomBytes(4).toString("hex");

/**
 * A credit id that sorts by creation (time, then a per-process sequence), unique across
 * processes by a random tag: bulk inserts then append to the primary key instead of splitting
 * pages all over it, as random ids would.
 */
export function newCreditId(now = Date.now()): string {
  sequence = (sequence + 1) % 2_176_782_336; // 36^6
  return `c${now.toString(36).padStart(9, "0")}${sequence.toString(36).padStart(6, "0")}${processTag}`;
}

/** An open interactive transaction (see attribute-order.server.ts for why not a batch). */
export type CreditWriter = Pick<Tx, "$executeRaw" | "$queryRaw">;

/**
 * The INSERT statements for `credits`, to run inside the caller's transaction, with a HubSpot
 * deal job per credited order of a connected shop (so credits and their deal commit together).
 */
export function insertCredits(db: CreditWriter, credits: readonly CreditRow[], now: Date) {
  const createdAt = jsonTimestamp(now);
  const credited = credits.filter((credit) => credit.amountMinor > 0);
  return [
    ...jsonInserts(
      db,
      "Credit",
      COLUMNS,
      credits.map((credit) => ({ ...credit, createdAt })),
    ),
    ...dealJobInserts(db, credited, now),
  ];
}
