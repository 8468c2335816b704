/**
 * The guards every storefront app-proxy POST passes before its service runs, in one order, so each
 * /apps/chatlift/* route refuses the same way and only names what it takes: 405 for anything but a
 * POST, 404 for a shop without ChatLift (a signature the library refused is its 400 before this),
 * a crawler's post answered without work, 413 before an oversized body is held, 400 naming every
 * bad field. The platform cannot import app/shopify.server.ts, so the route hands in the library's
 * proxy authentication (authenticate.public.appProxy).
 */
import type { z } from "zod";
import { isbot } from "isbot";
import { readBodyWithin } from "./body.server";
import { problemsOf } from "../validation/zod-errors";
import { cleanStrings } from "../validation/clean-text";

/** What a body parser says: the value, or the refusal the client gets (400 or 413). */
export type BodyParse<T> =
  { ok: true; value: T } | { ok: false; status: 400 | 413; error: string; issues?: readonly object[] };

type AppProxyAuth = (request: Request) => Promise<{ session?: { shop: string } | undefined }>;

export interface ProxyPostRoute<T> {
  /** The 405's words for a GET, e.g. "POST a question here". */
  postHere: string;
  authenticate: AppProxyAuth;
  /** The 404 for a shop without ChatLift; its words say what was not done. Gets the `shop` query parameter. */
  notInstalled: (shop: string | null) => Response;
  /** Also asks the install record, for a route whose service would not (a session can outlive an uninstall). */
  installed?: (shop: string) => Promise<boolean>;
  /** What a crawler's post gets ("served": the route answers it like anyone's). Default: 403. */
  bot?: "served" | (() => Response);
  maxBytes: number;
  /** The 413's words. */
  tooLarge: string;
  parse: (body: string) => BodyParse<T>;
}

export type ProxyPost<T> =
  { ok: true; shop: string; loggedInCustomerId: string | null; value: T } | { ok: false; response: Response };

export function postOnly(postHere: string): Response {
  return Response.json({ error: postHere }, { status: 405, headers: { Allow: "POST" } });
}

/** 429 with the seconds the client should wait. */
export function retryLater(error: string, retryAfterS: number): Response {
  return Response.json({ error }, { status: 429, headers: { "Retry-After": String(retryAfterS) } });
}

export async function guardProxyPost<T>(request: Request, route: ProxyPostRoute<T>): Promise<ProxyPost<T>> {
  const refuse = (response: Response) => ({ ok: false as const, response });
  if (request.method !== "POST") return refuse(postOnly(route.postHere));
  const { session } = await route.authenticate(request);
  const params = new URL(request.url).searchParams;
  if (!session || (route.installed && !(await route.installed(session.shop))))
    return refuse(route.notInstalled(params.get("shop")));
  if (route.bot !== "served" && isbot(request.headers.get("user-agent") ?? "")) {
    return refuse(
      route.bot ? route.bot() : Response.json({ error: "automated clients are not answered" }, { status: 403 }),
    );
  }

  const body = await readBodyWithin(request, route.maxBytes);
  if (body === null) return refuse(Response.json({ error: route.tooLarge }, { status: 413 }));
  const parsed = route.parse(body);
  if (!parsed.ok)
    return refuse(Response.json({ error: parsed.error, issues: parsed.issues }, { status: parsed.status }));
  return { ok: true, shop: session.shop, loggedInCustomerId: params.get("logged_in_customer_id"), value: parsed.value };
}

export interface JsonBodyWording {
  /** What the body is, in a 400: "question" gives "invalid question: …". */
  what: string;
  /** The field name of a problem with the body as a whole, e.g. "(question)". */
  whole: string;
  /** Each field in the 400's sentence followed by its message, "(…)". */
  withMessages?: boolean;
}

/** A parser for a JSON body checked by a zod schema, its text cleaned of what PostgreSQL refuses first. */
export function jsonBody<Schema extends z.ZodType>(
  schema: Schema,
  wording: JsonBodyWording,
): (body: string) => BodyParse<z.output<Schema>> {
  return (body) => {
    let json: unknown;
    try {
      json = cleanStrings(JSON.parse(body) as unknown);
    } catch {
      return { ok: false, status: 400, error: "body is not JSON" };
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return { ok: true, value: parsed.data };
    const issues = problemsOf(parsed.error).map(({ path, message }) => ({ field: path || wording.whole, message }));
    const named = issues.map((issue) => (wording.withMessages ? `${issue.field} (${issue.message})` : issue.field));
    return { ok: false, status: 400, error: `invalid ${wording.what}: ${named.join(", ")}`, issues };
  };
}
