/**
 * The shopper's own questions: the text box under the chat (also mid-flow: the flow's actions
 * stay where they were), the product page's suggested questions, and each answer as the route
 * gave it — quoted text with its source links, product cards, clarify and abstain choices, the
 * repair and feedback buttons, and the order-details form. Every shop and shopper text goes in as
 * a text node (h() never uses innerHTML).
 */
import type { Answer } from "../../contract/answers";
import {
  ANSWERS_URL,
  excludeAfter,
  failureKey,
  MAX_CHARS,
  needsOrderDetails,
  numericId,
  questionBody,
  suggestedQuestions,
  type Asked,
} from "../core/ask";
import { JSON_TYPE } from "../core/queue";
import { fill } from "../core/talk";
import { card, safeUrl } from "./cards";
import type { Conversation } from "./conversation";
import { h } from "./dom";

export function createAsk(c: Conversation, defaultLocale: string) {
  const { ctx } = c;
  const t = ctx.data.t;
  const box = h("input", {
    type: "text",
    name: "q",
    maxLength: MAX_CHARS,
    autocomplete: "off",
    enterKeyHint: "send",
    "aria-label": t.ask,
    placeholder: t.ask,
  });
  const sendButton = h("button", { class: "q pri", type: "submit" }, t.ask_send);
  const form = h("form", { class: "ask", onsubmit: (event) => (event.preventDefault(), typed()) }, box, sendButton);
  let waiting = false;

  const wait = (on: boolean) => {
    waiting = box.disabled = sendButton.disabled = on;
    if (!on) box.focus();
  };

  function typed() {
    const question = box.value.trim();
    if (!question || waiting) return;
    c.me(question);
    box.value = "";
    ask({ question });
  }

  /** A button that asks its own text (suggested questions, clarify choices, abstain suggestions). */
  const asking = (question: string) =>
    c.button(question, () => {
      if (waiting) return;
      c.me(question);
      ask({ question });
    });

  async function ask(asked: Asked) {
    wait(true);
    let status = 0;
    const answer = await c
      .checking(
        fetch(ANSWERS_URL, {
          method: "POST",
          headers: { "content-type": JSON_TYPE },
          body: JSON.stringify(questionBody(ctx, asked, defaultLocale)),
        }).then(
          async (response) => (
            (status = response.status),
            response.ok ? ((await response.json()) as Answer) : undefined
          ),
        ),
      )
      .catch(() => undefined);
    wait(false);
    if (typeof answer?.text != "string" || !Array.isArray(answer.sources)) {
      // Kindly, and the question stays in the box to send again.
      c.say(t[failureKey(status)]);
      box.value ||= asked.question;
      return;
    }
    show(asked, answer);
  }

  function show(asked: Asked, answer: Answer) {
    const row = h("div", { class: "row" });
    const language =
      !!answer.fallbackFromLocale && new Intl.DisplayNames([c.locale], { type: "language" }).of(answer.locale);
    c.say(answer.text);
    c.add(
      !!language && h("p", { class: "src" }, fill(t.ask_language ?? "", { language })),
      ...answer.sources.map((source) => {
        const href = safeUrl(source.url);
        // A link to another site (a carrier's tracking page) opens beside the shop.
        const away = href && new URL(href, location.href).origin != location.origin;
        return h(
          "p",
          { class: "src" },
          `${t.ask_from} `,
          href ? h("a", { href, target: away && "_blank", rel: away && "noopener" }, source.title) : source.title,
        );
      }),
      !!answer.products?.length &&
        h("ul", { class: "cards" }, ...answer.products.map((product) => productCard(product))),
      row,
    );
    row.append(...(answer.suggestions ?? []).map(asking));
    const answerId = answer.id;
    if (answer.kind != "abstain" && answer.kind != "clarify") c.answered();
    if (answer.kind == "answer" || answer.kind == "products") {
      const exclude = excludeAfter(asked, answer);
      row.append(
        c.button(t.not_meant, () => {
          if (waiting) return;
          c.me(t.not_meant);
          ask({ ...asked, exclude });
        }),
      );
      if (answerId)
        row.append(
          ...[true, false].map((helpful) =>
            c.button(helpful ? t.ask_helpful : t.ask_unhelpful, () => {
              ctx.track({ type: "answer_feedback", answerId, helpful });
              row.lastChild!.remove();
              row.lastChild!.replaceWith(h("small", {}, t.ask_thanks));
              box.focus();
              // Rating the answer is where a question-and-answer conversation ends: the one CSAT tap follows.
              c.ended();
            }),
          ),
        );
    }
    if (needsOrderDetails(answer)) c.add(orderForm(asked));
    // Nothing the shop covers and no flow running: the flows that may run here are the next best step.
    // A merchant's rule offering a person: the same menu, which ends with "Talk to a person".
    if (!c.resume() && (answer.kind == "abstain" || answer.handoff)) c.actions(...c.menu());
  }

  function productCard(product: NonNullable<Answer["products"]>[number]) {
    const available = product.variants.filter((variant) => variant.available);
    const picker =
      available.length > 1 &&
      h(
        "select",
        { "aria-label": product.title },
        ...available.map((variant) => h("option", { value: variant.id }, variant.title)),
      );
    const price: (Node | string)[] = [c.money(Number(product.price), product.currencyCode)];
    if (product.compareAtPrice)
      price.push(" ", h("s", {}, c.money(Number(product.compareAtPrice), product.currencyCode)));
    const href = safeUrl(product.url);
    return card(
      href ? h("a", { href }, product.title) : product.title,
      product.imageUrl,
      price,
      available.length > 0 &&
        h(
          "span",
          {},
          picker,
          c.button(
            c.talk.text("add"),
            () => {
              const variantId = picker ? picker.value : available[0]!.id;
              c.addToCart(numericId(variantId), product.id).then(
                // Not the running flow's conversion: the product came from an answer.
                (added) => added && ctx.track({ type: "micro_conversion", kind: "add_to_cart", ...added }),
              );
            },
            true,
          ),
        ),
      product.imageAlt,
    );
  }

  function orderForm(asked: Asked) {
    const error = h("p", { class: "err", role: "alert" });
    const number = h("input", {
      type: "text",
      name: "order",
      required: true,
      autocomplete: "off",
      "aria-label": t.ask_order,
    });
    const email = h("input", {
      type: "email",
      name: "email",
      required: true,
      autocomplete: "email",
      "aria-label": t.email_label,
    });
    const details = h(
      "form",
      {
        novalidate: true,
        onsubmit: (event) => {
          event.preventDefault();
          if (!number.value.trim() || !email.value || !email.checkValidity())
            return void (error.textContent = t.ask_order_invalid ?? "");
          if (waiting) return;
          c.me(number.value);
          details.remove();
          ask({ question: asked.question, order: { number: number.value.trim(), email: email.value.trim() } });
        },
      },
      number,
      email,
      error,
      h("button", { class: "q pri", type: "submit" }, t.send),
    );
    setTimeout(() => number.focus());
    return details;
  }

  return { form, chips: () => suggestedQuestions(ctx.data).map(asking) };
}
