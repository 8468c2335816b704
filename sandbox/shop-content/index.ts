/**
 * Why: one call builds the whole sandbox shop — profile, products, policies, pages, FAQs and the merchant's
 * synonyms — at the size asked: about 600 products and the written pages for the labelled evaluation, 10,000
 * products and 200 pages for the speed measure, and the same catalog for the demo.
 */
import type { KnowledgeDocument, ShopProfile, SynonymGroup } from "../../app/answers/documents";
import { faqs } from "./faqs";
import { pages, PAGE_IDS } from "./pages";
import { PAGES_EN } from "./pages-en";
import { policies, POLICY_IDS } from "./policies";
import { products } from "./products";
import { SHOP } from "./shop";

export interface ShopContent {
  shop: ShopProfile;
  documents: KnowledgeDocument[];
  synonyms: SynonymGroup[];
}

export interface ShopSize {
  /** English products, anchors included. */
  products: number;
  /** Online-store pages in all (written ones first, the rest generated journal pages). */
  pages: number;
}

export const EVALUATION_SIZE: ShopSize = { products: 600, pages: Object.keys(PAGES_EN).length };
export const SPEED_SIZE: ShopSize = { products: 10_000, pages: 200 };

/** What this merchant says means the same in their shop. */
export const MERCHANT_SYNONYMS: SynonymGroup[] = [
  { locale: "en", terms: ["tote", "tote bag", "bag", "shopper"] },
  { locale: "en", terms: ["beanie", "hat", "woolly hat"] },
  { locale: "en", terms: ["rain jacket", "raincoat", "waterproof jacket", "shell"] },
  { locale: "de", terms: ["mütze", "beanie", "wollmütze"] },
  { locale: "de", terms: ["regenjacke", "regenmantel", "wasserdichte jacke"] },
];

export function shopContent(size: ShopSize = EVALUATION_SIZE): ShopContent {
  const written = Object.keys(PAGES_EN).length;
  return {
    shop: { name: SHOP.name, primaryLocale: SHOP.primaryLocale, currencyCode: SHOP.currencyCode },
    documents: [...products(size.products), ...policies(), ...pages(Math.max(0, size.pages - written)), ...faqs()],
    synonyms: MERCHANT_SYNONYMS,
  };
}

export { PAGE_IDS, POLICY_IDS };
