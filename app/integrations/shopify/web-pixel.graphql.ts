/**
 * Admin GraphQL documents that connect the ChatLift web pixel to a shop (tests/unit/integrations/shopify/
 * document-costs.test.ts validates them against the 2026-10 schema). A shop holds one pixel per app:
 * create it on install, and on a reinstall (TAKEN) read it and update its settings.
 */
import type { GraphQLDocument } from "./widget-config.graphql";

type UserErrors = { userErrors: Array<{ code: string | null; field: string[] | null; message: string }> };

export const CREATE_WEB_PIXEL = `#graphql
  mutation ChatLiftCreateWebPixel($settings: JSON!) {
    webPixelCreate(webPixel: { settings: $settings }) {
      userErrors { code field message }
      webPixel { id }
    }
  }
` as GraphQLDocument<{ webPixelCreate: UserErrors & { webPixel: { id: string } | null } }, { settings: string }>;

export const CURRENT_WEB_PIXEL = `#graphql
  query ChatLiftCurrentWebPixel {
    webPixel { id }
  }
` as GraphQLDocument<{ webPixel: { id: string } | null }, Record<string, never>>;

export const UPDATE_WEB_PIXEL = `#graphql
  mutation ChatLiftUpdateWebPixel($id: ID!, $settings: JSON!) {
    webPixelUpdate(id: $id, webPixel: { settings: $settings }) {
      userErrors { code field message }
      webPixel { id }
    }
  }
` as GraphQLDocument<
  { webPixelUpdate: UserErrors & { webPixel: { id: string } | null } },
  { id: string; settings: string }
>;
