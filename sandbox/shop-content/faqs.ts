/**
 * Why: the merchant's own FAQ entries for the sandbox shop, in English and German, with the other ways
 * shoppers ask each question — the part of a shop's knowledge that the merchant writes for the chat itself.
 * A data table (44 entries in two languages), long by nature.
 */
import type { FaqDocument } from "../../app/answers/documents";
import { pageUrl, policyUrl } from "./shop";

type Entry = [
  slug: string,
  en: [string, string[], string],
  de: [string, string[], string] | null,
  link?: [string, string],
];

const ENTRIES: Entry[] = [
  [
    "return-window",
    [
      "How long do I have to return something?",
      ["What is your return period?", "Can I still return an item after two weeks?"],
      "You have 30 days from delivery to return unworn items with their tags attached.",
    ],
    [
      "Wie lange habe ich Zeit für eine Rücksendung?",
      ["Wie lange ist das Rückgaberecht?"],
      "Du hast ab der Zustellung 30 Tage Zeit, ungetragene Artikel mit Etikett zurückzuschicken.",
    ],
    ["Refund policy", policyUrl("refund-policy")],
  ],
  [
    "return-cost",
    [
      "Are returns free?",
      ["Do I have to pay for return shipping?"],
      "Returns from Germany are free. From other EU countries we deduct €5.95 from your refund; from outside the EU, return shipping is at your cost.",
    ],
    [
      "Ist die Rücksendung kostenlos?",
      ["Muss ich den Rückversand bezahlen?"],
      "Rücksendungen aus Deutschland sind kostenlos. Aus anderen EU-Ländern ziehen wir 5,95 € von der Erstattung ab; von außerhalb der EU trägst du die Versandkosten.",
    ],
  ],
  [
    "refund-time",
    [
      "When will I get my refund?",
      ["How long does a refund take?"],
      "We check returns within 3 business days of arrival; the money is usually back on your account 5 to 7 business days later.",
    ],
    [
      "Wann bekomme ich mein Geld zurück?",
      ["Wie lange dauert die Erstattung?"],
      "Wir prüfen Rücksendungen innerhalb von 3 Werktagen nach Eingang; das Geld ist meist 5 bis 7 Werktage später auf deinem Konto.",
    ],
  ],
  [
    "exchange",
    [
      "Can I exchange an item for another size?",
      ["How do exchanges work?"],
      "Yes. Choose “exchange” in the returns portal; we send the new size free of charge, once per order, as soon as your return is on its way.",
    ],
    [
      "Kann ich einen Artikel in eine andere Größe umtauschen?",
      ["Wie funktioniert der Umtausch?"],
      "Ja. Wähle im Retourenportal „Umtausch“; wir schicken die neue Größe einmal pro Bestellung kostenlos, sobald deine Rücksendung unterwegs ist.",
    ],
    ["Returns portal", pageUrl("returns-portal")],
  ],
  [
    "sale-returns",
    [
      "Can I return sale items?",
      ["Are discounted items returnable?"],
      "Items bought at 40% off or more are final sale and cannot be returned unless they are faulty. Smaller discounts follow the normal 30-day return window.",
    ],
    [
      "Kann ich reduzierte Ware zurückgeben?",
      [],
      "Artikel mit 40 % Rabatt oder mehr sind vom Umtausch ausgeschlossen, außer sie sind fehlerhaft. Bei kleineren Rabatten gilt die normale Rückgabefrist von 30 Tagen.",
    ],
  ],
  [
    "return-in-store",
    [
      "Can I return an online order in a store?",
      ["Can I bring my return to the shop?"],
      "Yes, you can bring online orders back to our stores in Hamburg, Berlin and Munich, and we refund you on the spot.",
    ],
    [
      "Kann ich eine Online-Bestellung im Laden zurückgeben?",
      [],
      "Ja, du kannst Online-Bestellungen in unseren Läden in Hamburg, Berlin und München zurückgeben; wir erstatten sofort.",
    ],
  ],
  [
    "shipping-cost-de",
    [
      "How much does shipping cost in Germany?",
      ["What are the delivery charges?"],
      "Standard delivery in Germany costs €4.95 and is free on orders over €75. Express delivery costs €9.95.",
    ],
    [
      "Was kostet der Versand innerhalb Deutschlands?",
      ["Wie hoch sind die Versandkosten?"],
      "Der Standardversand in Deutschland kostet 4,95 € und ist ab 75 € kostenlos. Express kostet 9,95 €.",
    ],
    ["Shipping policy", policyUrl("shipping-policy")],
  ],
  [
    "free-shipping",
    [
      "Do you offer free shipping?",
      ["Is there a free delivery threshold?"],
      "Yes: free standard shipping over €75 in Germany, over €120 to the EU and over €200 to the United States and Canada.",
    ],
    [
      "Gibt es kostenlosen Versand?",
      [],
      "Ja: ab 75 € in Deutschland, ab 120 € in die EU und ab 200 € in die USA und nach Kanada.",
    ],
  ],
  [
    "international",
    [
      "Do you ship internationally?",
      ["Which countries do you deliver to?"],
      "We ship to Germany, all EU countries, the United Kingdom, Switzerland, Norway, the United States and Canada.",
    ],
    [
      "Liefert ihr ins Ausland?",
      ["In welche Länder liefert ihr?"],
      "Wir liefern nach Deutschland, in alle EU-Länder, nach Großbritannien, in die Schweiz, nach Norwegen, in die USA und nach Kanada.",
    ],
    ["Delivery times and costs", pageUrl("shipping-zones")],
  ],
  [
    "delivery-time",
    [
      "How long does delivery take?",
      ["When will my order arrive?"],
      "In Germany 2–4 business days (express 1–2), within the EU 3–7, to the UK, Switzerland and Norway 4–8, and to the US and Canada 6–10 business days.",
    ],
    [
      "Wie lange dauert die Lieferung?",
      [],
      "In Deutschland 2–4 Werktage (Express 1–2), in der EU 3–7, nach Großbritannien, in die Schweiz und nach Norwegen 4–8 und in die USA und nach Kanada 6–10 Werktage.",
    ],
  ],
  [
    "customs",
    [
      "Will I have to pay customs or duties?",
      ["Are there import fees?"],
      "Not within the EU. For the UK, duties are charged at checkout. For Switzerland, Norway, the US and Canada, the carrier may collect import VAT and duties on delivery.",
    ],
    [
      "Muss ich Zoll bezahlen?",
      [],
      "Innerhalb der EU nicht. Für Großbritannien werden Zölle an der Kasse berechnet. In der Schweiz, in Norwegen, den USA und Kanada kann der Versanddienst bei Zustellung Einfuhrabgaben verlangen.",
    ],
  ],
  [
    "packstation",
    [
      "Can you deliver to a Packstation?",
      ["Do you ship to DHL lockers or post offices?"],
      "Yes, in Germany you can ship to any DHL Packstation or post office: enter your Postnummer in the address form.",
    ],
    [
      "Liefert ihr an eine Packstation?",
      [],
      "Ja, in Deutschland an jede DHL Packstation oder Postfiliale: gib deine Postnummer im Adressformular ein.",
    ],
  ],
  [
    "same-day-dispatch",
    [
      "When do you ship my order?",
      ["Do you ship the same day?"],
      "Orders placed before 2 pm CET on a business day leave our warehouse the same day.",
    ],
    [
      "Wann verschickt ihr meine Bestellung?",
      [],
      "Bestellungen, die an einem Werktag bis 14 Uhr eingehen, verlassen unser Lager noch am selben Tag.",
    ],
  ],
  [
    "change-order",
    [
      "Can I change or cancel my order?",
      ["I made a mistake in my order"],
      "We can change or cancel an order within one hour of placing it. Email us at hello@harbor-field.example with your order number as soon as possible.",
    ],
    [
      "Kann ich meine Bestellung ändern oder stornieren?",
      [],
      "Innerhalb einer Stunde nach der Bestellung können wir sie ändern oder stornieren. Schreib uns dafür schnell an hello@harbor-field.example mit deiner Bestellnummer.",
    ],
  ],
  [
    "wrong-address",
    [
      "I entered the wrong address, what can I do?",
      ["Can I change my shipping address?"],
      "If your order has not shipped yet we can correct the address; write to us with your order number. Once shipped, you can redirect the parcel through the DHL tracking page.",
    ],
    [
      "Ich habe die falsche Adresse angegeben.",
      [],
      "Solange die Bestellung noch nicht verschickt ist, korrigieren wir die Adresse; schreib uns mit deiner Bestellnummer. Danach kannst du das Paket über die DHL-Sendungsverfolgung umleiten.",
    ],
  ],
  [
    "damaged",
    [
      "My item arrived damaged, what should I do?",
      ["The product is faulty"],
      "Sorry about that! Email a photo of the damage and your order number to hello@harbor-field.example and we will send a replacement or refund you.",
    ],
    [
      "Mein Artikel ist beschädigt angekommen.",
      [],
      "Das tut uns leid! Schick ein Foto und deine Bestellnummer an hello@harbor-field.example, dann schicken wir Ersatz oder erstatten den Betrag.",
    ],
  ],
  [
    "payment-methods",
    [
      "Which payment methods do you accept?",
      ["Can I pay with PayPal?", "Do you take credit cards?"],
      "We accept Visa, Mastercard, American Express, PayPal, Apple Pay, Google Pay and Klarna.",
    ],
    [
      "Welche Zahlungsarten akzeptiert ihr?",
      ["Kann ich mit PayPal bezahlen?"],
      "Wir akzeptieren Visa, Mastercard, American Express, PayPal, Apple Pay, Google Pay und Klarna.",
    ],
    ["Payment methods", pageUrl("payment-methods")],
  ],
  [
    "klarna",
    [
      "Can I pay later or in instalments?",
      ["Do you offer buy now pay later?"],
      "Yes, with Klarna you can pay 30 days after shipping or split your order into three interest-free instalments.",
    ],
    [
      "Kann ich auf Rechnung oder in Raten zahlen?",
      [],
      "Ja, mit Klarna zahlst du 30 Tage nach dem Versand oder in drei zinsfreien Raten.",
    ],
  ],
  [
    "vat",
    ["Do your prices include VAT?", ["Are taxes included in the price?"], "Yes, all prices include German VAT."],
    ["Sind die Preise inklusive Mehrwertsteuer?", [], "Ja, alle Preise enthalten die deutsche Mehrwertsteuer."],
  ],
  [
    "invoice",
    [
      "Can I get an invoice for my order?",
      ["I need a receipt"],
      "Your invoice is attached to the shipping confirmation email as a PDF. Need a company name on it? Write to us before the order ships.",
    ],
    [
      "Bekomme ich eine Rechnung?",
      [],
      "Die Rechnung hängt als PDF an der Versandbestätigung. Soll ein Firmenname darauf stehen, schreib uns vor dem Versand.",
    ],
  ],
  [
    "welcome-discount",
    [
      "Do you have a discount code?",
      ["Is there a promo code for new customers?"],
      "Sign up to our newsletter and you get 10% off your first order.",
    ],
    [
      "Habt ihr einen Rabattcode?",
      ["Gibt es einen Gutschein für Neukunden?"],
      "Melde dich für den Newsletter an und erhalte 10 % Rabatt auf deine erste Bestellung.",
    ],
    ["Newsletter", pageUrl("newsletter")],
  ],
  [
    "discount-not-working",
    [
      "My discount code doesn't work",
      ["Why is my coupon not applied?"],
      "Codes cannot be combined with each other and do not apply to gift cards or items already reduced by 40% or more. Check the spelling and the expiry date, or write to us and we will help.",
    ],
    [
      "Mein Rabattcode funktioniert nicht",
      [],
      "Codes sind nicht kombinierbar und gelten nicht für Geschenkgutscheine oder bereits um 40 % oder mehr reduzierte Artikel. Prüfe Schreibweise und Ablaufdatum oder schreib uns.",
    ],
  ],
  [
    "gift-cards",
    [
      "Do you sell gift cards?",
      ["Can I buy a voucher for someone?"],
      "Yes, digital gift cards from €25 to €200, sent by email on the date you choose and valid for 3 years.",
    ],
    [
      "Gibt es Geschenkgutscheine?",
      [],
      "Ja, digitale Gutscheine von 25 € bis 200 €, per E-Mail zum Wunschtermin, 3 Jahre gültig.",
    ],
    ["Gift cards", pageUrl("gift-cards")],
  ],
  [
    "sale-dates",
    [
      "When is your next sale?",
      ["Do you have seasonal sales?"],
      "We hold two seasonal sales, in January and in July. Newsletter subscribers get access one day early.",
    ],
    [
      "Wann ist der nächste Sale?",
      [],
      "Wir haben zwei Saison-Sales, im Januar und im Juli. Newsletter-Abonnenten kommen einen Tag früher rein.",
    ],
  ],
  [
    "sizing-help",
    [
      "Which size should I order?",
      ["I'm between sizes", "How do your clothes fit?"],
      "Check the measurements in our size guide. Relaxed-fit shirts are cut generously, so if you are between two sizes, take the smaller one.",
    ],
    [
      "Welche Größe soll ich bestellen?",
      ["Ich liege zwischen zwei Größen"],
      "Schau in unsere Größentabelle. Hemden im Relaxed Fit sind weit geschnitten; liegst du zwischen zwei Größen, nimm die kleinere.",
    ],
    ["Size guide", pageUrl("size-guide")],
  ],
  [
    "linen-shrink",
    [
      "Does linen shrink?",
      ["Will my linen shirt shrink in the wash?"],
      "Our linen is pre-washed, so it shrinks very little. Avoid the tumble dryer, which can shrink linen by up to 3%.",
    ],
    [
      "Läuft Leinen ein?",
      [],
      "Unser Leinen ist vorgewaschen und läuft kaum ein. Bitte nicht in den Trockner: dort kann es um bis zu 3 % einlaufen.",
    ],
    ["Care guide", pageUrl("care-guide")],
  ],
  [
    "wool-itch",
    [
      "Is your merino wool itchy?",
      ["Does the wool scratch?"],
      "Our merino is extra-fine (17.5 micron), so most people can wear it directly on the skin without any itch.",
    ],
    [
      "Kratzt eure Merinowolle?",
      [],
      "Unsere Merinowolle ist extrafein (17,5 Mikron) und lässt sich von den meisten direkt auf der Haut tragen.",
    ],
  ],
  [
    "restock",
    [
      "Will a sold-out item come back?",
      ["When will my size be back in stock?"],
      "Most items are restocked within 4 to 6 weeks. Click “Notify me” on the product page and we email you when your size is back.",
    ],
    [
      "Kommt ein ausverkaufter Artikel wieder?",
      [],
      "Die meisten Artikel sind nach 4 bis 6 Wochen wieder da. Klicke auf „Benachrichtigen“ auf der Produktseite.",
    ],
    ["Pre-orders and restocks", pageUrl("restocks")],
  ],
  [
    "preorder",
    [
      "How do pre-orders work?",
      ["When am I charged for a pre-order?"],
      "The expected shipping date is shown on the product page, and we only charge you when the item ships.",
    ],
    [
      "Wie funktionieren Vorbestellungen?",
      [],
      "Das voraussichtliche Versanddatum steht auf der Produktseite; wir belasten dich erst beim Versand.",
    ],
  ],
  [
    "stores",
    [
      "Do you have physical stores?",
      ["Where are your shops?"],
      "Yes, in Hamburg (Schulterblatt 58), Berlin (Torstraße 112) and Munich (Klenzestraße 41).",
    ],
    [
      "Habt ihr Läden?",
      ["Wo sind eure Geschäfte?"],
      "Ja, in Hamburg (Schulterblatt 58), Berlin (Torstraße 112) und München (Klenzestraße 41).",
    ],
    ["Our stores", pageUrl("stores")],
  ],
  [
    "opening-hours",
    [
      "What are your opening hours?",
      ["When is the store open?"],
      "Hamburg: Mon–Sat 10 am–7 pm. Berlin: Mon–Sat 11 am–8 pm. Munich: Mon–Fri 10 am–7 pm, Sat 10 am–6 pm. All stores are closed on Sundays.",
    ],
    [
      "Wann habt ihr geöffnet?",
      [],
      "Hamburg: Mo–Sa 10–19 Uhr. Berlin: Mo–Sa 11–20 Uhr. München: Mo–Fr 10–19 Uhr, Sa 10–18 Uhr. Sonntags geschlossen.",
    ],
  ],
  [
    "click-collect",
    [
      "Can I order online and pick up in store?",
      ["Do you offer click and collect?"],
      "Yes, choose “Pick up in store” at checkout. Collection is free and your order is usually ready within 2 hours.",
    ],
    [
      "Kann ich online bestellen und im Laden abholen?",
      [],
      "Ja, wähle an der Kasse „Im Laden abholen“. Die Abholung ist kostenlos und meist nach 2 Stunden bereit.",
    ],
    ["Click & collect", pageUrl("click-and-collect")],
  ],
  [
    "contact",
    [
      "How can I contact customer service?",
      ["What is your phone number?", "How do I reach you?"],
      "Email hello@harbor-field.example (we reply within one business day) or call +49 40 3861 2290, Monday to Friday, 9 am to 6 pm CET.",
    ],
    [
      "Wie erreiche ich den Kundenservice?",
      ["Wie ist eure Telefonnummer?"],
      "Per E-Mail an hello@harbor-field.example (Antwort innerhalb eines Werktags) oder telefonisch unter +49 40 3861 2290, Mo–Fr 9–18 Uhr.",
    ],
    ["Contact us", pageUrl("contact")],
  ],
  [
    "warranty",
    [
      "Is there a warranty?",
      ["What if my jacket breaks after a year?"],
      "Everything has the two-year legal warranty; outdoor gear has an extended 5-year warranty against material and workmanship defects.",
    ],
    [
      "Gibt es eine Garantie?",
      [],
      "Es gilt die zweijährige Gewährleistung; auf Outdoor-Ausrüstung geben wir 5 Jahre Garantie auf Material- und Verarbeitungsfehler.",
    ],
    ["Repairs and warranty", pageUrl("repairs")],
  ],
  [
    "repairs",
    [
      "Do you repair products?",
      ["Can you fix a broken zip?"],
      "Yes, we repair our own products at cost price: a new zip from €15, seam repairs from €10. It takes about two weeks.",
    ],
    [
      "Repariert ihr Produkte?",
      [],
      "Ja, wir reparieren unsere eigenen Produkte zum Selbstkostenpreis: Reißverschluss ab 15 €, Nähte ab 10 €.",
    ],
  ],
  [
    "sustainable",
    [
      "Are your products sustainable?",
      ["Is your clothing eco-friendly?"],
      "We use organic cotton, European linen, mulesing-free merino and recycled polyester; 92% of our products are made in Europe and our packaging is plastic-free.",
    ],
    [
      "Sind eure Produkte nachhaltig?",
      [],
      "Wir verwenden Bio-Baumwolle, europäisches Leinen, mulesingfreie Merinowolle und recyceltes Polyester; 92 % unserer Produkte werden in Europa gefertigt.",
    ],
    ["Sustainability", pageUrl("sustainability")],
  ],
  [
    "made-where",
    [
      "Where are your products made?",
      ["Are your clothes made in China?"],
      "92% of our products are made in Europe, by 14 family-run workshops in Portugal, Lithuania, Italy and Germany.",
    ],
    [
      "Wo werden eure Produkte hergestellt?",
      [],
      "92 % unserer Produkte werden in Europa gefertigt, von 14 Familienbetrieben in Portugal, Litauen, Italien und Deutschland.",
    ],
  ],
  [
    "vegan-skincare",
    [
      "Is your skincare vegan?",
      ["Are your cosmetics tested on animals?"],
      "Yes, all our skincare is vegan and certified cruelty-free by Leaping Bunny, without parabens, silicones or synthetic fragrance.",
    ],
    [
      "Ist eure Kosmetik vegan?",
      [],
      "Ja, unsere ganze Kosmetik ist vegan und von Leaping Bunny als tierversuchsfrei zertifiziert.",
    ],
  ],
  [
    "skincare-shelf-life",
    [
      "How long does the face cream last once opened?",
      ["What is the shelf life of your creams?"],
      "Unopened 24 months; once opened, use within 6 months.",
    ],
    ["Wie lange ist die Creme haltbar?", [], "Ungeöffnet 24 Monate, geöffnet 6 Monate."],
  ],
  [
    "account",
    [
      "Do I need an account to order?",
      ["Can I check out as a guest?"],
      "No, you can check out as a guest. An account lets you see your order history and start returns faster.",
    ],
    [
      "Brauche ich ein Kundenkonto?",
      [],
      "Nein, du kannst als Gast bestellen. Mit einem Konto siehst du deine Bestellungen und startest Rücksendungen schneller.",
    ],
  ],
  [
    "newsletter-unsubscribe",
    [
      "How do I unsubscribe from emails?",
      ["Stop sending me newsletters"],
      "Click “unsubscribe” at the bottom of any email; it takes effect immediately.",
    ],
    ["Wie melde ich mich vom Newsletter ab?", [], "Klicke unten in jeder E-Mail auf „Abmelden“; das wirkt sofort."],
  ],
  [
    "wholesale",
    [
      "Do you sell wholesale?",
      ["Can my shop stock your products?"],
      "Yes, to independent shops and hotels. The first order starts at €1,500. Write to wholesale@harbor-field.example.",
    ],
    null,
    ["Wholesale", pageUrl("wholesale")],
  ],
  [
    "jobs",
    [
      "Are you hiring?",
      ["Can I work for you?"],
      "We are currently hiring a store manager for Munich and a warehouse associate in Hamburg. Apply at jobs@harbor-field.example.",
    ],
    ["Sucht ihr Mitarbeiter?", [], "Wir suchen derzeit eine Filialleitung für München und eine Lagerkraft in Hamburg."],
    ["Careers", pageUrl("careers")],
  ],
  [
    "mending",
    [
      "Do you run workshops?",
      ["Are there events in your stores?"],
      "Yes: a free mending evening in Hamburg every first Thursday of the month, and indigo dyeing workshops in Berlin in spring and autumn.",
    ],
    [
      "Macht ihr Workshops?",
      [],
      "Ja: einen kostenlosen Flickabend in Hamburg jeden ersten Donnerstag im Monat und Indigo-Färbe-Workshops in Berlin im Frühjahr und Herbst.",
    ],
    ["Workshops and events", pageUrl("workshops")],
  ],
];

export function faqs(): FaqDocument[] {
  return ENTRIES.flatMap(([slug, en, de, link]) => {
    const id = `faq-${slug}`;
    const english: FaqDocument = {
      type: "faq",
      id,
      locale: "en",
      question: en[0],
      variants: en[1],
      answer: en[2],
      ...(link ? { link: { title: link[0], url: link[1] } } : {}),
    };
    if (!de) return [english];
    const german: FaqDocument = {
      type: "faq",
      id,
      locale: "de",
      question: de[0],
      variants: de[1],
      answer: de[2],
      ...(link
        ? {
            link: {
              title: link[0],
              url: link[1].replace("/pages/", "/de/pages/").replace("/policies/", "/de/policies/"),
            },
          }
        : {}),
    };
    return [english, german];
  });
}
