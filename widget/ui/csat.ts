/**
 * Why: one tap says whether a conversation went well (CSAT), on the scale the merchant chose: 1–5 or thumbs.
 * Offered once per conversation, only in the open panel, at the end of one that answered, converted or was
 * handed off; the tap is the `csat_given` event and the row turns into a thank-you.
 */
import type { CsatScale } from "../../contract/events";
import type { EventInput } from "../core/types";
import type { Conversation } from "./conversation";
import { h } from "./dom";

export function csatRow(c: Conversation, scale: CsatScale): HTMLElement {
  const t = c.ctx.data.t;
  const five = scale == "five";
  const row = h("div", { class: "row" }, h("small", {}, t.csat));
  // 1 to 5, or 0 (👎) and 1 (👍): screen readers name the thumbs.
  for (let value = +five; value < (five ? 6 : 2); value++)
    row.append(
      c.button(five ? "" + value : value ? "👍" : "👎", () => {
        c.ctx.track({ type: "csat_given", scale, [five ? "score" : "thumbs"]: value } as EventInput);
        row.replaceChildren(h("small", {}, t.ask_thanks));
      }),
    );
  return row;
}
