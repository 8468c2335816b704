/**
 * Why: the sandbox shop's legal policies, written the way a small European shop writes them (sections, fine
 * print, numbers that matter), in English and German, as Shopify ShopPolicy objects (type, title, HTML body).
 * Five policies in two languages: prose, long by nature.
 */
import type { PolicyDocument, PolicyType } from "../../app/answers/documents";
import { SHOP, policyUrl } from "./shop";

interface PolicyText {
  type: PolicyType;
  handle: string;
  id: string;
  en: { title: string; body: string };
  de: { title: string; body: string };
}

const h = (title: string) => `<h2>${title}</h2>`;
const p = (...sentences: string[]) => `<p>${sentences.join(" ")}</p>`;

const TEXTS: PolicyText[] = [
  {
    type: "REFUND_POLICY",
    handle: "refund-policy",
    id: "gid://shopify/ShopPolicy/41001",
    en: {
      title: "Refund policy",
      body: [
        p(
          "We want you to love what you ordered. If something is not right, you have 30 days from the day your parcel is delivered to send it back to us.",
        ),
        h("Conditions for returns"),
        p(
          "Items must be unworn, unwashed and in their original condition, with all tags still attached.",
          "Shoes should be tried on indoors only; we cannot accept shoes with marks on the soles.",
        ),
        p(
          "For hygiene reasons we cannot take back underwear, swimwear with a removed hygiene liner, earrings, or beauty products once the seal has been broken.",
        ),
        h("How to start a return"),
        p(
          "Open our online returns portal, enter your order number and the email address you used at checkout, and choose the items you want to send back.",
          "You will receive a prepaid DHL label by email. Pack the items securely, attach the label and drop the parcel at any DHL point or Packstation.",
        ),
        h("Return shipping costs"),
        p(
          "Returns from Germany are free of charge. For returns from other EU countries we deduct €5.95 from your refund.",
          "Returns from the United Kingdom, Switzerland, Norway, the United States and Canada are at your own cost; please use a tracked service, as we cannot refund parcels that never reach us.",
        ),
        h("Refunds"),
        p(
          "Once your return arrives at our warehouse in Hamburg we inspect it within 3 business days.",
          "Approved refunds are issued to the original payment method and usually appear on your statement within 5 to 7 business days, depending on your bank.",
          "Original shipping charges are refunded only if you return the complete order.",
        ),
        h("Exchanges"),
        p(
          "Need a different size or colour? Choose “exchange” in the returns portal and we will send the replacement as soon as your return is scanned by the carrier, free of charge, once per order.",
          "If the size you want is sold out, we refund the item instead.",
        ),
        h("Sale items and gift cards"),
        p(
          "Items bought at a discount of 40% or more are final sale and cannot be returned or exchanged, unless they are faulty.",
          "Gift cards cannot be refunded.",
        ),
        h("Damaged or faulty items"),
        p(
          "If your order arrives damaged, or an item develops a fault within the two-year legal warranty period, email us a photo at " +
            SHOP.email +
            " and we will arrange a replacement, a repair or a refund.",
        ),
      ].join(""),
    },
    de: {
      title: "Rückgaberichtlinie",
      body: [
        p(
          "Du sollst lieben, was du bestellt hast. Wenn etwas nicht passt, hast du ab dem Tag der Zustellung 30 Tage Zeit, es an uns zurückzuschicken.",
        ),
        h("Voraussetzungen für die Rücksendung"),
        p(
          "Die Artikel müssen ungetragen, ungewaschen und im Originalzustand sein, mit allen Etiketten.",
          "Schuhe bitte nur in der Wohnung anprobieren; Schuhe mit Gebrauchsspuren an der Sohle können wir nicht zurücknehmen.",
        ),
        p(
          "Aus hygienischen Gründen sind Unterwäsche, Bademode ohne Hygieneschutz, Ohrringe und geöffnete Kosmetikprodukte vom Umtausch ausgeschlossen.",
        ),
        h("So funktioniert die Rücksendung"),
        p(
          "Öffne unser Retourenportal, gib deine Bestellnummer und die E-Mail-Adresse der Bestellung ein und wähle die Artikel aus, die du zurückschicken möchtest.",
          "Du erhältst ein vorfrankiertes DHL-Etikett per E-Mail. Verpacke die Artikel sicher und gib das Paket in einer DHL-Filiale oder an einer Packstation ab.",
        ),
        h("Kosten der Rücksendung"),
        p(
          "Rücksendungen aus Deutschland sind kostenlos. Bei Rücksendungen aus anderen EU-Ländern ziehen wir 5,95 € von der Erstattung ab.",
          "Rücksendungen aus Großbritannien, der Schweiz, Norwegen, den USA und Kanada gehen auf deine Kosten; bitte nutze einen Versand mit Sendungsverfolgung.",
        ),
        h("Erstattung"),
        p(
          "Sobald deine Rücksendung in unserem Lager in Hamburg ankommt, prüfen wir sie innerhalb von 3 Werktagen.",
          "Die Erstattung erfolgt über die ursprüngliche Zahlungsart und ist je nach Bank in der Regel nach 5 bis 7 Werktagen auf deinem Konto.",
          "Die ursprünglichen Versandkosten erstatten wir nur, wenn du die komplette Bestellung zurückschickst.",
        ),
        h("Umtausch"),
        p(
          "Du brauchst eine andere Größe oder Farbe? Wähle im Retourenportal „Umtausch“ – wir schicken den Ersatz einmal pro Bestellung kostenlos, sobald deine Rücksendung vom Versanddienst erfasst wurde.",
          "Ist die gewünschte Größe ausverkauft, erstatten wir stattdessen den Kaufpreis.",
        ),
        h("Reduzierte Artikel und Geschenkgutscheine"),
        p(
          "Artikel mit einem Rabatt von 40 % oder mehr sind vom Umtausch ausgeschlossen, außer sie sind fehlerhaft.",
          "Geschenkgutscheine können nicht erstattet werden.",
        ),
        h("Beschädigte oder fehlerhafte Artikel"),
        p(
          "Kommt deine Bestellung beschädigt an oder zeigt ein Artikel innerhalb der zweijährigen Gewährleistung einen Mangel, schick uns ein Foto an " +
            SHOP.email +
            ". Wir kümmern uns um Ersatz, Reparatur oder Erstattung.",
        ),
      ].join(""),
    },
  },
  {
    type: "SHIPPING_POLICY",
    handle: "shipping-policy",
    id: "gid://shopify/ShopPolicy/41002",
    en: {
      title: "Shipping policy",
      body: [
        p(
          "All orders ship from our warehouse in Hamburg, Germany. Orders placed before 2 pm (CET) on a business day leave the warehouse the same day; orders placed later, on weekends or public holidays ship the next business day.",
        ),
        h("Germany"),
        p(
          "Standard delivery with DHL takes 2–4 business days and costs €4.95. Standard delivery is free on orders over €75.",
          "Express delivery (1–2 business days) costs €9.95. You can also ship to a DHL Packstation or a post office: enter your Postnummer in the address form.",
        ),
        h("European Union"),
        p(
          "We deliver to every EU country in 3–7 business days for €9.95, free on orders over €120. No customs or import duties apply within the EU.",
        ),
        h("United Kingdom, Switzerland and Norway"),
        p(
          "Delivery takes 4–8 business days and costs €14.95. For the United Kingdom, duties and VAT are calculated at checkout, so nothing is due on delivery.",
          "For Switzerland and Norway, import VAT and customs fees may be charged by the carrier on delivery and are paid by the recipient.",
        ),
        h("United States and Canada"),
        p(
          "We ship to the United States and Canada in 6–10 business days for €19.95, free on orders over €200.",
          "Import duties and taxes may apply and are the customer's responsibility.",
        ),
        h("Other destinations"),
        p(
          "We currently ship only to the countries listed above. We do not ship to P.O. boxes outside Germany, to military addresses, or to freight forwarders.",
        ),
        h("Tracking your order"),
        p(
          "As soon as your parcel leaves our warehouse you receive an email with the tracking link. Tracking can take up to 24 hours to show the first scan.",
        ),
        h("Lost or delayed parcels"),
        p(
          "If your parcel has not arrived within 5 business days of the latest estimated date, contact us with your order number and we will open an investigation with the carrier and send a replacement or a refund.",
        ),
      ].join(""),
    },
    de: {
      title: "Versandrichtlinie",
      body: [
        p(
          "Alle Bestellungen versenden wir aus unserem Lager in Hamburg. Bestellungen, die an einem Werktag bis 14 Uhr eingehen, verlassen das Lager noch am selben Tag; spätere Bestellungen sowie Bestellungen am Wochenende oder an Feiertagen versenden wir am nächsten Werktag.",
        ),
        h("Deutschland"),
        p(
          "Der Standardversand mit DHL dauert 2–4 Werktage und kostet 4,95 €. Ab einem Bestellwert von 75 € ist der Standardversand kostenlos.",
          "Expressversand (1–2 Werktage) kostet 9,95 €. Du kannst auch an eine DHL Packstation oder Postfiliale liefern lassen: gib dazu deine Postnummer im Adressformular ein.",
        ),
        h("Europäische Union"),
        p(
          "Wir liefern in alle EU-Länder innerhalb von 3–7 Werktagen für 9,95 €, ab 120 € Bestellwert kostenlos. Innerhalb der EU fallen keine Zölle an.",
        ),
        h("Großbritannien, Schweiz und Norwegen"),
        p(
          "Die Lieferung dauert 4–8 Werktage und kostet 14,95 €. Für Großbritannien werden Zölle und Mehrwertsteuer an der Kasse berechnet.",
          "In der Schweiz und in Norwegen können bei der Zustellung Einfuhrumsatzsteuer und Zollgebühren anfallen, die der Empfänger trägt.",
        ),
        h("USA und Kanada"),
        p(
          "In die USA und nach Kanada liefern wir in 6–10 Werktagen für 19,95 €, ab 200 € Bestellwert kostenlos. Einfuhrzölle und Steuern trägt der Kunde.",
        ),
        h("Andere Länder"),
        p(
          "Derzeit liefern wir nur in die oben genannten Länder. Postfächer außerhalb Deutschlands, Militäradressen und Paketweiterleitungen beliefern wir nicht.",
        ),
        h("Sendungsverfolgung"),
        p(
          "Sobald dein Paket unser Lager verlässt, bekommst du eine E-Mail mit dem Link zur Sendungsverfolgung. Bis zum ersten Scan können bis zu 24 Stunden vergehen.",
        ),
        h("Verlorene oder verspätete Pakete"),
        p(
          "Ist dein Paket 5 Werktage nach dem spätesten voraussichtlichen Liefertermin nicht da, melde dich mit deiner Bestellnummer. Wir klären das mit dem Versanddienst und schicken Ersatz oder erstatten den Betrag.",
        ),
      ].join(""),
    },
  },
  {
    type: "PRIVACY_POLICY",
    handle: "privacy-policy",
    id: "gid://shopify/ShopPolicy/41003",
    en: {
      title: "Privacy policy",
      body: [
        p(
          `This privacy policy explains how ${SHOP.name} GmbH, Schulterblatt 58, 20357 Hamburg, Germany, collects and uses your personal data when you visit our store or buy from us.`,
        ),
        h("What we collect"),
        p(
          "When you place an order we collect your name, billing and shipping address, email address, phone number (if given) and payment details; payment card numbers are processed by our payment providers and never stored by us.",
          "When you browse, we collect device and usage information through cookies, such as pages viewed and the products you added to your cart.",
        ),
        h("Why we use it"),
        p(
          "We use your data to fulfil orders, to send order and shipping updates, to answer your questions, to prevent fraud and, only with your consent, to send our newsletter.",
          "The legal bases are the performance of a contract, our legitimate interests and your consent (Art. 6 (1) GDPR).",
        ),
        h("Cookies"),
        p(
          "Necessary cookies keep your cart and checkout working. Analytics and marketing cookies are only set after you agree in the cookie banner, and you can change your choice at any time from the link in the footer.",
        ),
        h("Sharing"),
        p(
          "We share data with service providers who help us run the shop: Shopify (hosting and checkout), our payment providers, DHL and other carriers, and our email provider. We never sell your personal data.",
        ),
        h("How long we keep it"),
        p(
          "Order records are kept for 10 years because German tax law requires it. Newsletter data is deleted when you unsubscribe.",
        ),
        h("Your rights"),
        p(
          `You have the right to access, correct, delete or port your data, to restrict or object to its processing and to withdraw consent. Write to privacy@${SHOP.domain}. You may also complain to the Hamburg data protection authority.`,
        ),
      ].join(""),
    },
    de: {
      title: "Datenschutzerklärung",
      body: [
        p(
          `Diese Datenschutzerklärung erläutert, wie die ${SHOP.name} GmbH, Schulterblatt 58, 20357 Hamburg, deine personenbezogenen Daten erhebt und verwendet, wenn du unseren Shop besuchst oder bei uns kaufst.`,
        ),
        h("Welche Daten wir erheben"),
        p(
          "Bei einer Bestellung erheben wir Name, Rechnungs- und Lieferadresse, E-Mail-Adresse, Telefonnummer (falls angegeben) und Zahlungsdaten; Kartennummern verarbeiten ausschließlich unsere Zahlungsdienstleister.",
          "Beim Surfen erfassen wir über Cookies Geräte- und Nutzungsdaten, etwa aufgerufene Seiten und Artikel im Warenkorb.",
        ),
        h("Wofür wir sie nutzen"),
        p(
          "Wir nutzen deine Daten, um Bestellungen abzuwickeln, dich über Bestellung und Versand zu informieren, deine Fragen zu beantworten, Betrug vorzubeugen und – nur mit deiner Einwilligung – unseren Newsletter zu senden.",
          "Rechtsgrundlagen sind die Vertragserfüllung, unsere berechtigten Interessen und deine Einwilligung (Art. 6 Abs. 1 DSGVO).",
        ),
        h("Cookies"),
        p(
          "Notwendige Cookies halten Warenkorb und Kasse am Laufen. Analyse- und Marketing-Cookies setzen wir erst nach deiner Zustimmung im Cookie-Banner; du kannst sie jederzeit über den Link im Footer ändern.",
        ),
        h("Weitergabe"),
        p(
          "Wir geben Daten an Dienstleister weiter, die uns beim Betrieb des Shops helfen: Shopify, unsere Zahlungsdienstleister, DHL und andere Versanddienste sowie unseren E-Mail-Dienst. Wir verkaufen deine Daten niemals.",
        ),
        h("Speicherdauer"),
        p(
          "Bestelldaten bewahren wir wegen der steuerrechtlichen Aufbewahrungspflichten 10 Jahre auf. Newsletter-Daten löschen wir nach der Abmeldung.",
        ),
        h("Deine Rechte"),
        p(
          `Du hast das Recht auf Auskunft, Berichtigung, Löschung und Übertragbarkeit deiner Daten, auf Einschränkung der Verarbeitung, auf Widerspruch und auf Widerruf deiner Einwilligung. Schreib an privacy@${SHOP.domain}.`,
        ),
      ].join(""),
    },
  },
  {
    type: "TERMS_OF_SERVICE",
    handle: "terms-of-service",
    id: "gid://shopify/ShopPolicy/41004",
    en: {
      title: "Terms of service",
      body: [
        p(
          `These terms apply to every order placed at ${SHOP.domain} with ${SHOP.name} GmbH, Hamburg (commercial register HRB 164522, Hamburg local court).`,
        ),
        h("Contract"),
        p(
          "Product pages are an invitation to order. By completing checkout you make a binding offer; the contract is concluded when we send the shipping confirmation.",
        ),
        h("Prices and payment"),
        p(
          "All prices are in euros and include German VAT. We accept Visa, Mastercard, American Express, PayPal, Klarna (pay in 30 days), Apple Pay and Google Pay.",
          "Payment is taken when you place the order; with Klarna, the invoice is due 30 days after shipping.",
        ),
        h("Right of withdrawal"),
        p(
          "Consumers in the EU may withdraw from the contract within 14 days without giving a reason; our voluntary 30-day return window in the refund policy extends this right.",
        ),
        h("Retention of title"),
        p("Goods remain our property until paid in full."),
        h("Warranty and liability"),
        p(
          "The statutory warranty rights apply. Our liability for slight negligence is limited to foreseeable damage typical of the contract.",
        ),
        h("Disputes"),
        p(
          "German law applies, excluding the UN Convention on Contracts for the International Sale of Goods. We are neither willing nor obliged to take part in dispute resolution before a consumer arbitration board.",
        ),
      ].join(""),
    },
    de: {
      title: "Allgemeine Geschäftsbedingungen",
      body: [
        p(
          `Diese AGB gelten für alle Bestellungen auf ${SHOP.domain} bei der ${SHOP.name} GmbH, Hamburg (HRB 164522, Amtsgericht Hamburg).`,
        ),
        h("Vertragsschluss"),
        p(
          "Die Produktdarstellung ist eine Aufforderung zur Bestellung. Mit dem Abschluss der Bestellung gibst du ein verbindliches Angebot ab; der Vertrag kommt mit unserer Versandbestätigung zustande.",
        ),
        h("Preise und Zahlung"),
        p(
          "Alle Preise sind in Euro inklusive Mehrwertsteuer. Wir akzeptieren Visa, Mastercard, American Express, PayPal, Klarna (Kauf auf Rechnung in 30 Tagen), Apple Pay und Google Pay.",
        ),
        h("Widerrufsrecht"),
        p(
          "Verbraucher in der EU können den Vertrag innerhalb von 14 Tagen ohne Angabe von Gründen widerrufen; unser freiwilliges Rückgaberecht von 30 Tagen erweitert dieses Recht.",
        ),
        h("Eigentumsvorbehalt"),
        p("Die Ware bleibt bis zur vollständigen Bezahlung unser Eigentum."),
        h("Gewährleistung und Haftung"),
        p(
          "Es gelten die gesetzlichen Gewährleistungsrechte. Bei leichter Fahrlässigkeit haften wir nur für vorhersehbare, vertragstypische Schäden.",
        ),
        h("Streitbeilegung"),
        p(
          "Es gilt deutsches Recht unter Ausschluss des UN-Kaufrechts. Zur Teilnahme an einem Streitbeilegungsverfahren vor einer Verbraucherschlichtungsstelle sind wir weder bereit noch verpflichtet.",
        ),
      ].join(""),
    },
  },
  {
    type: "CONTACT_INFORMATION",
    handle: "contact-information",
    id: "gid://shopify/ShopPolicy/41005",
    en: {
      title: "Contact information",
      body: [
        p(`${SHOP.name} GmbH, Schulterblatt 58, 20357 Hamburg, Germany.`),
        p(
          `Email: ${SHOP.email}. Phone: ${SHOP.phone} (Monday to Friday, 9 am to 6 pm CET). We answer emails within one business day.`,
        ),
        p("Managing directors: Lena Vogt, Jonas Brandt. VAT ID: DE318664120."),
      ].join(""),
    },
    de: {
      title: "Kontaktinformationen",
      body: [
        p(`${SHOP.name} GmbH, Schulterblatt 58, 20357 Hamburg.`),
        p(
          `E-Mail: ${SHOP.email}. Telefon: ${SHOP.phone} (Montag bis Freitag, 9 bis 18 Uhr). Wir beantworten E-Mails innerhalb eines Werktags.`,
        ),
        p("Geschäftsführung: Lena Vogt, Jonas Brandt. USt-IdNr.: DE318664120."),
      ].join(""),
    },
  },
];

export const POLICY_IDS = Object.fromEntries(TEXTS.map((text) => [text.type, text.id])) as Record<PolicyType, string>;

export function policies(): PolicyDocument[] {
  return TEXTS.flatMap((text) =>
    (["en", "de"] as const).map((locale) => ({
      type: "policy" as const,
      id: text.id,
      locale,
      policyType: text.type,
      title: text[locale].title,
      body: text[locale].body,
      url: policyUrl(text.handle, locale),
    })),
  );
}
