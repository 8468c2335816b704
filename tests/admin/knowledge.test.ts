/**
 * /app/knowledge through real admin requests (session tokens signed with the app's secret): FAQs and synonyms
 * edited with the error beside the field and nothing lost, another shop's FAQs out of reach, "Sync now" queueing
 * one job, "try a question" showing the shopper's answer and every candidate, and answers switched off.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { action, loader } from "../../app/routes/app.knowledge";
import { action as answersRoute } from "../../app/routes/apps.chatlift.answers";
import { resetAnswerLimits } from "../../app/answers/answer.server";
import { forgetLoadedIndexes } from "../../app/answers/loaded-indexes.server";
import { INDEX_REBUILD_JOB, KNOWLEDGE_SYNC_JOB } from "../../app/answers/sync/sync-state.server";
import { NOW } from "../support/clock";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { aShippingPolicy, storeKnowledge } from "../support/builders/shop-knowledge";
import { responseOf, routeArgs, unwrap } from "../support/http/responses";
import { documentRequest, formPost, signedProxyRequest } from "../support/http/signed-requests";
import { aQuestion } from "../support/http/shopper-requests";

const RUN = randomUUID().slice(0, 8);
const HARBOR = `knowledge-harbor-${RUN}`;
const PEAK = `knowledge-peak-${RUN}`;

type Body = {
  ok: boolean;
  id?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  tried?: {
    indexed: boolean;
    answer: { kind: string; text: string; sources: { id: string; title: string }[] };
    candidates: { id: string; title: string; coverage: number; chosen: boolean; reason: string }[];
  };
};

const post = async (store: string, fields: Record<string, string>) =>
  unwrap<Body>(await action(routeArgs(await formPost(store, "/app/knowledge", fields))));
const page = async (store: string) => loader(routeArgs(await documentRequest(store, "/app/knowledge")));

function aFaqForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    intent: "faq.save",
    locale: "en",
    question: "Do you gift wrap?",
    variants: "Can you wrap it as a gift?\ngift wrapping",
    answer: "Yes: every order can be gift wrapped for free at checkout.",
    linkTitle: "",
    linkUrl: "",
    ...overrides,
  };
}

const shippingPolicy = aShippingPolicy();

const jobsOf = (kind: string, shop: string) =>
  prisma.job.findMany({ where: { kind, dedupeKey: { in: [domainOf(shop), `${domainOf(shop)}:start`] } } });

beforeAll(async () => {
  await storeOfflineSession(prisma, HARBOR);
  await storeOfflineSession(prisma, PEAK);
});

describe("the FAQ editor", () => {
  it("GIVEN a new FAQ WHEN it is added THEN it is stored for the shop with its phrasings and one index rebuild is queued", async () => {
    const result = await post(HARBOR, aFaqForm());

    expect(result).toMatchObject({ status: 200, body: { ok: true } });
    const { faqs } = await page(HARBOR);
    expect(faqs).toEqual([
      expect.objectContaining({
        locale: "en",
        question: "Do you gift wrap?",
        variants: ["Can you wrap it as a gift?", "gift wrapping"],
        linkUrl: null,
      }),
    ]);
    expect(await jobsOf(INDEX_REBUILD_JOB, HARBOR)).toHaveLength(1);
  });

  it.each([
    [{ question: "" }, "question", "Enter the question shoppers ask"],
    [{ answer: "   " }, "answer", "Enter the answer shoppers should read"],
    [
      { linkUrl: "ftp://files.example/a" },
      "linkUrl",
      "Enter a full address (https://…) or a path on your store (/pages/…)",
    ],
    [{ linkTitle: "Read more" }, "linkUrl", "Add the link's address, or leave its title empty"],
    [{ locale: "english!" }, "locale", "Choose a language such as en, de or pt-BR"],
  ])(
    "GIVEN a stored FAQ WHEN an edit sends %o THEN 400 names the field and the FAQ is unchanged",
    async (bad, field, message) => {
      const [before] = (await page(HARBOR)).faqs;
      const form = aFaqForm({ id: before!.id, answer: "Changed answer", ...bad });

      const result = await post(HARBOR, form);

      expect(result.status).toBe(400);
      expect(result.body.fieldErrors).toEqual({ [field]: message });
      expect(result.body.values).toEqual(form);
      expect((await page(HARBOR)).faqs).toEqual([before]);
    },
  );

  it("GIVEN a stored FAQ WHEN it is edited with a link THEN the edit is stored", async () => {
    const [faq] = (await page(HARBOR)).faqs;
    const form = aFaqForm({ id: faq!.id, answer: "Yes, for free.", linkTitle: "Gifts", linkUrl: "/pages/gifts" });

    expect((await post(HARBOR, form)).body.ok).toBe(true);

    expect((await page(HARBOR)).faqs).toEqual([
      expect.objectContaining({ id: faq!.id, answer: "Yes, for free.", linkTitle: "Gifts", linkUrl: "/pages/gifts" }),
    ]);
  });

  it("GIVEN harbor's FAQ WHEN another shop reads, edits or deletes it THEN it sees nothing and changes nothing", async () => {
    const [faq] = (await page(HARBOR)).faqs;

    expect((await page(PEAK)).faqs).toEqual([]);
    const edit = await post(PEAK, aFaqForm({ id: faq!.id, answer: "Peak's words" }));
    const remove = await post(PEAK, { intent: "faq.delete", id: faq!.id });

    expect(edit).toMatchObject({ status: 404, body: { ok: false, error: "This FAQ no longer exists" } });
    expect(remove.status).toBe(404);
    expect((await page(HARBOR)).faqs).toEqual([faq]);
    expect(await jobsOf(INDEX_REBUILD_JOB, PEAK)).toHaveLength(0);
  });

  it("GIVEN a stored FAQ WHEN its shop deletes it THEN it is gone", async () => {
    const [faq] = (await page(HARBOR)).faqs;

    expect((await post(HARBOR, { intent: "faq.delete", id: faq!.id })).body.ok).toBe(true);

    expect((await page(HARBOR)).faqs).toEqual([]);
  });
});

describe("synonyms", () => {
  it("GIVEN one word WHEN a group is saved THEN 400 asks for two and nothing is stored; two words are stored", async () => {
    const refused = await post(HARBOR, { intent: "synonym.save", locale: "de", terms: "Pulli" });
    expect(refused.status).toBe(400);
    expect(refused.body.fieldErrors).toEqual({
      terms: "Enter at least two words that mean the same, separated by commas",
    });
    expect((await page(HARBOR)).synonyms).toEqual([]);

    expect(
      (await post(HARBOR, { intent: "synonym.save", locale: "de", terms: "Pulli, Pullover, pulli" })).body.ok,
    ).toBe(true);

    expect((await page(HARBOR)).synonyms).toEqual([
      expect.objectContaining({ locale: "de", terms: ["Pulli", "Pullover"] }),
    ]);
  });
});

describe("sync now", () => {
  it("GIVEN a shop WHEN Sync now is pressed twice THEN one sync job waits for it", async () => {
    await post(PEAK, { intent: "sync" });
    await post(PEAK, { intent: "sync" });

    const jobs = await jobsOf(KNOWLEDGE_SYNC_JOB, PEAK);
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0]!.payload)).toEqual({ shopDomain: domainOf(PEAK), start: true });
  });
});

describe("try a question and the answer settings", () => {
  const STORE = `knowledge-try-${RUN}`;
  beforeAll(async () => {
    await storeOfflineSession(prisma, STORE);
    await storeKnowledge(domainOf(STORE), [shippingPolicy], NOW, "Harbor");
  });
  beforeEach(() => {
    forgetLoadedIndexes();
    resetAnswerLimits();
  });

  it("GIVEN a synced policy WHEN the merchant tries a question THEN the shopper's answer and the candidates with why are shown", async () => {
    const result = await post(STORE, { intent: "try", question: "Do you ship to Canada?", locale: "en" });

    expect(result.status).toBe(200);
    const tried = result.body.tried!;
    expect(tried.answer).toMatchObject({
      kind: "answer",
      sources: [{ id: shippingPolicy.id, title: "Shipping policy" }],
    });
    expect(tried.answer.text).toContain("Canada");
    expect(tried.candidates[0]).toMatchObject({ id: shippingPolicy.id, chosen: true });
    expect(tried.candidates[0]!.reason).toMatch(/^used in the answer: covers \d+% of the question \(matched: .*canada/);
  });

  it("GIVEN a threshold out of bounds WHEN saved THEN 400 names it and the settings stay as they were", async () => {
    const result = await post(STORE, {
      intent: "settings",
      answersEnabled: "true",
      answerThreshold: "95",
      namespaces: "custom",
    });

    expect(result).toMatchObject({ status: 400, body: { fieldErrors: { answerThreshold: "From 30% to 90%" } } });
    expect((await page(STORE)).settings).toEqual({ enabled: true, threshold: null, namespaces: ["custom"] });
  });

  it("GIVEN a threshold of 90% WHEN the same question is tried THEN ChatLift abstains and says why per candidate", async () => {
    const saved = await post(STORE, {
      intent: "settings",
      answersEnabled: "true",
      answerThreshold: "90",
      namespaces: "custom, care",
    });
    expect(saved.body.ok).toBe(true);
    expect((await page(STORE)).settings).toEqual({ enabled: true, threshold: 0.9, namespaces: ["custom", "care"] });

    const tried = (
      await post(STORE, { intent: "try", question: "Do you ship to Canada or Mexico by sea?", locale: "en" })
    ).body.tried!;

    expect(tried.answer.kind).toBe("abstain");
    expect(tried.candidates[0]!.reason).toMatch(/; 90% is needed to answer from it$/);
  });

  it("GIVEN answers switched off WHEN a shopper asks through the app proxy THEN 404 says answers are off", async () => {
    await post(STORE, { intent: "settings", answersEnabled: "false", answerThreshold: "", namespaces: "custom" });
    const question = aQuestion({ sessionId: `sess_${RUN}`, visitorId: `visitor_${RUN}` }, "Do you ship to Canada?");

    const response = await responseOf(
      answersRoute(
        routeArgs(signedProxyRequest({ path: "/apps/chatlift/answers", shop: domainOf(STORE), body: question })),
      ),
    );

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: `answers are off on ${domainOf(STORE)}` });
    expect(await prisma.chatEvent.count({ where: { shopDomain: domainOf(STORE) } })).toBe(0);
  });
});
