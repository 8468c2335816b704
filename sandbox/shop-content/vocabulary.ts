/**
 * Why: the words the sandbox catalog is made of — product kinds per category with their options and price
 * ranges, materials with their real composition and care, colours and style names in English and German —
 * kept apart from the sentence pools so a new kind of product is one line.
 */
import { APPAREL_KINDS } from "./kinds-apparel";
import { OTHER_KINDS } from "./kinds-other";

export type { Kind, OptionScheme } from "./kind";
import type { Kind } from "./kind";

export const KINDS: Kind[] = [...APPAREL_KINDS, ...OTHER_KINDS];
export { MATERIALS, type Material } from "./materials";

export const COLOURS: [string, string][] = [
  ["White", "Weiß"],
  ["Black", "Schwarz"],
  ["Navy", "Marine"],
  ["Blue", "Blau"],
  ["Sage", "Salbei"],
  ["Sand", "Sand"],
  ["Rust", "Rost"],
  ["Olive", "Oliv"],
  ["Grey", "Grau"],
  ["Charcoal", "Anthrazit"],
  ["Ecru", "Ecru"],
  ["Terracotta", "Terrakotta"],
  ["Forest Green", "Waldgrün"],
  ["Ochre", "Ocker"],
  ["Pink", "Rosa"],
  ["Red", "Rot"],
  ["Brown", "Braun"],
  ["Stone", "Stein"],
];

export const SCENTS: [string, string][] = [
  ["Cedar & Vetiver", "Zeder & Vetiver"],
  ["Fig", "Feige"],
  ["Lavender", "Lavendel"],
  ["Unscented", "Unparfümiert"],
  ["Sea Salt", "Meersalz"],
  ["Bergamot", "Bergamotte"],
];

export const NAMES =
  `Fjord Aria Alder Juniper Birch Cove Dune Ember Fenwick Halden Isla Kestrel Larch Marlow Nordby Oslo Pellworm
  Quill Rowan Sylt Tamsin Ulla Vale Wren Ystad Zephyr Amrum Bergen Calder Delft Elbe Fehmarn Gotland Hallig Ilse Jura Kiel Lund Malmo
  Norden Orkney Pine Rauma Skagen Tilde Umea Vega Weser Aalborg Borkum Carlin Dagny Esja Fanø Greta Hedda Inga Jonna Kaja Liv Maren
  Nele Oda Pia Rike Saga Thea Ulrike Vilja Wilma Yara Anker Boje Deich Ebbe Flut Gezeiten Heide Insel Jolle Kutter Lotse Mole Nebel
  Priel Reet Strand Tide Watt Brise Dock Kai Segel Anholt Bornholm Fano Hiddensee Juist Langeoog Norderney Spiekeroog Usedom
  Wangerooge Baltrum Helgoland Rügen Föhr Ameland Texel Vlieland Terschelling Schiermonnikoog Lolland Falster Møn Samsø Ærø Læsø`
    .split(/\s+/)
    .filter(Boolean);

export const FITS = [
  {
    fit: "Relaxed fit. Runs large: if you are between sizes, take the smaller one.",
    fitDe: "Lockere Passform. Fällt groß aus: Liegst du zwischen zwei Größen, nimm die kleinere.",
    size: "runs large",
  },
  { fit: "Regular fit, true to size.", fitDe: "Normale Passform, fällt größengerecht aus.", size: "true to size" },
  {
    fit: "Slim fit. Runs small: we recommend one size up.",
    fitDe: "Schmale Passform. Fällt klein aus: Wir empfehlen eine Größe größer.",
    size: "runs small",
  },
  {
    fit: "Oversized fit, cut to be worn loose. Take your usual size.",
    fitDe: "Oversized-Passform, bewusst weit geschnitten. Nimm deine übliche Größe.",
    size: "oversized",
  },
];
