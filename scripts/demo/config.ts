/** The demo's fixed facts: where the project is, the demo shop, and the default ports. */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Question } from "../../contract/answers";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DEMO_STORE = "chatlift-demo";
export const DEMO_SHOP = `${DEMO_STORE}.myshopify.com`;
/** The sandbox's static token (sandbox/hubspot): a private app token the merchant would paste. */
export const SANDBOX_TOKEN = "pat-sandbox";
/** Shopify's library and the ingest route treat "HeadlessChrome" as a bot: visitors say this. */
export const DESKTOP_CHROME =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
export const DEFAULT_DATABASE = path.join(ROOT, "data/demo.sqlite");

export interface DemoPorts {
  admin: number;
  app: number;
  storefront: number;
  hubspot: number;
}

/** Interactive demo ports; 0 everywhere lets the system choose (smoke runs, tests). */
export const DEFAULT_PORTS: DemoPorts = { admin: 4300, app: 4301, storefront: 4100, hubspot: 4010 };
export const EPHEMERAL_PORTS: DemoPorts = { admin: 0, app: 0, storefront: 0, hubspot: 0 };

/** Drawn fresh at every start: nothing a previous demo (or anyone else) minted stays valid. */
export interface DemoSecrets {
  apiKey: string;
  apiSecret: string;
  demoSecret: string;
  encryptionKey: string;
}

export function drawSecrets(): DemoSecrets {
  return {
    apiKey: `chatlift-demo-${randomBytes(4).toString("hex")}`,
    apiSecret: randomBytes(32).toString("hex"),
    demoSecret: randomBytes(32).toString("hex"),
    encryptionKey: randomBytes(32).toString("hex"),
  };
}

/**
 * Questions the demo shop answers from its synced content (a policy, a page, the product of the page they are
 * asked on): the source each answer must name and words its quote must hold. The smoke asks them; the banner
 * suggests them.
 */
export const DEMO_QUESTIONS: Array<{ question: string; page: Question["page"]; sourceId: string; quotes: string }> = [
  {
    question: "Do you ship to PO boxes?",
    page: { type: "home" },
    sourceId: "gid://shopify/ShopPolicy/41002",
    quotes: "P.O. boxes",
  },
  {
    question: "How do I wash a down jacket?",
    page: { type: "home" },
    sourceId: "gid://shopify/Page/93003",
    quotes: "down wash",
  },
  {
    question: "Does it run small?",
    page: { type: "product", handle: "linen-shirt", productId: "8011001" },
    sourceId: "gid://shopify/Product/8011001",
    quotes: "Runs large",
  },
];
