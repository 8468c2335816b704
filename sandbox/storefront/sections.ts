/**
 * Shopify's Section Rendering API as the storefront harness answers it, with the rules of
 * shopify.dev/docs/api/ajax/section-rendering and the Cart API's bundled section rendering:
 *   - `?sections=a,b` (or `sections[]=a&sections[]=b`) on any page URL: JSON of id → the section's HTML
 *     in its `shopify-section-…` wrapper, rendered in that page's context; null for a section the theme
 *     lacks; more than five: 400 and nothing rendered;
 *   - `?section_id=a`: that section's HTML, 404 when the theme lacks it;
 *   - `sections` (comma list or array) with `sections_url` on cart/add, change and update: the same
 *     object under the response's `sections`, in the context of `sections_url`, else of the Referer;
 *     too many sections, or a `sections_url` not starting with "/", answer 400, the change made all the same.
 */
import type { IncomingMessage } from "node:http";

export const MAX_SECTIONS = 5;

/** Renders one section in a page's context (render.ts `section`); null when the theme has no such section. */
export type RenderSection = (id: string, path: string) => Promise<string | null>;

export type SectionsAnswer =
  | { ok: true; sections: Record<string, string | null> }
  | { ok: false; status: number; body: { status: number; message: string; description: string } };

const badRequest = (description: string): SectionsAnswer => ({
  ok: false,
  status: 400,
  body: { status: 400, message: "Bad Request", description },
});

/** The ids a `sections` value names: a comma-separated list or an array; undefined when none was asked for. */
export function sectionIds(value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const list = Array.isArray(value) ? value.map(String) : String(value).split(",");
  return list.map((id) => id.trim()).filter(Boolean);
}

/** `sections` or `sections[]` of a page URL's query. */
export function sectionIdsOfQuery(query: URLSearchParams): string[] | undefined {
  const listed = query.getAll("sections[]");
  return sectionIds(listed.length ? listed : (query.get("sections") ?? undefined));
}

export async function renderSections(ids: string[], path: string, render: RenderSection): Promise<SectionsAnswer> {
  const distinct = [...new Set(ids)];
  if (distinct.length > MAX_SECTIONS)
    return badRequest(`Too many sections requested: ${distinct.length}, at most ${MAX_SECTIONS}`);
  const sections: Record<string, string | null> = {};
  for (const id of distinct) sections[id] = await render(id, path);
  return { ok: true, sections };
}

/** Bundled section rendering for a cart request's body; undefined when the body asks for no sections. */
export async function bundledSections(
  body: Record<string, unknown>,
  request: IncomingMessage,
  render: RenderSection,
): Promise<SectionsAnswer | undefined> {
  const ids = sectionIds(body.sections);
  if (!ids) return undefined;
  const url = body.sections_url;
  if (url !== undefined && (typeof url !== "string" || !url.startsWith("/")))
    return badRequest("sections_url must be a path starting with /");
  const referer = request.headers.referer;
  const path =
    typeof url === "string" ? new URL(url, "http://shop").pathname : referer ? new URL(referer).pathname : "/";
  return renderSections(ids, path, render);
}
