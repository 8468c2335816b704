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

/**
 * The one Admin API version whose schema is kept here: the version the app calls (app/shopify.server.ts;
 * tests/unit/api-version.test.ts fails when the two differ, so a version bump brings its schema along).
 */
export const ADMIN_SCHEMA_VERSION = "2026-10";
export type AdminSchemaVersion = typeof ADMIN_SCHEMA_VERSION;

/** The Admin GraphQL API's introspection of the version the app calls. */
export function adminSchemaIntrospection(version: AdminSchemaVersion = ADMIN_SCHEMA_VERSION): IntrospectionQuery {
  return adminSchemaFile(version).data;
}

/**
 * The whole file, as @shopify/dev-mcp ships it: the introspection under `data`, and the access scopes each
 * type and field needs (`offline_scopes`).
 */
export function adminSchemaFile(version: AdminSchemaVersion = ADMIN_SCHEMA_VERSION): {
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
