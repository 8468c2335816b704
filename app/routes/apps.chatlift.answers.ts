/**
 * POST /apps/chatlift/answers: a shopper's typed question, through Shopify's app proxy (the library
 * checks the proxy signature; a bad one is answered 400 before anything is read). Every refusal is a
 * 4xx naming its reason, so the widget keeps the shopper's text and says why; 429 says when to retry.
 * Text is cleaned of what PostgreSQL refuses (NUL, unpaired surrogates) before anything reads it.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { isbot } from "isbot";
import { authenticate } from "../shopify.server";
import { MAX_QUESTION_BYTES, questionSchema } from "../../contract/answers";
import { readBodyWithin } from "../platform/storefront/body.server";
import { problemsOf } from "../platform/validation/zod-errors";
import { cleanStrings } from "../platform/validation/clean-text";
import { askQuestion } from "../answers/answer.server";

export async function loader() {
  return Response.json({ error: "POST a question here" }, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return loader();
  const { session } = await authenticate.public.appProxy(request);
  const params = new URL(request.url).searchParams;
  if (!session) return notInstalled(params.get("shop"));
  if (isbot(request.headers.get("user-agent") ?? "")) {
    return Response.json({ error: "automated clients are not answered" }, { status: 403 });
  }

  const body = await readBodyWithin(request, MAX_QUESTION_BYTES);
  if (body === null)
    return Response.json({ error: `a question's request is at most ${MAX_QUESTION_BYTES} bytes` }, { status: 413 });
  let json: unknown;
  try {
    json = cleanStrings(JSON.parse(body) as unknown);
  } catch {
    return Response.json({ error: "body is not JSON" }, { status: 400 });
  }
  const parsed = questionSchema.safeParse(json);
  if (!parsed.success) {
    const issues = problemsOf(parsed.error).map(({ path, message }) => ({ field: path || "(question)", message }));
    return Response.json(
      { error: `invalid question: ${issues.map((issue) => issue.field).join(", ")}`, issues },
      { status: 400 },
    );
  }

  const result = await askQuestion({
    shopDomain: session.shop,
    loggedInCustomerId: params.get("logged_in_customer_id"),
    question: parsed.data,
  });
  switch (result.status) {
    case "answered":
      return Response.json(result.answer);
    case "unknown_shop":
      return notInstalled(session.shop);
    case "answers_off":
      return Response.json({ error: `answers are off on ${session.shop}` }, { status: 404 });
    case "rate_limited":
      return Response.json(
        { error: `too many ${result.what} from this ${result.scope}; retry in ${result.retryAfterS} s` },
        { status: 429, headers: { "Retry-After": String(result.retryAfterS) } },
      );
  }
}

function notInstalled(shop: string | null) {
  return Response.json({ error: `ChatLift is not installed on ${shop}: nothing answered` }, { status: 404 });
}
