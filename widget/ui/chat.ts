/**
 * The chat panel and the proactive prompt: dialog semantics, focus handling, the conversation
 * log, and the flow run that steps.ts renders step by step.
 */
import type { BatchAnswer, TriggerKind } from "../../contract/events";
import { CART_ATTRIBUTE } from "../../contract/order-link";
import type { Flow, Step } from "../../contract/widget-config";
import { advance, convert, currentStep, isHardAnswer, promptText, startRun, type FlowRun } from "../core/flow-engine";
import { answersOn } from "../core/ask";
import { CARRY_KEY, type Carried } from "../core/carry";
import { afterThenIdle, createQueue, EVENTS_URL, JSON_TYPE } from "../core/queue";
import { Talk, paced, pick } from "../core/talk";
import { pageMatches } from "../core/triggers";
import type { ChatUi, EventInput, WidgetContext } from "../core/types";
import { createAsk } from "./ask";
import type { Conversation } from "./conversation";
import { h, sleep } from "./dom";
import { shop, snapshot } from "./shop";
import { moreRecommendations, renderStep } from "./steps";
import { csatRow } from "./csat";
import { CSS } from "./styles";
import { announceCart } from "./theme-cart";

export function createChat(ctx: WidgetContext): ChatUi {
  const { data } = ctx;
  const config = data.config;
  const t = data.t;
  const locale = data.page.locale ?? config.defaultLocale;
  const talk = new Talk(t);
  const api = shop(data.root);
  const host = document.getElementById("chatlift-root")!;
  const root = host.shadowRoot!;
  const launcher = root.querySelector("button")!;

  const queue = createQueue({
    post: (events) =>
      fetch(EVENTS_URL, {
        method: "POST",
        keepalive: true,
        headers: { "content-type": JSON_TYPE },
        body: ctx.batch(events),
      }).then(
        // The answer may offer a person (the merchant's rules): a shopper who never types sees it too.
        (r) => (r.json().then(offer, offer), r.status),
        () => 0,
      ),
    beacon: (events) => navigator.sendBeacon(EVENTS_URL, new Blob([ctx.batch(events)], { type: JSON_TYPE })),
    allowed: ctx.allowed,
    later: (run, ms) => afterThenIdle(window, run, ms),
    idleMs: 1000,
  });
  ctx.adopt((event) => queue.push(event));
  queue.activate();
  document.addEventListener("visibilitychange", () => document.hidden && queue.drain());

  let run: FlowRun | undefined;
  let trigger: TriggerKind = "manual";
  let turn = 0;
  let reported = false;
  let lastChoice: { step: Extract<Step, { kind: "message" }>; replyId: string } | undefined;
  /** The conversation answered, converted or was handed off; the CSAT tap was offered (carry.ts). */
  let worth: 1 | undefined;
  let rated: 1 | undefined;
  /** A chat reopened on the next page takes no focus from the page. */
  let quiet: 1 | undefined;

  /** "Talk to a person": it loads the handoff bundle (widget/handoff/), which finds the conversation on its script. */
  const person = () => conversation.button(t.person, () => ctx.inject(data.ho!, conversation));
  let offered = 0;
  /**
   * Once per page, in the log: whatever the action bar holds (a flow's step, the menu), the offer stays in view.
   * Also the rejection of a body that is no JSON comes here: it offers nothing.
   */
  const offer = (answer: BatchAnswer) =>
    answer.handoff && !offered++ && conversation.add(h("div", { class: "row" }, person()));

  const closeButton = (label: string | undefined, onclick: () => void) =>
    h("button", { class: "x", type: "button", "aria-label": label, onclick }, "×");
  const log = h("div", { class: "m", role: "log", "aria-live": "polite" });
  const actionBar = h("div", { class: "ac" });
  const panel = h(
    "div",
    {
      class: "p",
      id: "cl-p",
      role: "dialog",
      "aria-labelledby": "cl-t",
      hidden: true,
      onkeydown: (e) => (e as KeyboardEvent).key === "Escape" && close(),
    },
    h(
      "div",
      { class: "hd" },
      h("span", { id: "cl-t" }, t.title),
      closeButton(t.close, () => close()),
    ),
    log,
    actionBar,
  );
  const bubbleText = h("p");
  const bubble = h(
    "div",
    { class: "b", role: "status", hidden: true, onkeydown: (e) => (e as KeyboardEvent).key === "Escape" && dismiss(1) },
    bubbleText,
  );
  root.append(h("style", {}, CSS), panel, bubble);
  host.classList.toggle("left", data.s.side === "left");
  launcher.setAttribute("aria-controls", "cl-p");
  const expanded = (open: boolean) => launcher.setAttribute("aria-expanded", "" + open);
  expanded(false);

  // Outside a flow (recommendations after one ended) an event names no flow and no step.
  const ids = (step?: Step) => run && { flowId: run.flow.id, variantId: run.variantId, stepId: step?.id };
  const track = (event: EventInput, step?: Step) => ctx.track({ ...ids(step), ...event } as EventInput);
  /** A flow left before its end. */
  const abandon = (reason: "dismissed" | "navigated") =>
    run && !run.ended && !run.completed && track({ type: "flow_abandoned", reason });

  const conversation: Conversation = {
    ctx,
    api,
    talk,
    locale,
    text: (value) => pick(value, locale, config.defaultLocale),
    say(message, cls = "bot") {
      const line = h("p", { class: cls }, message);
      conversation.add(line);
      return line;
    },
    add(...nodes) {
      log.append(...(nodes.filter(Boolean) as Node[]));
      log.scrollTop = log.scrollHeight;
    },
    me(message) {
      conversation.say(message, "me");
    },
    actions(...nodes) {
      actionBar.replaceChildren(...(nodes.filter(Boolean) as Node[]));
      // Taller actions (three cards) take room from the log: its latest line stays in view.
      log.scrollTop = log.scrollHeight;
      if (!quiet) (actionBar.querySelector("button,input,a") as HTMLElement | null)?.focus();
    },
    button: (label, onclick, primary) =>
      h("button", { class: primary ? "q pri" : "q", type: "button", onclick }, label),
    track,
    async checking(work) {
      const signal = conversation.say(talk.signal(turn), "bot sig");
      try {
        return await paced(work, sleep, Date.now, 450);
      } finally {
        signal.remove();
      }
    },
    converted(step, detail = {}) {
      const { kind, completes } = convert(run, step);
      if (kind) {
        worth = 1;
        track({ type: "micro_conversion", kind, ...detail } as EventInput, step);
      }
      if (completes) complete();
    },
    next(reply) {
      const step = run && advance(run, reply);
      // Right after the shopper's turn, before the bot answers it: never after the bot's own message.
      const ack = log.lastElementChild?.className == "me" && talk.acknowledge(turn, isHardAnswer(step));
      if (ack) conversation.say(ack);
      if (reply?.answer) conversation.say(conversation.text(reply.answer));
      show(step);
    },
    repair() {
      conversation.say(talk.text("repair", {}, turn));
      const alternatives: HTMLElement[] = [];
      if (lastChoice) {
        const { step, replyId } = lastChoice;
        for (const reply of step.replies)
          if (reply.id !== replyId)
            alternatives.push(
              conversation.button(conversation.text(reply.label), () => {
                run!.at = run!.steps.indexOf(step);
                answer(step, reply);
              }),
            );
      }
      conversation.actions(...alternatives, ...menu(run?.flow.id));
    },
    menu,
    resume() {
      const step = run && currentStep(run);
      return !!step && !!conversation.say(conversation.text(step.text));
    },
    money: (amount, currency) => new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount),
    async addToCart(variantId, productId, quantity = 1) {
      try {
        // The private line property marks the line as added from chat (only with analytics consent).
        const line = (
          await conversation.checking(api.add(variantId, quantity, ctx.allowed() ? ctx.sessionId : undefined))
        ).items[0];
        conversation.say(talk.text("added"));
        await conversation.cartChanged().catch(() => undefined);
        return {
          productId,
          productVariantId: String(variantId),
          quantity,
          value: line && (line.price * line.quantity) / 100,
          currency: data.cart.currency,
        };
      } catch {
        conversation.say(talk.text("error"));
      }
    },
    async cartChanged(cart) {
      cart ||= await api.cart();
      data.cart = snapshot(cart, CART_ATTRIBUTE);
      announceCart(cart);
      ctx.linkCart();
      ctx.check();
    },
    run: () => run!,
    answered: () => (worth = 1),
    ended() {
      const scale = config.appearance?.csat ?? "thumbs";
      // Once per conversation, in the open panel only; never in the holdout's proactive path.
      if (!worth || rated || scale == "off" || (ctx.arm == "holdout" && trigger != "manual")) return;
      rated = 1;
      conversation.add(csatRow(conversation, scale));
    },
  };

  try {
    const carried: Carried | null = JSON.parse(sessionStorage.getItem(CARRY_KEY)!);
    if (carried?.s == ctx.sessionId) {
      for (const [cls, line] of carried.l) conversation.say(line, cls);
      worth = carried.e;
      rated = carried.r;
    }
  } catch {
    // A record this version cannot read: the chat starts clean.
  }

  // The text box sits under the actions: a question never takes a flow's buttons away. With answers
  // off there is none (and suggestedQuestions offers no chips).
  const ask = createAsk(conversation, config.defaultLocale);
  if (answersOn(config)) panel.append(ask.form);

  function complete() {
    if (reported) return;
    reported = true;
    track({ type: "flow_completed" });
  }

  function answer(step: Extract<Step, { kind: "message" }>, reply: (typeof step.replies)[number]) {
    conversation.me(conversation.text(reply.label));
    lastChoice = { step, replyId: reply.id };
    const chosen = { answer: { kind: "choice", value: reply.id } } as const;
    track({ type: "step_answered", ...chosen }, step);
    conversation.converted(step, chosen);
    conversation.next(reply);
  }

  function show(step: Step | undefined) {
    turn++;
    if (!step) {
      if (run?.completed) complete();
      conversation.say(talk.text("done", {}, turn));
      conversation.ended();
      // What fits the page (the text box stays below): product picks and questions, flows but one just completed.
      const done = run?.completed ? run.flow.id : undefined;
      run = lastChoice = undefined;
      conversation.actions(moreRecommendations(conversation), ...ask.chips(), ...menu(done));
      return;
    }
    track({ type: "step_viewed" }, step);
    renderStep(conversation, step, answer);
  }

  /** Buttons for the flows that may run on this page (the launcher's menu, and the repair path). */
  function menu(except?: string): HTMLElement[] {
    return (
      config.flows
        // A flow's condition holds however it starts: the cart coupon is not offered to a smaller cart from the menu.
        .filter((flow) => flow.enabled && flow.id !== except && pageMatches(flow.trigger, data.page))
        .filter(({ trigger }) => trigger.kind != "cart_value" || data.cart.value >= trigger.atLeast)
        .map((flow) =>
          conversation.button(conversation.text(flow.label), () => {
            abandon("dismissed");
            conversation.me(conversation.text(flow.label));
            begin(flow, "manual");
          }),
        )
        .concat(t.person ? person() : [])
    );
  }

  function begin(flow: Flow, kind: TriggerKind) {
    run = startRun(flow, ctx.visitorId, config.salt);
    trigger = kind;
    reported = false;
    lastChoice = undefined;
    track({ type: "flow_started", trigger });
    show(currentStep(run));
  }

  /** Without `by`: the chat the shopper had open on the last page, back (not a new open). */
  function openPanel(by?: "prompt" | "launcher") {
    bubble.hidden = true;
    panel.hidden = false;
    expanded(true);
    ctx.busy(true);
    if (by) track({ type: "chat_opened", by });
  }

  /** Panel and prompt away, focus back where the chat lives (the launcher, not the page's body). */
  function putAway() {
    run = undefined;
    panel.hidden = bubble.hidden = true;
    expanded(false);
    ctx.busy(false);
    launcher.focus();
  }

  function close() {
    abandon("dismissed");
    putAway();
  }

  /** × keeps the prompt away for 30 days, Escape only for this session (where it has prompted already). */
  function dismiss(forSession?: 1) {
    track({ type: "prompt_dismissed", trigger });
    if (!forSession) ctx.dismiss(run!.flow.id);
    putAway();
  }

  return {
    prompt(flow, kind) {
      run = startRun(flow, ctx.visitorId, config.salt);
      trigger = kind;
      bubbleText.textContent = pick(promptText(run), locale, config.defaultLocale);
      const prompted = run;
      bubble.replaceChildren(
        bubbleText,
        conversation.button(
          t.start,
          () => {
            openPanel("prompt");
            begin(prompted.flow, kind);
          },
          true,
        ),
        closeButton(t.dismiss, () => dismiss()),
      );
      bubble.hidden = false;
      track({ type: "prompt_shown", trigger: kind });
    },
    open(back) {
      if (!panel.hidden) return close();
      bubble.hidden = true;
      run = undefined;
      quiet = back;
      openPanel(back ? undefined : "launcher");
      if (!log.childElementCount) conversation.say(data.s.greeting || t.greeting);
      conversation.actions(...menu(), ...ask.chips());
      quiet = undefined;
    },
    hide() {
      if (!panel.hidden) abandon("navigated");
      queue.drain();
      const carried: Carried = {
        s: ctx.sessionId,
        o: panel.hidden ? undefined : 1,
        // What the shopper read (lines, sources), not the passing "let me check…" nor buttons and cards.
        l: [...log.querySelectorAll(":scope>p:not(.sig)")].map((line) => [line.className, line.textContent!]),
        e: worth,
        r: rated,
      };
      try {
        sessionStorage.setItem(CARRY_KEY, JSON.stringify(carried));
      } catch {
        // Storage full or refused: the next page starts a fresh chat, as before.
      }
    },
  };
}
