/**
 * Knowledge gaps end to end: shoppers ask through the signed answers route, the Knowledge page groups what the
 * shop could not answer (with the revenue of the sessions that asked), the merchant writes the FAQ, and the
 * gap then shows its answer rate before and after. Another shop sees none of it.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { action, loader } from "../../app/routes/app.knowledge";
import { resetAnswerLimits } from "../../app/answers/answer.server";
import { forgetLoadedIndexes } from "../../app/answers/loaded-indexes.server";
import { rebuildKnowledgeIndex } from "../../app/answers/sync/index-store.server";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { aShippingPolicy, storeKnowledge } from "../support/builders/shop-knowledge";
import { aCreditedOrder, daysAgo } from "../support/builders/stored-orders";
import { freezeClock, NOW } from "../support/clock";
import { routeArgs, unwrap } from "../support/http/responses";
import { documentRequest, formPost } from "../support/http/signed-requests";
import { aQuestion, askQuestion } from "../support/http/shopper-requests";

const RUN = randomUUID().slice(0, 8);
const STORE = `gaps-${RUN}`;
const OTHER = `gaps-other-${RUN}`;

let asked = 0;
async function ask(store: string, text: string): Promise<{ sessionId: string; kind: string }> {
  asked += 1;
  const sessionId = `sess_${RUN}_${asked}`;
  const { kind } = await askQuestion(store, aQuestion({ sessionId, visitorId: `visitor_${RUN}_${asked}` }, text));
  return { sessionId, kind };
}

const gapsOf = async (store: string) =>
  (await loader(routeArgs(await documentRequest(store, "/app/knowledge")))).gaps.gaps;

async function rebuild(store: string, at: Date) {
  await rebuildKnowledgeIndex(domainOf(store), at);
  forgetLoadedIndexes();
}

describe("knowledge gaps", () => {
  beforeAll(async () => {
    forgetLoadedIndexes();
    resetAnswerLimits();
    for (const store of [STORE, OTHER]) {
      await storeOfflineSession(prisma, store);
      await storeKnowledge(domainOf(store), [aShippingPolicy()], daysAgo(10), store);
    }
    // GIVEN five days ago three shoppers asked for gift wrapping in their own words (not covered), one about Canada
    freezeClock(daysAgo(5));
    const wrapped = [
      await ask(STORE, "Do you offer gift wrapping?"),
      await ask(STORE, "do you offer gift wrapping"),
      await ask(STORE, "Gift wrapping available?"),
    ];
    expect(wrapped.map((answer) => answer.kind)).toEqual(["abstain", "abstain", "abstain"]);
    expect((await ask(STORE, "Do you ship to Canada?")).kind).toBe("answer");
    // …one of them bought, credited to the chat
    await aCreditedOrder(prisma, domainOf(STORE), daysAgo(4), [{ chatSessionId: wrapped[0]!.sessionId }]);
    // …and another shop's shopper asked the same
    await ask(OTHER, "Do you offer gift wrapping?");
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it("GIVEN three wordings not answered THEN one gap, with its wordings, counts and the revenue of its sessions", async () => {
    freezeClock(NOW);
    const gaps = await gapsOf(STORE);
    expect(gaps).toEqual([
      {
        question: "Do you offer gift wrapping?",
        locale: "en",
        wordings: ["Gift wrapping available?"],
        asked: 3,
        unanswered: 3,
        revenueMinor: 4200,
        faq: null,
      },
    ]);
  });

  it("WHEN the merchant writes the FAQ and shoppers ask again THEN the gap shows its answer rate before and after", async () => {
    // WHEN three days ago the merchant saved the FAQ the gap proposed
    freezeClock(daysAgo(3));
    const saved = unwrap<{ ok: boolean }>(
      await action(
        routeArgs(
          await formPost(STORE, "/app/knowledge", {
            intent: "faq.save",
            locale: "en",
            question: "Do you offer gift wrapping?",
            variants: "Gift wrapping available?",
            answer: "Yes: every order can be gift wrapped for free at checkout.",
            linkTitle: "",
            linkUrl: "",
          }),
        ),
      ),
    );
    expect(saved.body.ok).toBe(true);
    await rebuild(STORE, daysAgo(3));
    // …and two shoppers asked again yesterday
    freezeClock(daysAgo(1));
    expect((await ask(STORE, "Do you offer gift wrapping?")).kind).toBe("answer");
    expect((await ask(STORE, "gift wrapping available")).kind).toBe("answer");

    // THEN
    freezeClock(NOW);
    const [gap] = await gapsOf(STORE);
    expect(gap).toMatchObject({ question: "Do you offer gift wrapping?", asked: 5, unanswered: 3 });
    expect(gap!.faq).toMatchObject({
      question: "Do you offer gift wrapping?",
      since: daysAgo(3).toISOString(),
      before: { asked: 3, answered: 0 },
      after: { asked: 2, answered: 2 },
    });
    // …and the other shop's gap is its own
    expect((await gapsOf(OTHER)).map((other) => [other.asked, other.revenueMinor, other.faq])).toEqual([[1, 0, null]]);
  });
});
