/**
 * Admin GraphQL documents for publishing the widget config, with their variables and data
 * types (tests/integration/widget-config.test.ts validates them against the 2026-10 schema).
 */
export type GraphQLDocument<TData, TVariables> = string & { readonly __types?: [TData, TVariables] };

export const CURRENT_APP_INSTALLATION = `#graphql
  query ChatLiftCurrentAppInstallation {
    currentAppInstallation {
      id
    }
  }
` as GraphQLDocument<{ currentAppInstallation: { id: string } }, Record<string, never>>;

export interface MetafieldsSetInput {
  ownerId: string;
  namespace: string;
  key: string;
  type: "json";
  value: string;
}

export const PUBLISH_WIDGET_CONFIG = `#graphql
  mutation ChatLiftPublishWidgetConfig($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        id
        namespace
        key
        updatedAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
` as GraphQLDocument<
  {
    metafieldsSet: {
      metafields: { id: string; namespace: string; key: string; updatedAt: string }[] | null;
      userErrors: { field: string[] | null; message: string; code: string | null }[];
    } | null;
  },
  { metafields: MetafieldsSetInput[] }
>;
