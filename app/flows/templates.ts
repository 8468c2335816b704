/**
 * The flows a merchant can start from. Three come straight from the starter config (size help,
 * coupon offer, demo booking) so the storefront harness and the admin offer the same flows;
 * the others are written here.
 */
import { starterConfig } from "./starter-config";
import type { WidgetConfigInput } from "../../contract/widget-config";

export type FlowInput = WidgetConfigInput["flows"][number];

export interface FlowTemplate {
  key: TemplateKey;
  title: string;
  description: string;
  flow: FlowInput;
}

export const TEMPLATE_KEYS = [
  "fit_help",
  "product_recommendations",
  "add_to_cart",
  "email_capture",
  "coupon_offer",
  "b2b_qualifier",
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

function starterFlow(id: string): FlowInput {
  const flow = starterConfig().flows.find((candidate) => candidate.id === id);
  if (!flow) throw new Error(`the starter config has no flow "${id}"`);
  return structuredClone(flow);
}

const productRecommendations: FlowInput = {
  id: "recommendations",
  label: {
    en: "Show me similar products",
    fr: "Des produits similaires",
    de: "Ähnliche Produkte zeigen",
    es: "Ver productos parecidos",
  },
  trigger: { kind: "scroll_depth", percent: 60, pageTypes: ["product"] },
  prompt: {
    en: "Not quite right? I can show you similar picks.",
    fr: "Pas tout à fait ça ? Je peux vous montrer des articles similaires.",
    de: "Nicht ganz das Richtige? Ich zeige Ihnen Ähnliches.",
    es: "¿No es lo que buscas? Te enseño opciones parecidas.",
  },
  steps: [
    {
      id: "picks",
      kind: "recommendations",
      goal: true,
      intent: "related",
      limit: 3,
      text: {
        en: "Shoppers who liked this also looked at:",
        fr: "Ceux qui ont aimé ceci ont aussi regardé :",
        de: "Wem das gefiel, der sah sich auch an:",
        es: "A quien le gustó esto también vio:",
      },
    },
  ],
};

const addToCart: FlowInput = {
  id: "add-to-cart",
  label: {
    en: "Add this to my cart",
    fr: "Ajouter à mon panier",
    de: "In meinen Warenkorb legen",
    es: "Añadir a mi carrito",
  },
  trigger: { kind: "dwell", seconds: 20, pageTypes: ["product"] },
  prompt: {
    en: "Ready when you are: add it to your cart in one tap.",
    fr: "Quand vous voulez : ajoutez-le au panier en un geste.",
    de: "Wenn Sie so weit sind: mit einem Tipp in den Warenkorb.",
    es: "Cuando quieras: añádelo al carrito con un toque.",
  },
  steps: [
    {
      id: "add",
      kind: "add_to_cart",
      goal: true,
      quantity: 1,
      text: {
        en: "Add the size you picked to your cart?",
        fr: "Ajouter la taille choisie au panier ?",
        de: "Die gewählte Größe in den Warenkorb legen?",
        es: "¿Añadir la talla elegida al carrito?",
      },
    },
    {
      id: "pair",
      kind: "recommendations",
      intent: "complementary",
      limit: 2,
      text: { en: "It goes well with:", fr: "Va bien avec :", de: "Dazu passt:", es: "Combina bien con:" },
    },
  ],
};

const emailCapture: FlowInput = {
  id: "email-capture",
  label: {
    en: "Get restock and offer emails",
    fr: "Recevoir les alertes et offres",
    de: "E-Mails zu Nachschub und Angeboten",
    es: "Emails de reposición y ofertas",
  },
  trigger: { kind: "exit_intent", pageTypes: [] },
  prompt: {
    en: "Before you go: want a heads-up on restocks and offers?",
    fr: "Avant de partir : être prévenu des réassorts et offres ?",
    de: "Bevor Sie gehen: Hinweise zu Nachschub und Angeboten?",
    es: "Antes de irte: ¿te avisamos de reposiciones y ofertas?",
  },
  steps: [
    {
      id: "email",
      kind: "email_capture",
      goal: true,
      text: {
        en: "Leave your email and we'll let you know.",
        fr: "Laissez votre e-mail, nous vous préviendrons.",
        de: "Hinterlassen Sie Ihre E-Mail, wir sagen Bescheid.",
        es: "Déjanos tu email y te avisamos.",
      },
      consentText: {
        en: "Yes, email me restock alerts and offers. I can unsubscribe at any time.",
        fr: "Oui, envoyez-moi les alertes de réassort et les offres. Je peux me désabonner à tout moment.",
        de: "Ja, schickt mir Nachschub-Hinweise und Angebote per E-Mail. Ich kann mich jederzeit abmelden.",
        es: "Sí, envíame avisos de reposición y ofertas por email. Puedo darme de baja cuando quiera.",
      },
    },
  ],
};

export const FLOW_TEMPLATES: readonly FlowTemplate[] = [
  {
    key: "fit_help",
    title: "Size and fit help",
    description:
      'On product pages: answers "does it run small?", shows well-fitting picks, asks for an email with consent.',
    flow: starterFlow("fit-help"),
  },
  {
    key: "product_recommendations",
    title: "Product recommendations",
    description: "Shows related products to shoppers scrolling a product page.",
    flow: productRecommendations,
  },
  {
    key: "add_to_cart",
    title: "Add to cart",
    description: "Offers a one-tap add to cart to shoppers lingering on a product, then a matching product.",
    flow: addToCart,
  },
  {
    key: "email_capture",
    title: "Email capture with consent",
    description: "On exit intent, asks for an email with an explicit consent checkbox.",
    flow: emailCapture,
  },
  {
    key: "coupon_offer",
    title: "Coupon offer",
    description: "On the cart page, offers a discount code to larger carts; comes with two prompt variants to test.",
    flow: starterFlow("cart-coupon"),
  },
  {
    key: "b2b_qualifier",
    title: "B2B qualifier and demo booking",
    description: "On the pricing page, asks the team size, then offers to book a demo.",
    flow: starterFlow("demo"),
  },
];

export function findTemplate(key: string): FlowTemplate | undefined {
  return FLOW_TEMPLATES.find((template) => template.key === key);
}

/** The template's flow under an id no other flow of the shop uses (fit-help, fit-help-2 …). */
export function flowFromTemplate(template: FlowTemplate, takenIds: ReadonlySet<string>): FlowInput {
  let id = template.flow.id;
  for (let n = 2; takenIds.has(id); n += 1) id = `${template.flow.id}-${n}`;
  return { ...structuredClone(template.flow), id };
}
