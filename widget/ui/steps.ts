/** One renderer per step kind: what the bot says, and what the visitor can do. */
import type { Step, StepOf } from "../../contract/widget-config";
import { readNumber } from "../core/talk";
import { card } from "./cards";
import type { Conversation } from "./conversation";
import { h } from "./dom";

type Answer = (step: StepOf<"message">, reply: StepOf<"message">["replies"][number]) => void;

export function renderStep(c: Conversation, step: Step, answer: Answer): void {
  const { ctx, api, talk } = c;
  const data = ctx.data;
  const t = data.t;
  const failed = () => c.say(talk.text("error"));
  const skip = (label = t.skip) => c.button(label, () => c.next());
  // Without analytics consent an email could not be sent: the step is left out, its question too.
  if (step.kind === "email_capture" && !ctx.allowed()) return c.next();
  // A step of no flow (recommendations after a flow) has no text of its own.
  const text = c.text(step.text);
  if (text) c.say(text);

  async function addToCart(variantId: string | number, productId?: string) {
    const added = await c.addToCart(variantId, productId, step.kind === "add_to_cart" ? step.quantity : 1);
    if (added) {
      c.converted(step, added);
      c.next();
    }
  }

  switch (step.kind) {
    case "message":
      return c.actions(
        ...step.replies.map((reply) => c.button(c.text(reply.label), () => answer(step, reply))),
        !step.replies.length && skip(t.next),
      );

    case "recommendations": {
      const productId = data.page.productId;
      if (!productId) return c.next();
      c.actions();
      c.checking(api.recommendations(productId, step.intent, step.limit)).then(
        (products) => {
          const cards = products.map((product) => {
            const variant = product.variants.find((v) => v.available);
            const link = h(
              "a",
              {
                href: product.url,
                onclick: () =>
                  c.track(
                    { type: "micro_conversion", kind: "recommendation_click", productId: String(product.id) },
                    step,
                  ),
              },
              product.title,
            );
            const add = variant && c.button(talk.text("add"), () => addToCart(variant.id, String(product.id)), true);
            return card(link, product.featured_image, [c.money(product.price / 100, data.cart.currency)], add);
          });
          if (!cards.length) c.say(talk.text("no_recs"));
          c.actions(
            cards.length > 0 && h("ul", { class: "cards" }, ...cards),
            c.button(talk.text("not_meant"), c.repair),
            skip(),
          );
        },
        () => (failed(), c.actions(skip())),
      );
      return;
    }

    case "add_to_cart": {
      // The variant the visitor picked in the theme's product form, else the page's default.
      const picked = document.querySelector<HTMLInputElement | HTMLSelectElement>(
        'form[action*="/cart/add"] [name="id"]',
      )?.value;
      const variantId = step.variantId ?? picked ?? data.variantId;
      return c.actions(
        variantId
          ? c.button(
              talk.text("add"),
              () => addToCart(variantId, step.variantId ? undefined : data.page.productId),
              true,
            )
          : undefined,
        skip(),
      );
    }

    case "email_capture": {
      const error = h("p", { class: "err", role: "alert" });
      const email = h("input", {
        type: "email",
        name: "email",
        required: true,
        autocomplete: "email",
        "aria-label": t.email_label,
      });
      const consent = h("input", { type: "checkbox", name: "consent" });
      const consentText = c.text(step.consentText);
      const form = h(
        "form",
        {
          novalidate: true,
          onsubmit: (event) => {
            event.preventDefault();
            if (!email.checkValidity() || !email.value) return void (error.textContent = talk.text("email_invalid"));
            if (!consent.checked) return void (error.textContent = talk.text("consent_needed"));
            c.me(email.value);
            c.converted(step, { email: email.value, consent: { granted: true, text: consentText } });
            c.say(talk.text("thanks"));
            c.next();
          },
        },
        email,
        h("label", {}, consent, consentText),
        error,
        h("button", { class: "q pri", type: "submit" }, talk.text("subscribe")),
      );
      return c.actions(form, skip());
    }

    case "coupon": {
      const code = step.code;
      const named = { code };
      const viaLink = () =>
        c.actions(
          h(
            "a",
            { class: "q pri", href: api.discountLink(code), onclick: () => c.converted(step, named) },
            talk.text("apply_link", named),
          ),
          skip(),
        );
      const apply = () =>
        c.checking(api.applyDiscount(code)).then((cart) => {
          c.cartChanged(cart);
          if (
            !cart.discount_codes?.some((entry) => entry.code.toLowerCase() === code.toLowerCase() && entry.applicable)
          )
            return viaLink();
          c.say(talk.text("applied", named));
          c.converted(step, named);
          c.next();
        }, viaLink);
      return c.actions(c.button(talk.text("apply", named), apply, true), skip());
    }

    case "qualifier": {
      const record = (value: { kind: "choice"; value: string } | { kind: "number"; value: number }, label: string) => {
        c.me(label);
        c.track({ type: "step_answered", answer: value }, step);
        c.converted(step, { answer: value });
        c.next();
      };
      const input = step.input;
      if (input.type === "choice")
        return c.actions(
          ...input.options.map((option) =>
            c.button(c.text(option.label), () => record({ kind: "choice", value: option.id }, c.text(option.label))),
          ),
        );
      const field = h("input", {
        type: "text",
        inputmode: "decimal",
        name: "answer",
        "aria-label": t.number_label,
        autocomplete: "off",
      });
      const form = h(
        "form",
        {
          onsubmit: (event) => {
            event.preventDefault();
            const read = readNumber(field.value, input.min, input.max);
            if (read.kind === "number") return record({ kind: "number", value: read.value }, field.value);
            if (read.kind === "invalid")
              return void c.say(talk.text("clarify_number", { min: input.min, max: input.max }));
            // Ambiguous ("10-20"): ask which, offering each number.
            c.me(field.value);
            c.say(talk.text("clarify_range", { a: read.options[0]!, b: read.options[read.options.length - 1]! }));
            c.actions(
              ...read.options.map((value) =>
                c.button(String(value), () => record({ kind: "number", value }, String(value))),
              ),
            );
          },
        },
        field,
        h("button", { class: "q pri", type: "submit" }, talk.text("send")),
      );
      return c.actions(form);
    }

    case "link": {
      const external = /^https:/.test(step.url);
      return c.actions(
        h(
          "a",
          {
            class: "q pri",
            href: step.url,
            target: external && "_blank",
            rel: external && "noopener",
            onclick: () => (c.converted(step), c.next()),
          },
          c.text(step.label),
        ),
      );
    }
  }
}

/** Recommendations of no flow, offered once one has ended: their adds name no flow. */
const MORE: Step = { id: "", kind: "recommendations", intent: "related", limit: 3, goal: false, text: {} };

/** "See recommendations", on a product page. */
export function moreRecommendations(c: Conversation) {
  const label = c.ctx.data.t.recs ?? "";
  return !!c.ctx.data.page.productId && c.button(label, () => (c.me(label), renderStep(c, MORE, () => 0)));
}
