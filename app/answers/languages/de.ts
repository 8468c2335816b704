/**
 * Why: German for the answering core — Snowball stemming (umlauts folded by the stemmer), stop words plus chat
 * filler, the everyday shop vocabulary shoppers swap freely, and the cues for order status, searches and facts.
 */
import { stemmer } from "@orama/stemmers/german";
import { stopwords } from "@orama/stopwords/german";
import type { Language } from "./shape";
import { listOf } from "../text";

const FILLER = `hallo hi hey moin servus bitte danke gerne mal kurz frage fragen wissen weiß weiss möchte moechte möchten
  gern würde wuerde könnt koennt ihr euch eure euer sie ihnen gibt geben kann können konnte darf dürfen irgendwie
  eigentlich ja nein ok okay genau eine einer etwas info infos information informationen leider schon denn
  habt hast gibts zeig zeigt zeigen suche suchen brauche brauchen geht möglich moeglich kaufen gekauft bekomme
  beim sachen ding dinge zeug`;

export const german: Language = {
  code: "de",
  name: "Deutsch",
  compounds: true,
  stem: stemmer,
  stopWords: new Set([...stopwords, ...FILLER.split(/\s+/)]),
  synonyms: [
    ["rückgabe", "rücksendung", "zurückgeben", "zurückschicken", "zurücksenden", "retoure", "retournieren"],
    ["erstattung", "rückerstattung", "geld zurück", "erstatten"],
    ["versand", "lieferung", "liefern", "versenden", "verschicken", "zustellung", "schicken"],
    ["kosten", "preis", "gebühr", "gebühren", "kostet", "bezahlen"],
    ["ausland", "international", "weltweit", "andere länder"],
    ["rabatt", "gutschein", "gutscheincode", "rabattcode", "code", "aktion"],
    ["waschen", "waschbar", "waschmaschine", "reinigen", "wäsche", "pflege"],
    ["größe", "grösse", "passform", "größen"],
    ["kontakt", "erreichen", "email", "telefon", "anrufen", "kundenservice", "support"],
    ["geschäft", "laden", "filiale", "showroom", "store"],
    ["stornieren", "stornierung", "storno"],
    ["pullover", "pulli", "sweater"],
    ["material", "stoff", "hergestellt aus", "besteht aus", "gemacht aus"],
    ["kaputt", "beschädigt", "defekt", "fehlerhaft"],
    [
      "eu",
      "europäische union",
      "österreich",
      "belgien",
      "bulgarien",
      "kroatien",
      "zypern",
      "tschechien",
      "dänemark",
      "estland",
      "finnland",
      "frankreich",
      "griechenland",
      "ungarn",
      "irland",
      "italien",
      "lettland",
      "litauen",
      "luxemburg",
      "malta",
      "niederlande",
      "holland",
      "polen",
      "portugal",
      "rumänien",
      "slowakei",
      "slowenien",
      "spanien",
      "schweden",
    ],
    ["umtauschen", "umtausch", "tauschen", "wechseln"],
    ["hergestellt", "produziert", "gefertigt", "genäht", "herstellung", "produktion"],
    ["nachhaltig", "fair", "ökologisch", "umweltfreundlich"],
    ["raten", "ratenzahlung", "später bezahlen", "klarna", "finanzierung"],
    ["falsch", "fehler", "vertippt", "tippfehler"],
    ["jobs", "job", "stellen", "mitarbeiter", "leute", "bewerben", "karriere"],
    ["größe", "maße", "abmessungen", "maß"],
    ["funktioniert nicht", "geht nicht", "klappt nicht"],
    ["kundenkonto", "konto", "registrieren", "anmelden", "konto erstellen", "konto anlegen"],
    ["mindestbestellwert", "mindestwert", "mindestens", "schwelle", "ab wie viel", "ausgeben"],
    [
      "saisonal",
      "saison",
      "sommersale",
      "wintersale",
      "sommer sale",
      "winter sale",
      "sommerschlussverkauf",
      "winterschlussverkauf",
    ],
    ["annahmeschluss", "bestellschluss", "uhr", "mittags", "mittag"],
  ],
  orderStatus: [
    /\b(wo|status|verfolgen|sendungsverfolgung|tracking)\b.*\b(bestellung|paket|lieferung|sendung|päckchen)\b/,
    /\b(bestellung|paket|lieferung|sendung)\b.*\b(status|verfolgen|angekommen|ankommen|kommt|unterwegs|verspätet|verloren|noch nicht)\b/,
    /\bsendungsverfolgung\b/,
    // "Wann kommt meine Bestellung?": the verb before the order, as German asks it.
    /\b(wann|wo)\b.*\b(kommt|kommen|bleibt|ist)\b.*\b(meine?|unsere?) (bestellung|paket|lieferung|sendung|päckchen)\b/,
  ],
  productSearch: [
    /\b(habt|haben) (ihr|sie)\b/,
    /\b(gibt es|gibts|führt ihr|führen sie|verkauft ihr|verkaufen sie)\b/,
    /\b(ich suche|suche (eine?n?|nach)|zeig mir|zeigen sie mir|empfehlt|empfehlen sie|brauche eine?n?)\b/,
  ],
  facts: {
    price: /\b(wie viel|wieviel|was kostet|kostet|preis|preise|teuer|günstig)\b/,
    availability: /\b(auf lager|verfügbar|lieferbar|vorrätig|ausverkauft|wieder da|nachschub)\b/,
    options:
      /\b(welche|andere) (größen|grössen|farben|varianten|längen|düfte)\b|\bgibt es (das|die|den|es) (in|auch)\b/,
    sale: /\b(im angebot|reduziert|sale|rabattiert|im sale)\b/,
  },
  deictic: /\b(es|das|dies|dieses|diese|dieser|den|der|die hier|das hier)\b/,
  asksHowOrWhen: /^(wann|warum|wieso|weshalb|wo|wie (lange|oft|schnell|kann|soll|muss|mache|pflege|wasche))\b/,
  asks: /^(kann|kannst|könnt|koennt|darf|ist|sind|gibt|gibts|wie|was|wann|wo|welche|welcher|welches|warum|wieso|muss|habt|hast|bekomme|werde|wird)\b/,
  messages: {
    clarify: (options) => `Welches meinst du: ${listOf(options, "oder")}?`,
    abstain: (shop) =>
      `Dazu habe ich in den Informationen von ${shop} leider nichts gefunden. Vielleicht hilft eine dieser Fragen:`,
    orderStatus:
      "Das prüfe ich gern. Bitte nenne mir deine Bestellnummer (zum Beispiel #1001) und die E-Mail-Adresse der Bestellung.",
    products: (count) => (count === 1 ? "Das habe ich gefunden:" : `Diese ${count} Produkte passen:`),
    onlyIn: (language) => `Dazu haben wir nur Informationen auf ${language}:`,
    price: (title, price, compareAt, varies) =>
      `${title} kostet ${varies ? "ab " : ""}${price}${compareAt ? ` (statt ${compareAt})` : ""}.`,
    available: (title, values) => `${title} ist ${values.length ? `in ${listOf(values, "und")} ` : ""}auf Lager.`,
    soldOut: (title, values) => `${title} ist ${values.length ? `in ${listOf(values, "und")} ` : ""}ausverkauft.`,
    options: (title, options) =>
      `${title} gibt es in ${options.map((option) => `${option.name} ${listOf(option.values, "und")}`).join("; ")}.`,
    noSale: (title) => `${title} ist derzeit nicht reduziert.`,
  },
};
