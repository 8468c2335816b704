/**
 * Publishes the shop's widget config into an app-data metafield on the app installation; the
 * app embed renders it into the page as `app.metafields.chatlift.widget_config.value`, so the
 * widget needs no request to know its flows.
 */
import { parseWidgetConfig, type WidgetConfig } from "../../../contract/widget-config";
import {
  CURRENT_APP_INSTALLATION,
  PUBLISH_WIDGET_CONFIG,
  type GraphQLDocument,
  type MetafieldsSetInput,
} from "./widget-config.graphql";

/** Must match the Liquid: app.metafields.<namespace>.<key>. */
export const WIDGET_CONFIG_METAFIELD = { namespace: "chatlift", key: "widget_config" } as const;
/** Shopify's limit for a json metafield value is larger; a config past this is a mistake. */
export const MAX_CONFIG_BYTES = 64 * 1024;

/** The `admin.graphql` client that authenticate.admin returns. */
export type AdminGraphql = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;

export class WidgetConfigPublishError extends Error {
  constructor(
    message: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = "WidgetConfigPublishError";
  }
}

async function run<TData, TVariables>(
  graphql: AdminGraphql,
  document: GraphQLDocument<TData, TVariables>,
  variables?: TVariables,
): Promise<TData> {
  const response = await graphql(document, variables ? { variables: variables as Record<string, unknown> } : undefined);
  const body = (await response.json()) as { data?: TData; errors?: unknown };
  if (body.errors || !body.data) throw new WidgetConfigPublishError("Shopify rejected the request", body.errors);
  return body.data;
}

/** The exact metafieldsSet input for this config (validated first: bad input throws, nothing is sent). */
export function widgetConfigMetafield(ownerId: string, input: unknown): MetafieldsSetInput & { config: WidgetConfig } {
  const config = parseWidgetConfig(input);
  const value = JSON.stringify(config);
  if (Buffer.byteLength(value) > MAX_CONFIG_BYTES)
    throw new WidgetConfigPublishError(
      `the widget config is ${Buffer.byteLength(value)} bytes; the limit is ${MAX_CONFIG_BYTES}`,
    );
  return { ownerId, ...WIDGET_CONFIG_METAFIELD, type: "json", value, config };
}

export async function publishWidgetConfig(
  graphql: AdminGraphql,
  input: unknown,
): Promise<{ metafieldId: string; config: WidgetConfig }> {
  const { config, ...draft } = widgetConfigMetafield("pending", input);
  const { currentAppInstallation } = await run(graphql, CURRENT_APP_INSTALLATION);
  const metafield = { ...draft, ownerId: currentAppInstallation.id };
  const { metafieldsSet } = await run(graphql, PUBLISH_WIDGET_CONFIG, { metafields: [metafield] });
  if (!metafieldsSet || metafieldsSet.userErrors.length)
    throw new WidgetConfigPublishError("Shopify refused the widget config", metafieldsSet?.userErrors);
  const saved = metafieldsSet.metafields?.[0];
  if (!saved) throw new WidgetConfigPublishError("Shopify saved no metafield");
  return { metafieldId: saved.id, config };
}
