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
        label: {
          en: "Help with sizing",
          fr: "Aide pour la taille",
          de: "Hilfe bei der Größe",
          es: "Ayuda con la talla",
        },
        trigger: { kind: "dwell", seconds: 2, pageTypes: ["product"] },
        prompt: {
          en: "Between two sizes? I can help you choose.",
          fr: "Entre deux tailles ? Je peux vous aider.",
          de: "Zwischen zwei Größen? Ich helfe bei der Wahl.",
          es: "¿Entre dos tallas? Te ayudo a elegir.",
        },
        steps: [
          {
            // Answering the size question is the fit help: the flow's goal and its fit_help micro-conversion,
            // which the "fit help + add to cart" routing template looks for (an add from the picks is add_to_cart).
            id: "ask",
            kind: "message",
            goal: true,
            conversion: "fit_help",
            text: {
              en: "What would help most?",
              fr: "Qu'est-ce qui vous aiderait ?",
              de: "Was hilft Ihnen am meisten?",
              es: "¿Qué te ayudaría más?",
            },
            replies: [
              {
                id: "runs-small",
                label: {
                  en: "Does it run small?",
                  fr: "Ça taille petit ?",
                  de: "Fällt es klein aus?",
                  es: "¿Talla pequeño?",
                },
                answer: {
                  en: "This cut runs slightly small: most people take one size up.",
                  fr: "Cette coupe taille un peu petit : prenez une taille au-dessus.",
                  de: "Dieser Schnitt fällt etwas klein aus: die meisten nehmen eine Größe größer.",
                  es: "Este corte talla algo pequeño: la mayoría elige una talla más.",
                },
              },
              {
                id: "similar",
                label: {
                  en: "Show me similar styles",
                  fr: "Des modèles similaires",
                  de: "Ähnliche Modelle zeigen",
                  es: "Ver estilos parecidos",
                },
              },
            ],
          },
          {
            id: "picks",
            kind: "recommendations",
            intent: "related",
            limit: 3,
            text: {
              en: "These fit true to size:",
              fr: "Ceux-ci taillent normalement :",
              de: "Diese fallen normal aus:",
              es: "Estos tallan normal:",
            },
          },
          {
            id: "email",
            kind: "email_capture",
            text: {
              en: "Want fit tips and restock alerts?",
              fr: "Des conseils et alertes de réassort ?",
              de: "Passform-Tipps und Nachschub-Hinweise per E-Mail?",
              es: "¿Quieres consejos de talla y avisos de reposición?",
            },
            consentText: {
              en: "Yes, email me fit tips and offers. I can unsubscribe at any time.",
              fr: "Oui, envoyez-moi des conseils et offres. Je peux me désabonner à tout moment.",
              de: "Ja, schickt mir Passform-Tipps und Angebote per E-Mail. Ich kann mich jederzeit abmelden.",
              es: "Sí, envíame consejos de talla y ofertas por email. Puedo darme de baja cuando quiera.",
            },
          },
        ],
      },
      {
        id: "cart-coupon",
        label: {
          en: "A discount for my order",
          fr: "Une remise sur ma commande",
          de: "Ein Rabatt für meine Bestellung",
          es: "Un descuento para mi pedido",
        },
        trigger: { kind: "cart_value", atLeast: 50, pageTypes: ["cart"] },
        prompt: {
          en: "Your cart qualifies for 10% off.",
          fr: "Votre panier a droit à 10 % de remise.",
          de: "Ihr Warenkorb bekommt 10 % Rabatt.",
          es: "Tu carrito tiene un 10 % de descuento.",
        },
        steps: [
          {
            id: "code",
            kind: "coupon",
            goal: true,
            code: "CHAT10",
            text: {
              en: "Here is 10% off your order.",
              fr: "Voici 10 % sur votre commande.",
              de: "Hier sind 10 % Rabatt auf Ihre Bestellung.",
              es: "Aquí tienes un 10 % de descuento en tu pedido.",
            },
          },
        ],
        variants: [
          { id: "ten-off", weight: 1 },
          {
            id: "ten-off-urgent",
            weight: 1,
            prompt: {
              en: "10% off your cart, today only.",
              fr: "10 % sur votre panier, aujourd'hui seulement.",
              de: "10 % auf Ihren Warenkorb, nur heute.",
              es: "10 % en tu carrito, solo hoy.",
            },
          },
        ],
      },
      {
        id: "demo",
        label: { en: "Book a demo", fr: "Réserver une démo", de: "Demo buchen", es: "Reservar una demo" },
        trigger: { kind: "scroll_depth", percent: 50, pageTypes: ["page"], pageHandles: ["pricing"] },
        prompt: {
          en: "Buying for a team? Let's find the right plan.",
          fr: "Pour une équipe ? Trouvons la bonne formule.",
          de: "Für ein Team? Finden wir den passenden Tarif.",
          es: "¿Compras para un equipo? Busquemos el plan adecuado.",
        },
        steps: [
          {
            id: "team",
            kind: "qualifier",
            field: "team_size",
            text: {
              en: "How many people are on your team?",
              fr: "Combien de personnes dans votre équipe ?",
              de: "Wie viele Personen sind in Ihrem Team?",
              es: "¿Cuántas personas hay en tu equipo?",
            },
            input: { type: "number", min: 1, max: 10000 },
          },
          {
            id: "book",
            kind: "link",
            goal: true,
            conversion: "demo_booked",
            url: "/pages/book-a-demo",
            label: { en: "Book a demo", fr: "Réserver une démo", de: "Demo buchen", es: "Reservar una demo" },
            text: {
              en: "A 20-minute call is the quickest way to a quote.",
              fr: "Un appel de 20 minutes suffit pour un devis.",
              de: "Ein Gespräch von 20 Minuten ist der schnellste Weg zum Angebot.",
              es: "Una llamada de 20 minutos es la forma más rápida de tener un presupuesto.",
            },
          },
        ],
      },
    ],
    ...overrides,
  };
}
