/**
 * A starter config for a new shop (and the storefront harness): size help with
 * recommendations and email capture on product pages, a coupon for larger carts on the cart
 * page, and a team-size qualifier with a demo link on the pricing page.
 */
import type { WidgetConfigInput } from "../../contract/widget-config";

export function starterConfig(overrides: Partial<WidgetConfigInput> = {}): WidgetConfigInput {
  return {
    v: 1,
    salt: "starter-salt-0001",
    holdoutPercent: 10,
    caps: { perSession: 2, perDay: 4 },
    defaultLocale: "en",
    flows: [
      {
        id: "fit-help",
        label: { en: "Help with sizing", fr: "Aide pour la taille" },
        trigger: { kind: "dwell", seconds: 2, pageTypes: ["product"] },
        prompt: { en: "Between two sizes? I can help you choose.", fr: "Entre deux tailles ? Je peux vous aider." },
        steps: [
          {
            // Answering the size question is the fit help: the flow's goal and its fit_help micro-conversion,
            // which the "fit help + add to cart" routing template looks for (an add from the picks is add_to_cart).
            id: "ask",
            kind: "message",
            goal: true,
            conversion: "fit_help",
            text: { en: "What would help most?", fr: "Qu'est-ce qui vous aiderait ?" },
            replies: [
              {
                id: "runs-small",
                label: { en: "Does it run small?", fr: "Ça taille petit ?" },
                answer: {
                  en: "This cut runs slightly small: most people take one size up.",
                  fr: "Cette coupe taille un peu petit : prenez une taille au-dessus.",
                },
              },
              { id: "similar", label: { en: "Show me similar styles", fr: "Des modèles similaires" } },
            ],
          },
          {
            id: "picks",
            kind: "recommendations",
            intent: "related",
            limit: 3,
            text: { en: "These fit true to size:", fr: "Ceux-ci taillent normalement :" },
          },
          {
            id: "email",
            kind: "email_capture",
            text: { en: "Want fit tips and restock alerts?", fr: "Des conseils et alertes de réassort ?" },
            consentText: {
              en: "Yes, email me fit tips and offers. I can unsubscribe at any time.",
              fr: "Oui, envoyez-moi des conseils et offres. Je peux me désabonner à tout moment.",
            },
          },
        ],
      },
      {
        id: "cart-coupon",
        label: { en: "A discount for my order", fr: "Une remise sur ma commande" },
        trigger: { kind: "cart_value", atLeast: 50, pageTypes: ["cart"] },
        prompt: { en: "Your cart qualifies for 10% off.", fr: "Votre panier a droit à 10 % de remise." },
        steps: [
          {
            id: "code",
            kind: "coupon",
            goal: true,
            code: "CHAT10",
            text: { en: "Here is 10% off your order.", fr: "Voici 10 % sur votre commande." },
          },
        ],
        variants: [
          { id: "ten-off", weight: 1 },
          {
            id: "ten-off-urgent",
            weight: 1,
            prompt: { en: "10% off your cart, today only.", fr: "10 % sur votre panier, aujourd'hui seulement." },
          },
        ],
      },
      {
        id: "demo",
        label: { en: "Book a demo", fr: "Réserver une démo" },
        trigger: { kind: "scroll_depth", percent: 50, pageTypes: ["page"], pageHandles: ["pricing"] },
        prompt: {
          en: "Buying for a team? Let's find the right plan.",
          fr: "Pour une équipe ? Trouvons la bonne formule.",
        },
        steps: [
          {
            id: "team",
            kind: "qualifier",
            field: "team_size",
            text: { en: "How many people are on your team?", fr: "Combien de personnes dans votre équipe ?" },
            input: { type: "number", min: 1, max: 10000 },
          },
          {
            id: "book",
            kind: "link",
            goal: true,
            conversion: "demo_booked",
            url: "/pages/book-a-demo",
            label: { en: "Book a demo", fr: "Réserver une démo" },
            text: {
              en: "A 20-minute call is the quickest way to a quote.",
              fr: "Un appel de 20 minutes suffit pour un devis.",
            },
          },
        ],
      },
    ],
    ...overrides,
  };
}
