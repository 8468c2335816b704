import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseWidgetConfig } from "../../contract/widget-config";
import {
  advance,
  convert,
  conversionKind,
  currentStep,
  isHardAnswer,
  promptText,
  startRun,
} from "../../widget/core/flow-engine";
import { Talk, fill, paced, pick, readNumber } from "../../widget/core/talk";
import { aConfig, aFlow } from "../support/builders/widget";

describe("flow engine", () => {
  it("walks fit help: a reply (the goal, fit help), recommendations, then email capture", () => {
    // GIVEN a run of the fit-help flow
    const run = startRun(aFlow("fit-help"), randomUUID(), "salt-aaaaaaaa");
    const ask = currentStep(run)!;
    expect(ask.kind).toBe("message");
    // WHEN the visitor replies: the message is the goal, so fit help is recorded and the flow completes, once
    expect(convert(run, ask)).toEqual({ kind: "fit_help", completes: true });
    const picks = advance(run, ask.kind === "message" ? ask.replies[0] : undefined)!;
    expect(picks.id).toBe("picks");
    expect(isHardAnswer(picks)).toBe(true);
    // AND adds to cart from the recommendations: an add to cart, the flow already completed
    expect(convert(run, picks)).toEqual({ kind: "add_to_cart", completes: false });
    // THEN the email step follows, and after it the run ends
    expect(advance(run)!.kind).toBe("email_capture");
    expect(advance(run)).toBeUndefined();
    expect(run).toMatchObject({ ended: true, completed: true });
  });

  it("follows a reply to its step or to the end", () => {
    const config = parseWidgetConfig({
      ...aConfig(),
      flows: [
        {
          id: "branch",
          label: { en: "Branch" },
          trigger: { kind: "page_type" },
          prompt: { en: "Hi" },
          steps: [
            {
              id: "q",
              kind: "message",
              text: { en: "Which?" },
              replies: [
                { id: "skip", label: { en: "Link" }, next: "l" },
                { id: "bye", label: { en: "No" }, next: "end" },
              ],
            },
            { id: "c", kind: "coupon", code: "X", text: { en: "Code" } },
            { id: "l", kind: "link", url: "/pages/demo", label: { en: "Demo" }, text: { en: "Book" } },
          ],
        },
      ],
    });
    const flow = config.flows[0]!;
    const first = startRun(flow, "visitor-0001", "salt-aaaaaaaa");
    const q = currentStep(first)!;
    if (q.kind !== "message") throw new Error("message expected");
    expect(advance(first, q.replies[0])!.id).toBe("l");
    const second = startRun(flow, "visitor-0001", "salt-aaaaaaaa");
    expect(advance(second, q.replies[1])).toBeUndefined();
    // No goal marked: finishing counts as completed, leaving early does not
    expect(second.completed).toBe(true);
  });

  it("gives each visitor one experiment variant, for good", () => {
    const flow = aFlow("cart-coupon");
    const visitor = randomUUID();
    const run = startRun(flow, visitor, "salt-aaaaaaaa");
    expect(["ten-off", "ten-off-urgent"]).toContain(run.variantId);
    expect(startRun(flow, visitor, "salt-aaaaaaaa").variantId).toBe(run.variantId);
    const urgent = startRun(flow, visitor, "salt-aaaaaaaa");
    urgent.variantId = "ten-off-urgent";
    expect(promptText(urgent).en).toBe("10% off your cart, today only.");
  });

  it("names each step kind's micro-conversion", () => {
    const [team, book] = aFlow("demo").steps;
    expect(conversionKind(team!)).toBe("qualifier");
    expect(conversionKind(book!)).toBe("demo_booked");
  });
});

describe("micro-interactions", () => {
  const talk = new Talk({
    ack: "Good question.|Got it.",
    check: "Let me check…|One moment…",
    repair: "Sorry. One of these?",
  });

  it("acknowledges only before a hard answer, and not on two turns in a row", () => {
    expect(talk.acknowledge(1, false)).toBeUndefined();
    expect(talk.acknowledge(2, true)).toBe("Good question.");
    expect(talk.acknowledge(3, true)).toBeUndefined();
    expect(talk.acknowledge(5, true)).toBe("Got it.");
  });

  it.each([
    ["12", { kind: "number", value: 12 }],
    ["about 1,500 people", { kind: "number", value: 1500 }],
    ["10-20", { kind: "ambiguous", options: [10, 20] }],
    ["5 or 6", { kind: "ambiguous", options: [5, 6] }],
    ["a few", { kind: "invalid" }],
    ["0", { kind: "invalid" }],
  ])("reads %s as %o (a clarifying question follows when ambiguous)", (input, expected) => {
    expect(readNumber(input, 1, 10_000)).toEqual(expected);
  });

  it("holds the procedural signal 300–700 ms around a fast wait, and never delays a slow one", async () => {
    let clock = 0;
    const slept: number[] = [];
    const sleep = async (ms: number) => void slept.push(ms);
    await paced(Promise.resolve("fast"), sleep, () => clock, 450);
    expect(slept).toEqual([450]);
    await paced(Promise.resolve("pad"), sleep, () => clock, 5000);
    expect(slept[1]).toBe(700);
    const slow = new Promise<string>((resolve) => setTimeout(() => ((clock += 900), resolve("slow")), 0));
    await paced(slow, sleep, () => clock, 450);
    expect(slept).toHaveLength(2);
  });

  it("picks the visitor's locale, then the language, then the shop default", () => {
    const text = { en: "Hello", fr: "Bonjour", "pt-BR": "Olá" };
    expect(pick(text, "pt-BR", "en")).toBe("Olá");
    expect(pick(text, "fr-CA", "en")).toBe("Bonjour");
    expect(pick(text, "de", "en")).toBe("Hello");
    expect(fill("Apply code {code}", { code: "CHAT10" })).toBe("Apply code CHAT10");
  });
});
