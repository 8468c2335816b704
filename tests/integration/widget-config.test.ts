/**
 * Publishing the widget config: the real Admin API client (@shopify/admin-api-client, what
 * `admin.graphql` wraps) against a local stand-in that validates every document against the
 * Admin GraphQL schema 2026-10 (the version the app calls) and executes it on that schema.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createAdminApiClient } from "@shopify/admin-api-client";
import { buildClientSchema, execute, parse, validate, type GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { starterConfig } from "../../app/flows/starter-config";
import { widgetConfigSchema } from "../../contract/widget-config";
import { CURRENT_APP_INSTALLATION, PUBLISH_WIDGET_CONFIG } from "../../app/integrations/shopify/widget-config.graphql";
import {
  publishWidgetConfig,
  WIDGET_CONFIG_METAFIELD,
  WidgetConfigPublishError,
  type AdminGraphql,
} from "../../app/integrations/shopify/widget-config.server";
import { projectRoot } from "../support/database";
import { ADMIN_SCHEMA_VERSION, adminSchemaIntrospection } from "../../sandbox/shopify/fixture-files";

const INSTALLATION = "gid://shopify/AppInstallation/4242";
const schema: GraphQLSchema = buildClientSchema(adminSchemaIntrospection(ADMIN_SCHEMA_VERSION));

interface Received {
  operationName?: string;
  variables: Record<string, unknown>;
}

/** The Admin API stand-in: validates, then executes on the real schema with canned resolvers. */
function adminStandIn(received: Received[], userErrors: { field: string[]; message: string; code: string }[] = []) {
  return createServer((request, response) => {
    let text = "";
    request.on("data", (chunk) => (text += chunk));
    request.on("end", async () => {
      const { query, variables = {} } = JSON.parse(text) as { query: string; variables?: Record<string, unknown> };
      const document = parse(query);
      const errors = validate(schema, document);
      const operation = document.definitions.find((definition) => definition.kind === "OperationDefinition");
      received.push({ operationName: operation && "name" in operation ? operation.name?.value : undefined, variables });
      const result = errors.length
        ? { errors: errors.map((error) => ({ message: error.message })) }
        : await execute({
            schema,
            document,
            variableValues: variables,
            rootValue: {
              currentAppInstallation: { id: INSTALLATION },
              metafieldsSet: ({ metafields }: { metafields: { namespace: string; key: string }[] }) => ({
                metafields: userErrors.length
                  ? null
                  : metafields.map((metafield, index) => ({
                      ...metafield,
                      id: `gid://shopify/Metafield/${900 + index}`,
                      updatedAt: "2025-06-02T10:00:00Z",
                    })),
                userErrors,
              }),
            },
          });
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(result));
    });
  });
}

async function listen(server: Server) {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** `admin.graphql` as authenticate.admin builds it, pointed at the stand-in. */
function adminGraphql(base: string): AdminGraphql {
  const client = createAdminApiClient({
    storeDomain: "harbor-supply.myshopify.com",
    apiVersion: ADMIN_SCHEMA_VERSION,
    accessToken: "shpat_test_token",
    customFetchApi: (url, init) => fetch(String(url).replace("https://harbor-supply.myshopify.com", base), init),
  });
  return (query, options) => client.fetch(query, { variables: options?.variables });
}

describe("widget config documents", () => {
  it.each([
    ["currentAppInstallation", CURRENT_APP_INSTALLATION],
    ["metafieldsSet", PUBLISH_WIDGET_CONFIG],
  ])("%s validates against the Admin GraphQL schema the app calls (2026-10)", (_, document) => {
    expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([]);
  });

  it("a wrong field would not validate (the check above can fail)", () => {
    expect(
      validate(schema, parse("mutation { metafieldsSet(metafields: []) { metafield { id } } }")).length,
    ).toBeGreaterThan(0);
  });
});

describe("publishWidgetConfig", () => {
  const received: Received[] = [];
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = adminStandIn(received);
    base = await listen(server);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sets the json metafield on the current app installation, where the Liquid reads it", async () => {
    // GIVEN the admin's config
    const input = starterConfig({ holdoutPercent: 15 });
    // WHEN it is published
    const result = await publishWidgetConfig(adminGraphql(base), input);
    // THEN the installation was looked up, then exactly this metafield was set
    expect(received.map((entry) => entry.operationName)).toEqual([
      "ChatLiftCurrentAppInstallation",
      "ChatLiftPublishWidgetConfig",
    ]);
    expect(received[1]!.variables).toEqual({
      metafields: [
        {
          ownerId: INSTALLATION,
          namespace: "chatlift",
          key: "widget_config",
          type: "json",
          value: JSON.stringify(widgetConfigSchema.parse(input)),
        },
      ],
    });
    expect(result.metafieldId).toBe("gid://shopify/Metafield/900");
    expect(result.config.holdoutPercent).toBe(15);
    // AND the Liquid reads the same namespace and key
    const liquid = readFileSync(path.join(projectRoot, "extensions/chatlift/blocks/chatlift-embed.liquid"), "utf8");
    expect(liquid).toContain(
      `app.metafields.${WIDGET_CONFIG_METAFIELD.namespace}.${WIDGET_CONFIG_METAFIELD.key}.value`,
    );
  });

  it("sends nothing for an invalid config, and says what is wrong", async () => {
    const before = received.length;
    await expect(publishWidgetConfig(adminGraphql(base), { ...starterConfig(), holdoutPercent: 140 })).rejects.toThrow(
      /holdoutPercent|100/,
    );
    expect(received.length).toBe(before);
  });

  it("reports Shopify's user errors", async () => {
    const refusing = adminStandIn(
      [],
      [{ field: ["metafields", "0", "value"], message: "Value is invalid JSON", code: "INVALID_VALUE" }],
    );
    const url = await listen(refusing);
    try {
      const failure = await publishWidgetConfig(adminGraphql(url), starterConfig()).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(WidgetConfigPublishError);
      expect((failure as WidgetConfigPublishError).details).toEqual([
        { field: ["metafields", "0", "value"], message: "Value is invalid JSON", code: "INVALID_VALUE" },
      ]);
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});
