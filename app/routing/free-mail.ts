/**
 * Business or free-mail: "a lead from acme.com" means a company is looking, "a lead from
 * gmail.com" may be anyone. The list holds the big consumer mailbox providers; a rule set can
 * add the merchant's own (e.g. a regional provider their customers use).
 */
import { emailDomain } from "./facts";

export const FREE_MAIL_DOMAINS: readonly string[] = [
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "yahoo.co.uk",
  "yahoo.fr",
  "ymail.com",
  "outlook.com",
  "hotmail.com",
  "hotmail.co.uk",
  "hotmail.fr",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.de",
  "gmx.net",
  "gmx.com",
  "web.de",
  "t-online.de",
  "freenet.de",
  "orange.fr",
  "free.fr",
  "laposte.net",
  "libero.it",
  "virgilio.it",
  "yandex.ru",
  "yandex.com",
  "mail.ru",
  "rambler.ru",
  "qq.com",
  "163.com",
  "126.com",
  "sina.com",
  "naver.com",
  "zoho.com",
  "mail.com",
  "tutanota.com",
  "fastmail.com",
  "hey.com",
];

export type EmailKind = "business" | "free_mail" | "none";

export function emailKind(email: string | undefined, extraFreeMailDomains: readonly string[] = []): EmailKind {
  const domain = emailDomain(email);
  if (!domain) return "none";
  const free =
    FREE_MAIL_DOMAINS.includes(domain) || extraFreeMailDomains.some((extra) => extra.toLowerCase() === domain);
  return free ? "free_mail" : "business";
}
