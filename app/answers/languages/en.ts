/**
 * Why: English for the answering core — Snowball stemming, stop words plus chat filler, the everyday shop
 * vocabulary shoppers swap freely, and the cues for order status, product searches and product facts.
 */
import { stemmer } from "@orama/stemmers/english";
import { stopwords } from "@orama/stopwords/english";
import type { Language } from "./shape";
import { listOf } from "../text";

const FILLER = `hi hello hey hiya please pls plz thanks thank thx guys quick question wondering wonder know tell let
  want wanted would like need could can get got also just really actually maybe anyone someone something anything
  possible able ok okay yes yeah hm hmm um uh still one ones thing things there's is it's i'm im u ur ya you'd dont
  doesnt cant wont isnt whats wheres hows youre mean much many way lot lots sure kind sort exactly info information
  stuff help sell sells selling carry offer offers show find looking look buy buying bought purchase purchased
  guess basically currently tho though pretty bit together`;

const KEPT = new Set(["down", "up", "off", "over", "under", "out", "top", "bottom"]);

export const english: Language = {
  code: "en",
  name: "English",
  compounds: false,
  stem: stemmer,
  // "Down jacket", "50% off", "sold out": words the library lists as stop words that name things in a shop.
  stopWords: new Set([...stopwords.filter((word) => !KEPT.has(word)), ...FILLER.split(/\s+/)]),
  synonyms: [
    ["return", "send back", "returning", "give back", "bring back"],
    ["refund", "money back", "reimbursement", "reimburse"],
    ["ship", "shipping", "deliver", "delivery", "post", "postage", "dispatch", "send"],
    ["material", "made of", "fabric", "composition", "made from"],
    ["broken", "damaged", "faulty", "defective", "arrived damaged"],
    ["cost", "price", "fee", "charge", "pay"],
    ["abroad", "international", "overseas", "worldwide", "other countries"],
    ["discount", "coupon", "promo code", "voucher", "promo", "code"],
    ["wash", "washable", "washing", "machine washable", "clean", "laundry", "launder"],
    ["size", "sizing", "fit"],
    ["contact", "reach", "email", "phone", "call", "customer service", "support"],
    ["store", "shop", "showroom", "boutique"],
    ["cancel", "cancellation", "cancelled"],
    ["colour", "color"],
    ["amex", "american", "americanexpress"],
    [
      "eu",
      "european union",
      "austria",
      "belgium",
      "bulgaria",
      "croatia",
      "cyprus",
      "czechia",
      "denmark",
      "estonia",
      "finland",
      "france",
      "greece",
      "hungary",
      "ireland",
      "italy",
      "latvia",
      "lithuania",
      "luxembourg",
      "malta",
      "netherlands",
      "holland",
      "poland",
      "portugal",
      "romania",
      "slovakia",
      "slovenia",
      "spain",
      "sweden",
    ],
    ["us", "usa", "united states", "america"],
    ["jumper", "sweater", "pullover"],
    ["trousers", "pants"],
    ["exchange", "swap", "switch", "replace"],
    ["size", "bigger", "smaller", "larger", "sizes"],
    ["made", "manufactured", "produced", "sewn", "factory", "factories"],
    ["sustainable", "ethical", "ethically", "eco", "fair", "responsible"],
    ["express", "fast", "quick", "quickly", "faster", "speedy"],
    ["reply", "respond", "answer", "response"],
    ["account", "sign up", "register", "registration", "log in", "login", "create an account", "make an account"],
    ["minimum", "threshold", "spend", "minimum order", "order value", "at least"],
    ["seasonal", "season", "summer sale", "winter sale", "spring sale", "autumn sale", "end of season sale"],
    ["cut off", "cutoff", "deadline", "noon", "midday", "pm", "o clock", "oclock"],
    ["instalments", "installments", "pay later", "buy now pay later", "split the payment", "klarna", "finance"],
    ["wrong", "mistake", "typo", "incorrect"],
    ["wholesale", "stockist", "retailer", "trade"],
    ["hiring", "jobs", "job", "careers", "vacancies", "work for you", "apply"],
    ["website", "site", "online shop", "online store"],
  ],
  orderStatus: [
    /\bwheres?( s| is| are)? (is |are )?(my|the|our) (order|package|parcel|delivery|shipment|stuff|purchase|things)\b/,
    /\b(status|track|tracking|trace)\b.*\b(order|package|parcel|delivery|shipment)\b/,
    /\b(order|delivery|shipping|shipment) (status|tracking)\b/,
    /\b(my|the|our) (order|package|parcel|delivery|shipment)\b.*\b(status|tracking|arrived?|arriving|come|coming|late|delayed|lost|missing|yet|on the way|shipped)\b/,
    /\b(order|package|parcel|delivery|shipment)\b.*\b(still not|not yet|hasn t|hasnt|isn t|isnt)\b/,
    /\b(ordered|bought)\b.*\b(nothing|not|never|still)\b.*\b(arrived|come|came|here|received)\b/,
  ],
  productSearch: [
    /\b(do|does) (you|u|ya|the shop|the store) (guys )?(have|sell|carry|stock|make)\b/,
    /\b(looking for|searching for|search for|show me|i need (a|an|some)|recommend|suggest|got any|any good)\b/,
  ],
  facts: {
    price: /\b(how much|price|prices|priced|cost|costs|expensive|cheap)\b/,
    availability: /\b(in stock|available|availability|sold out|out of stock|back in stock|restock)\b/,
    options: /\b(what|which|other) (sizes?|colou?rs?|options|variants|lengths?|shades?|scents?)\b|\bcome in\b/,
    sale: /\b(on sale|sale|reduced|discounted|markdown)\b/,
  },
  deictic: /\b(it|this|this one|that one|these|they|them|its)\b/,
  asksHowOrWhen: /^(when|whens|why|where|wheres|how (do|does|did|should|can|could|long|often|soon|to))\b/,
  asks: /^(can|could|may|do|does|did|is|are|was|will|would|should|how|what|whats|when|where|which|who|why|am i)\b/,
  messages: {
    clarify: (options) => `Which one do you mean: ${listOf(options, "or")}?`,
    abstain: (shop) => `Sorry, ${shop}'s information does not cover that. You could ask one of these instead:`,
    orderStatus:
      "I can check that for you. Please give me your order number (for example #1001) and the email you used.",
    products: (count) => (count === 1 ? "Here is what I found:" : `Here are ${count} products that match:`),
    onlyIn: (language) => `We only have this in ${language}:`,
    price: (title, price, compareAt, varies) =>
      `${title} costs ${varies ? "from " : ""}${price}${compareAt ? ` (was ${compareAt})` : ""}.`,
    available: (title, values) => `${title} is in stock${values.length ? ` in ${listOf(values, "and")}` : ""}.`,
    soldOut: (title, values) => `${title} is sold out${values.length ? ` in ${listOf(values, "and")}` : ""}.`,
    options: (title, options) =>
      `${title} comes in ${options.map((option) => `${option.name.toLowerCase()} ${listOf(option.values, "and")}`).join("; ")}.`,
    noSale: (title) => `${title} is not on sale at the moment.`,
  },
};
