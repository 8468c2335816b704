/**
 * Why: what the stand-in model says, chosen by the test through the model name, so one server plays a faithful
 * model, a liar of each kind, a model that stalls and one that fails. The faithful one rephrases only the answer
 * it received in the data block, writing its numbers differently (as real models do) but never changing them.
 *
 * Model names: "faithful" (or any name not below), "lie-discount", "lie-price", "lie-date", "lie-percent",
 * "lie-url", "lie-email", "lie-product", "empty", "stall" (never answers), "fail-500", "fail-429".
 */

export const LIES = ["discount", "price", "date", "percent", "url", "email", "product"] as const;
export type Lie = (typeof LIES)[number];

export type Behaviour =
  | { kind: "faithful" }
  | { kind: "lie"; lie: Lie }
  | { kind: "empty" }
  | { kind: "stall" }
  | { kind: "fail"; status: 500 | 429 };

export function behaviourOf(model: string): Behaviour {
  if (model === "stall") return { kind: "stall" };
  if (model === "empty") return { kind: "empty" };
  if (model === "fail-500") return { kind: "fail", status: 500 };
  if (model === "fail-429") return { kind: "fail", status: 429 };
  const lie = LIES.find((candidate) => model === `lie-${candidate}`);
  return lie ? { kind: "lie", lie } : { kind: "faithful" };
}

interface DataBlock {
  answer?: string;
  shopper_language?: string;
}

/** The JSON between <shop_data> and </shop_data> in the last user message, as ChatLift's prompt quotes it. */
export function dataBlockOf(userText: string): DataBlock | null {
  const match = /<shop_data>\s*([\s\S]*?)\s*<\/shop_data>/.exec(userText);
  if (!match) return null;
  try {
    return JSON.parse(match[1]!) as DataBlock;
  } catch {
    return null;
  }
}

/** The same answer said again: "$59.00" as "59.00 USD", "two" as "2", a short lead-in in the shopper's language. */
function faithful(answer: string, language: string): string {
  const lead = language === "German" ? "Kurz gesagt:" : "In short:";
  const reworded = answer
    .replace(/\$(\d+(?:\.\d{2})?)/g, "$1 USD")
    .replace(/(?<![\p{L}])two(?![\p{L}])/gu, "2")
    .replace(/(?<![\p{L}])zwei(?![\p{L}])/gu, "2");
  return `${lead} ${reworded}`;
}

function lie(answer: string, kind: Lie, inventedProduct: string): string {
  switch (kind) {
    case "discount":
      return `${answer} Use code SAVE20 at checkout for an extra discount.`;
    case "price": {
      const changed = answer.replace(
        /\$(\d+)(\.\d{2})?/,
        (_, whole: string, cents = "") => `$${Number(whole) - 10}${cents}`,
      );
      return changed !== answer ? changed : `${answer} It costs only $9.99 today.`;
    }
    case "date":
      return `${answer} This holds until 12 April 2027.`;
    case "percent":
      return `${answer} Everything is 15% off this week.`;
    case "url":
      return `${answer} Details at https://deals.example.com/promo.`;
    case "email":
      return `${answer} Write to vip@deals.example for more.`;
    case "product":
      return `${answer} You might also like the ${inventedProduct}.`;
  }
}

/** The reply text for a non-failing behaviour, from the user message ChatLift sent. */
export function replyOf(behaviour: Behaviour, userText: string, inventedProduct: string): string {
  if (behaviour.kind === "empty") return "";
  const data = dataBlockOf(userText);
  if (!data?.answer) return "I can only rephrase an answer given in a <shop_data> block.";
  if (behaviour.kind === "lie") return lie(data.answer, behaviour.lie, inventedProduct);
  return faithful(data.answer, data.shopper_language ?? "English");
}
