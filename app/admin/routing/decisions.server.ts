/**
 * The decision log of one lead: every rule the routing stage evaluated for it, newest routing
 * first, with the version that decided, the conditions and what they found, the actions and
 * their outcome, and the reason sentence. Found by lead id or email, always within the shop.
 * Routing stores its reasons naming owners by id ("owner 501"); the log names them as HubSpot
 * does now ("Ada Lovelace (501)"), asking HubSpot only when a decision names an owner.
 */
import prisma from "../../db.server";
import { nameOwners, namesOwnerIds } from "../../routing/actions";
import { readOwnerNames } from "./references.server";

export type LoggedCondition = {
  matched: boolean;
  path: string;
  text: string;
  observed?: string;
  children?: LoggedCondition[];
};
export type LoggedAction = { type: string; summary: string; result: string };

export type LoggedDecision = {
  ruleId: string;
  ruleName: string;
  ruleSetVersion: number;
  status: string;
  reason: string;
  because: string[];
  conditions: LoggedCondition | null;
  actions: LoggedAction[];
  decidedAt: Date;
};

export type DecisionLog =
  | {
      kind: "found";
      lead: { id: string; email: string; intentScore: number; qualifiedAt: Date | null; createdAt: Date };
      decisions: LoggedDecision[];
    }
  | { kind: "no_lead"; query: string };

type Detail = { ruleName?: string; because?: string[]; conditions?: LoggedCondition | null; actions?: LoggedAction[] };

function readDetail(text: string): Detail {
  try {
    return JSON.parse(text) as Detail;
  } catch {
    return {};
  }
}

export async function readDecisionLog(shopDomain: string, query: string): Promise<DecisionLog> {
  const term = query.trim();
  const lead = await prisma.lead.findFirst({
    where: { shopDomain, OR: [{ id: term }, { email: term.toLowerCase() }] },
    select: { id: true, email: true, intentScore: true, qualifiedAt: true, createdAt: true },
  });
  if (!lead) return { kind: "no_lead", query: term };
  const rows = await prisma.routingDecision.findMany({
    where: { shopDomain, leadId: lead.id },
    orderBy: [{ decidedAt: "desc" }, { id: "asc" }],
    take: 200,
  });
  const decisions = rows.map((row) => {
    const detail = readDetail(row.detail);
    return {
      ruleId: row.ruleId,
      ruleName: detail.ruleName ?? row.ruleId,
      ruleSetVersion: row.ruleSetVersion,
      status: row.status,
      reason: row.reason,
      because: detail.because ?? [],
      conditions: detail.conditions ?? null,
      actions: (detail.actions ?? []).map(({ type, summary, result }) => ({ type, summary, result })),
      decidedAt: row.decidedAt,
    };
  });
  return { kind: "found", lead, decisions: await withOwnerNames(shopDomain, decisions) };
}

async function withOwnerNames(shopDomain: string, decisions: LoggedDecision[]): Promise<LoggedDecision[]> {
  const texts = decisions.flatMap((decision) => [
    decision.reason,
    ...decision.actions.flatMap((action) => [action.summary, action.result]),
  ]);
  if (!texts.some(namesOwnerIds)) return decisions;
  const names = await readOwnerNames(shopDomain);
  if (!Object.keys(names).length) return decisions;
  return decisions.map((decision) => ({
    ...decision,
    reason: nameOwners(decision.reason, names),
    actions: decision.actions.map((action) => ({
      ...action,
      summary: nameOwners(action.summary, names),
      result: nameOwners(action.result, names),
    })),
  }));
}

/** The shop's most recently routed leads, to pick one from. */
export async function recentlyRoutedLeads(
  shopDomain: string,
  limit = 10,
): Promise<Array<{ leadId: string; email: string; decidedAt: Date }>> {
  const recent = await prisma.routingDecision.groupBy({
    by: ["leadId"],
    where: { shopDomain },
    _max: { decidedAt: true },
    orderBy: { _max: { decidedAt: "desc" } },
    take: limit,
  });
  const leads = await prisma.lead.findMany({
    where: { shopDomain, id: { in: recent.map((row) => row.leadId) } },
    select: { id: true, email: true },
  });
  const emails = new Map(leads.map((lead) => [lead.id, lead.email]));
  return recent.flatMap((row) => {
    const email = emails.get(row.leadId);
    return email && row._max.decidedAt ? [{ leadId: row.leadId, email, decidedAt: row._max.decidedAt }] : [];
  });
}

export type DecisionPage = {
  query: string | null;
  log: DecisionLog | null;
  recent: Array<{ leadId: string; email: string; decidedAt: Date }>;
};

/** The decision log page: one lead's log when asked for, otherwise the leads routed last. */
export async function readDecisionPage(shopDomain: string, lead: string | null): Promise<DecisionPage> {
  if (lead) return { query: lead, log: await readDecisionLog(shopDomain, lead), recent: [] };
  return { query: null, log: null, recent: await recentlyRoutedLeads(shopDomain) };
}
