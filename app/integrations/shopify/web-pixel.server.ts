/**
 * Connects the ChatLift web pixel on install (webPixelCreate), with the app's link address as its
 * setting; a reinstall finds the pixel already there (TAKEN) and updates its settings instead.
 */
import { CREATE_WEB_PIXEL, CURRENT_WEB_PIXEL, UPDATE_WEB_PIXEL } from "./web-pixel.graphql";
import type { GraphQLDocument } from "./widget-config.graphql";
import type { AdminGraphql } from "./widget-config.server";

export class WebPixelConnectError extends Error {
  override name = "WebPixelConnectError";
}

async function run<TData, TVariables>(
  graphql: AdminGraphql,
  document: GraphQLDocument<TData, TVariables>,
  variables?: TVariables,
): Promise<TData> {
  const response = await graphql(document, variables ? { variables: variables as Record<string, unknown> } : undefined);
  const body = (await response.json()) as { data?: TData; errors?: unknown };
  if (body.errors || !body.data) throw new WebPixelConnectError(`Shopify refused: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The pixel's id; its settings name where it sends links (the app's /pixel/link). */
export async function connectWebPixel(graphql: AdminGraphql, linkUrl: string): Promise<string> {
  const settings = JSON.stringify({ linkUrl });
  const { webPixelCreate } = await run(graphql, CREATE_WEB_PIXEL, { settings });
  if (webPixelCreate.webPixel) return webPixelCreate.webPixel.id;
  if (!webPixelCreate.userErrors.some((error) => error.code === "TAKEN"))
    throw new WebPixelConnectError(webPixelCreate.userErrors.map((error) => error.message).join("; "));
  const { webPixel } = await run(graphql, CURRENT_WEB_PIXEL);
  if (!webPixel) throw new WebPixelConnectError("Shopify says the pixel exists but returns none");
  const { webPixelUpdate } = await run(graphql, UPDATE_WEB_PIXEL, { id: webPixel.id, settings });
  if (!webPixelUpdate.webPixel)
    throw new WebPixelConnectError(webPixelUpdate.userErrors.map((error) => error.message).join("; "));
  return webPixelUpdate.webPixel.id;
}
