/**
 * Shopify's own example payloads and Admin GraphQL schema (sandbox/shopify/fixtures, see its
 * README), read by the stand-ins, the demo and the tests from this one place.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import type { IntrospectionQuery } from "graphql";

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

/** A Shopify webhook payload's text, exactly as in fixtures/webhooks (JSON.parse would round ids past 2^53). */
export function webhookFixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, "webhooks", `${name}.json`), "utf8");
}

/** A Shopify webhook payload from fixtures/webhooks, parsed fresh for each caller. */
export function webhookFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, "webhooks", `${name}.json`), "utf8")) as T;
}

/** The Admin API versions whose schema is kept here; 2026-10 is the one the app calls (app/shopify.server.ts). */
export type AdminSchemaVersion = "2025-01" | "2026-10";

/** The Admin GraphQL API's introspection of a version (2025-01 unless asked). */
export function adminSchemaIntrospection(version: AdminSchemaVersion = "2025-01"): IntrospectionQuery {
  return adminSchemaFile(version).data;
}

/**
 * The whole file of a version: 2026-10's, as @shopify/dev-mcp ships it, also names the access scopes each
 * type and field needs (`offline_scopes`).
 */
export function adminSchemaFile(version: AdminSchemaVersion): {
  data: IntrospectionQuery;
  offline_scopes?: { items: AccessRequirement[] };
} {
  const parsed = JSON.parse(
    gunzipSync(readFileSync(path.join(FIXTURES, `admin-graphql/admin_schema_${version}.json.gz`))).toString(),
  ) as IntrospectionQuery | { data: IntrospectionQuery; offline_scopes?: { items: AccessRequirement[] } };
  return "data" in parsed ? parsed : { data: parsed };
}

export interface AccessRequirement {
  type: "type" | "field";
  typeName: string;
  fieldName?: string;
  /** Any one of these scopes grants access; none listed: no scope needed. */
  offlineScopes: string[];
}
