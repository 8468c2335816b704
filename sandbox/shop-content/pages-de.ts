/**
 * Why: the German translations of the sandbox shop's pages (most of them, not all, as in a real shop), so a
 * German shopper is answered in German where a translation exists and in English, saying so, where not.
 */
import type { PageText } from "./pages-en";

const h = (title: string) => `<h2>${title}</h2>`;
const p = (...sentences: string[]) => `<p>${sentences.join(" ")}</p>`;
const ul = (...items: string[]) => `<ul>${items.map((item) => `<li>${item}</li>`).join("")}</ul>`;

export const PAGES_DE: Record<string, PageText> = {
  "about-us": {
    title: "Über uns",
    body:
      p(
        "Harbor & Field begann 2014 als Marktstand im Hamburger Schanzenviertel, mit Leinenhemden, die Lena an ihrem Küchentisch nähte.",
        "Heute entwerfen wir zu 38 Kleidung, Wohnaccessoires, Outdoor-Ausrüstung und Naturkosmetik, die viele Jahre halten soll.",
      ) +
      p(
        "Wir arbeiten mit 14 Familienbetrieben in Portugal, Litauen, Italien und Deutschland zusammen und besuchen jeden mindestens einmal im Jahr.",
      ),
  },
  "size-guide": {
    title: "Größentabelle",
    body:
      h("Oberteile, Hemden und Strick") +
      p(
        "Unsere Oberteile folgen EU-Größen. XS passt bei 82–86 cm Brustumfang, S bei 87–92 cm, M bei 93–98 cm, L bei 99–105 cm, XL bei 106–112 cm und XXL bei 113–120 cm.",
        "Hemden mit „Relaxed Fit“ sind weit geschnitten; liegst du zwischen zwei Größen, nimm die kleinere.",
      ) +
      h("Hosen und Jeans") +
      p(
        "Hosen richten sich nach der Taille: S passt bei 72–77 cm, M bei 78–83 cm, L bei 84–90 cm, XL bei 91–97 cm. Die Innenbeinlänge beträgt 81 cm (regulär) bzw. 86 cm (lang).",
        "Unsere Leinenhosen haben einen elastischen Tunnelzug und fallen etwas größer aus.",
      ) +
      h("Schuhe und Stiefel") +
      p(
        "Schuhe gibt es in den EU-Größen 36 bis 46. Wanderstiefel sind für dicke Socken geschnitten; die meisten nehmen ihre übliche Größe, bei schmalen Füßen eine halbe Größe kleiner.",
      ),
  },
  "care-guide": {
    title: "Pflegehinweise",
    body:
      h("Leinen") +
      p(
        "Leinen wird mit jeder Wäsche weicher. Bei 30 °C im Schonwaschgang mit ähnlichen Farben waschen und auf der Leine trocknen.",
        "Leicht feucht bügeln oder die natürlichen Falten genießen. Bitte nicht in den Trockner: Leinen kann dort um bis zu 3 % einlaufen.",
      ) +
      h("Merinowolle und Kaschmir") +
      p(
        "Wolle muss selten gewaschen werden: Über Nacht auslüften reicht meist. Wenn nötig, kalt mit Wollwaschmittel von Hand oder im Wollprogramm waschen und liegend trocknen.",
      ) +
      h("Bio-Baumwolle") +
      p("Baumwolle kann bei 40 °C gewaschen werden. Drucke und dunkle Farben auf links waschen.") +
      h("Leder") +
      p("Leder mit einem feuchten Tuch abwischen und zweimal im Jahr mit Lederbalsam pflegen.") +
      h("Daunenjacken") +
      p(
        "Daunenjacken selten waschen, im Schonwaschgang mit Daunenwaschmittel, und bei niedriger Temperatur mit drei Tennisbällen im Trockner trocknen.",
      ),
  },
  "shipping-zones": {
    title: "Lieferzeiten und Versandkosten",
    body:
      p(
        "Hier siehst du, wohin wir liefern, wie lange es dauert und was es kostet. Alle Details stehen in der Versandrichtlinie.",
      ) +
      ul(
        "Deutschland: 2–4 Werktage, 4,95 €, ab 75 € kostenlos; Express 1–2 Tage für 9,95 €",
        "EU-Länder: 3–7 Werktage, 9,95 €, ab 120 € kostenlos",
        "Großbritannien, Schweiz, Norwegen: 4–8 Werktage, 14,95 €",
        "USA und Kanada: 6–10 Werktage, 19,95 €, ab 200 € kostenlos",
      ),
  },
  stores: {
    title: "Unsere Läden",
    body:
      h("Hamburg") +
      p(
        "Schulterblatt 58, 20357 Hamburg. Montag bis Samstag 10 bis 19 Uhr. Unser Flagship-Store mit dem ganzen Wohnsortiment und einer Reparaturecke.",
      ) +
      h("Berlin") +
      p("Torstraße 112, 10119 Berlin-Mitte. Montag bis Samstag 11 bis 20 Uhr.") +
      h("München") +
      p("Klenzestraße 41, 80469 München. Montag bis Freitag 10 bis 19 Uhr, Samstag 10 bis 18 Uhr.") +
      p(
        "Sonntags und an Feiertagen sind alle Läden geschlossen. Online-Bestellungen kannst du in jedem Laden zurückgeben; wir erstatten sofort.",
      ),
  },
  contact: {
    title: "Kontakt",
    body: p(
      "Am schnellsten erreichst du uns per E-Mail an hello@harbor-field.example; wir antworten innerhalb eines Werktags.",
      "Telefonisch sind wir unter +49 40 3861 2290 erreichbar, Montag bis Freitag von 9 bis 18 Uhr.",
    ),
  },
  sustainability: {
    title: "Nachhaltigkeit",
    body:
      p(
        "Wir verwenden zertifizierte Bio-Baumwolle (GOTS), europäisches Leinen, mulesingfreie Merinowolle und recyceltes Polyester für technische Stoffe.",
        "92 % unserer Produkte werden in Europa hergestellt.",
      ) +
      p(
        "Unsere Pakete bestehen aus Recyclingkarton und Papierklebeband, ganz ohne Plastik. Die Emissionen jedes Versands gleichen wir über ein Gold-Standard-Projekt aus.",
      ),
  },
  "gift-cards": {
    title: "Geschenkgutscheine",
    body:
      p(
        "Unsere digitalen Geschenkgutscheine gibt es im Wert von 25 € bis 200 €; wir verschicken sie per E-Mail, sofort oder an einem Wunschtermin.",
        "Sie sind 3 Jahre gültig, online und in unseren Läden einlösbar und mit anderen Zahlungsarten kombinierbar.",
      ) + p("Eine Barauszahlung ist nicht möglich. Restguthaben bleibt auf dem Gutschein."),
  },
  newsletter: {
    title: "Newsletter",
    body: p(
      "Melde dich für unseren Newsletter an und erhalte 10 % Rabatt auf deine erste Bestellung. Wir schreiben etwa einmal pro Woche: Neuheiten, Geschichten aus unseren Werkstätten und früher Zugang zum Sale.",
    ),
  },
  "click-and-collect": {
    title: "Click & Collect",
    body: p(
      "Online bestellen und kostenlos in unseren Läden in Hamburg, Berlin oder München abholen.",
      "Wähle an der Kasse „Im Laden abholen“. Wir schicken dir eine E-Mail, sobald die Bestellung bereitliegt, meist innerhalb von 2 Stunden während der Öffnungszeiten.",
      "Abgeholte Bestellungen bewahren wir 7 Tage auf.",
    ),
  },
  repairs: {
    title: "Reparaturen und Garantie",
    body:
      p(
        "Für alle Produkte gilt die zweijährige gesetzliche Gewährleistung. Auf Outdoor-Ausrüstung (Regenjacken, Daunenjacken, Rucksäcke und Zelte) geben wir 5 Jahre Garantie auf Material- und Verarbeitungsfehler.",
      ) +
      p(
        "Naht gerissen? Reißverschluss kaputt? Wir reparieren unsere eigenen Produkte zum Selbstkostenpreis: neuer Reißverschluss ab 15 €, Nahtreparatur ab 10 €. Die Reparatur dauert etwa zwei Wochen.",
      ),
  },
  "returns-portal": {
    title: "Retourenportal",
    body: p(
      "Hier startest du deine Rücksendung: Bestellnummer und E-Mail-Adresse eingeben, Artikel und Grund auswählen, und wir schicken dir ein vorfrankiertes Etikett.",
    ),
  },
  "payment-methods": {
    title: "Zahlungsarten",
    body: p(
      "Wir akzeptieren Visa, Mastercard, American Express, PayPal, Apple Pay, Google Pay und Klarna.",
      "Mit Klarna zahlst du 30 Tage nach dem Versand oder in drei zinsfreien Raten.",
    ),
  },
  careers: {
    title: "Jobs",
    body: p(
      "Derzeit suchen wir eine Filialleitung für München und eine Lagerkraft in Hamburg. Bewerbungen bitte an jobs@harbor-field.example.",
    ),
  },
  imprint: {
    title: "Impressum",
    body: p(
      "Harbor & Field GmbH, Schulterblatt 58, 20357 Hamburg. Geschäftsführung: Lena Vogt, Jonas Brandt. Registergericht: Amtsgericht Hamburg, HRB 164522. USt-IdNr.: DE318664120.",
    ),
  },
  "skincare-ingredients": {
    title: "Was in unserer Naturkosmetik steckt",
    body:
      p(
        "Unsere Kosmetik wird in kleinen Chargen im Schwarzwald hergestellt. Alle Produkte sind vegan, von Leaping Bunny als tierversuchsfrei zertifiziert und frei von Parabenen, Silikonen und synthetischen Duftstoffen.",
      ) + p("Ungeöffnet halten unsere Cremes 24 Monate, geöffnet 6 Monate."),
  },
  "bedding-sizes": {
    title: "Bettwäsche-Größen",
    body: p(
      "Unsere Bettbezüge gibt es in den Standardgrößen 135 × 200 cm, 155 × 220 cm und 200 × 220 cm. Kissenbezüge messen 40 × 80 cm oder 80 × 80 cm.",
    ),
  },
  restocks: {
    title: "Vorbestellungen und Nachschub",
    body: p(
      "Deine Größe ist ausverkauft? Klicke auf der Produktseite auf „Benachrichtigen“, und wir schreiben dir, sobald sie wieder da ist.",
      "Die meisten Artikel kommen innerhalb von 4 bis 6 Wochen zurück.",
    ),
  },
};
