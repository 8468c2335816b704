/**
 * Why: the facts every text of the sandbox shop agrees on (name, address, prices of shipping, return window),
 * in one place, so policies, pages and FAQs never contradict each other the way a real shop's content should not.
 */
export const SHOP = {
  name: "Harbor & Field",
  domain: "harbor-field.example",
  primaryLocale: "en",
  currencyCode: "EUR",
  email: "hello@harbor-field.example",
  phone: "+49 40 3861 2290",
};

export const url = (path: string) => `https://${SHOP.domain}${path}`;
export const pageUrl = (handle: string, locale = "en") => url(`${locale === "en" ? "" : `/${locale}`}/pages/${handle}`);
export const policyUrl = (handle: string, locale = "en") =>
  url(`${locale === "en" ? "" : `/${locale}`}/policies/${handle}`);
