/** Builders for the routing tests: rule sets as the editor sends them, and stored leads. */
import prisma from "../../../app/db.server";
import type { RuleSetInput } from "../../../app/routing";
import { NOW } from "../clock";

export const OWNERS = ["101", "102", "103"];

/** Round-robin over three owners for every lead with an email, then a rule that is turned off. */
export function aRuleSet(overrides: Partial<RuleSetInput> = {}): RuleSetInput {
  return {
    version: 1,
    rules: [
      {
        id: "everyone-round-robin",
        name: "Everyone with an email",
        conditions: { fact: "email", is: "captured" },
        actions: [{ type: "assign_owner", mode: "round_robin", ownerIds: OWNERS }],
      },
      {
        id: "vip-deal",
        name: "Big spenders get a deal",
        enabled: false,
        conditions: { fact: "order_revenue", op: "gte", value: 100_000 },
        actions: [{ type: "create_deal", pipelineId: "default", stageId: "appointmentscheduled" }],
      },
    ],
    scoring: { qualifiedThreshold: 50 },
    ...overrides,
  };
}

/** A lead captured with consent in one session, with that session's micro-conversions. */
export async function storeLead(
  shopDomain: string,
  index: number,
  micros: Array<{ kind: string; at: Date }> = [],
  createdAt = NOW,
) {
  const sessionId = `session-${index}`;
  const email = `shopper${index}@example.com`;
  await prisma.chatSession.create({
    data: {
      shopDomain,
      id: sessionId,
      visitorId: `visitor-${index}`,
      arm: "treatment",
      startedAt: createdAt,
      lastSeenAt: createdAt,
      landingPath: "/products/linen-shirt",
      pageType: "product",
      email,
    },
  });
  await prisma.microConversion.createMany({
    data: micros.map((micro, n) => ({
      shopDomain,
      id: `${sessionId}-micro-${n}`,
      sessionId,
      kind: micro.kind,
      at: micro.at,
    })),
  });
  return prisma.lead.create({
    data: {
      shopDomain,
      email,
      consentText: "Email me about my order",
      consentAt: createdAt,
      firstSessionId: sessionId,
      lastSessionId: sessionId,
      createdAt,
    },
  });
}
