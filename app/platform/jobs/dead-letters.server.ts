/**
 * Webhooks Shopify signed that ChatLift cannot read (a body that is not JSON). Answering anything but
 * 2xx only makes Shopify retry the same unreadable body for hours, so the delivery is acknowledged and
 * kept here with its reason, for the merchant to see. The body itself is not kept: it may hold a
 * customer's details that could not be parsed to be redacted later; its size and SHA-256 identify it
 * in Shopify's delivery log.
 */
import { createHash } from "node:crypto";
import prisma from "../../db.server";
import { isUniqueViolation } from "../db/errors";

export interface DeadLetter {
  shopDomain: string;
  topic: string;
  webhookId: string;
  eventId: string | null;
  reason: string;
  rawBody: string;
}

/** Once per delivery: a retry of the same webhook id changes nothing. */
export async function recordDeadLetter(letter: DeadLetter): Promise<"recorded" | "duplicate"> {
  const body = Buffer.from(letter.rawBody, "utf8");
  try {
    await prisma.webhookDeadLetter.create({
      data: {
        webhookId: letter.webhookId,
        shopDomain: letter.shopDomain,
        topic: letter.topic,
        eventId: letter.eventId,
        reason: letter.reason,
        bodyBytes: body.byteLength,
        bodySha256: createHash("sha256").update(body).digest("hex"),
      },
      select: { webhookId: true },
    });
    return "recorded";
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

export interface DeadLetterRow {
  webhookId: string;
  topic: string;
  reason: string;
  bodyBytes: number;
  bodySha256: string;
  receivedAt: Date;
}

/** The shop's newest unreadable webhooks, for its admin. */
export function recentDeadLetters(shopDomain: string, take = 20): Promise<DeadLetterRow[]> {
  return prisma.webhookDeadLetter.findMany({
    where: { shopDomain },
    orderBy: { receivedAt: "desc" },
    take,
    select: { webhookId: true, topic: true, reason: true, bodyBytes: true, bodySha256: true, receivedAt: true },
  });
}

/**
 * Why a body is not JSON, without quoting it: Node's messages carry a snippet of the text, which
 * may be a customer's email.
 */
export function notJsonReason(error: SyntaxError, rawBody: string): string {
  if (rawBody.trim() === "") return "the body is empty, not JSON";
  const position = /at position (\d+)/.exec(error.message)?.[1];
  if (position !== undefined) return `the body is not JSON (invalid at character ${Number(position) + 1})`;
  if (/end of JSON input/i.test(error.message)) return "the body is not JSON (it is cut short)";
  return "the body is not JSON";
}
