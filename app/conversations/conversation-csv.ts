/**
 * Why: merchants want conversations row by row in a spreadsheet (peers' most asked-for export). Money in
 * major units so a spreadsheet sums it as shown; cells a spreadsheet would run as a formula are defused,
 * because the shopper's own words reach this file.
 */
import { currencyDigits } from "../attribution/money";
import type { ConversationNumbers } from "./conversation-list";

export interface ConversationRow extends ConversationNumbers {
  sessionId: string;
  startedAt: string;
  lastSeenAt: string;
  landingPath: string | null;
  utm: { source: string | null; medium: string | null; campaign: string | null };
  creditedOrders: number;
  creditedMinor: number;
  credited: string | null;
}

export function csvCell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function conversationsCsv(
  rows: ConversationRow[],
  frame: { currency: string; model: string; windowDays: number },
): string {
  const digits = currencyDigits(frame.currency);
  const header = [
    "session_id",
    "started_at",
    "landing_path",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "flows",
    "questions",
    "answered",
    "abstained",
    "micro_conversions",
    "shopper_turns",
    "helpful",
    "not_helpful",
    "handoffs",
    "csat",
    "first_words",
    "credited_orders",
    `credited_${frame.currency.toLowerCase()}_${frame.model}_${frame.windowDays}d`,
  ];
  const lines = rows.map((row) =>
    [
      row.sessionId,
      row.startedAt,
      row.landingPath,
      row.utm.source,
      row.utm.medium,
      row.utm.campaign,
      row.flows.join(" "),
      row.questions,
      row.answered,
      row.abstained,
      row.microConversions.join(" "),
      row.shopperTurns,
      row.helpful,
      row.notHelpful,
      row.handoffs,
      row.csat,
      row.firstShopperWords,
      row.creditedOrders,
      (row.creditedMinor / 10 ** digits).toFixed(digits),
    ]
      .map(csvCell)
      .join(","),
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
