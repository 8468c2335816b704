/**
 * The one door into admin data: every admin loader and action asks here which shop it serves.
 * The shop comes from the verified session token (its `dest`), never from a query parameter or
 * a form field, so a page can only ever read the shop that signed the request.
 */
import { authenticate } from "../../shopify.server";

export interface AdminContext {
  shop: string;
  graphql: (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;
}

export async function requireAdmin(request: Request): Promise<AdminContext> {
  const { session, admin } = await authenticate.admin(request);
  return { shop: session.shop, graphql: admin.graphql };
}
