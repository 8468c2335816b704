/**
 * One shopper, Zebulon, as the privacy tests redact them: marks that can be searched for in every
 * column and in the database files (email, an older email, a 19-digit customer id, name, phone,
 * street), the customers/redact body Shopify sends for them (written as raw text: a 19-digit id
 * cannot go through JSON.stringify unrounded), and Shopify's full order example made theirs.
 */
import { randomUUID } from "node:crypto";
import { webhookFixture } from "../../../sandbox/shopify/fixture-files";

export interface Subject {
  email: string;
  oldEmail: string;
  /** 19 digits: past 2^53, so JSON.parse rounds it. */
  customerId: string;
  name: string;
  phone: string;
  street: string;
}

export function aSubject(): Subject {
  const run = randomUUID().slice(0, 8);
  return {
    email: `zeb.quixote.${run}@example.org`,
    oldEmail: `zeb.old.${run}@example.org`,
    customerId: `7301${String(Date.now()).slice(-8)}${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`,
    name: `Zebulon${run}`,
    phone: `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`,
    street: `742 Evergreen ${run}`,
  };
}

/** Everything a trace of the subject could look like in a stored text, lower-cased. */
export function marksOf(subject: Subject): string[] {
  return [subject.email, subject.oldEmail, subject.customerId, subject.name, subject.phone, subject.street].map(
    (mark) => mark.toLowerCase(),
  );
}

export const customerGidOf = (subject: Subject) => `gid://shopify/Customer/${subject.customerId}`;

/** customers/redact as Shopify sends it, the id a bare 19-digit number, the email as the customer typed it. */
export function aCustomersRedactBody(subject: Subject, ordersToRedact: readonly string[] = []): string {
  return (
    `{"shop_id":954889,"shop_domain":"test-shop.myshopify.com",` +
    `"customer":{"id":${subject.customerId},"email":"${subject.email.toUpperCase()}","phone":"${subject.phone}"},` +
    `"orders_to_redact":[${ordersToRedact.join(",")}]}`
  );
}

type Json = Record<string, unknown>;

/** Shopify's full orders/create example, bought by the subject: customer, addresses, email and phone are theirs. */
export function anOrderBodyOf(subject: Subject, orderId: string, email = subject.email): Json {
  const order = webhookFixture<Json & { customer: Json; line_items: Json[] }>("orders-create.full");
  const address = {
    first_name: subject.name,
    last_name: "Quixote",
    name: `${subject.name} Quixote`,
    address1: subject.street,
    city: "Springfield",
    zip: "49007",
    phone: subject.phone,
  };
  return {
    ...order,
    id: orderId,
    admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
    // Line ids are global in Shopify: each order gets lines of its own.
    line_items: order.line_items.map((line, i) => {
      const lineId = `${orderId}${i}`;
      return { ...line, id: lineId, admin_graphql_api_id: `gid://shopify/LineItem/${lineId}` };
    }),
    email,
    contact_email: email,
    phone: subject.phone,
    billing_address: address,
    shipping_address: address,
    note: `Leave it with ${subject.name}'s neighbour`,
    customer: {
      ...order.customer,
      id: subject.customerId,
      admin_graphql_api_id: customerGidOf(subject),
      email,
      first_name: subject.name,
      phone: subject.phone,
      default_address: address,
    },
  };
}
