/**
 * POST /apps/chatlift/answers: a shopper's typed question, through Shopify's app proxy (the library
 * checks the proxy signature; a bad one is answered 400 before anything is read). Every refusal is a
 * 4xx naming its reason, so the widget keeps the shopper's text and says why; 429 says when to retry.
 * Text is cleaned of what PostgreSQL refuses (NUL, unpaired surrogates) before anything reads it.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { MAX_QUESTION_BYTES, questionSchema } from "../../contract/answers";
import { guardProxyPost, jsonBody, postOnly, retryLater } from "../platform/storefront/proxy-post.server";
import { askQuestion } from "../answers/answer.server";

const POST_HERE = "POST a question here";

export async function loader() {
  return postOnly(POST_HERE);
}

export async function action({ request }: ActionFunctionArgs) {
  const post = await guardProxyPost(request, {
    postHere: POST_HERE,
    authenticate: authenticate.public.appProxy,
    notInstalled,
    maxBytes: MAX_QUESTION_BYTES,
    tooLarge: `a question's request is at most ${MAX_QUESTION_BYTES} bytes`,
    parse: jsonBody(questionSchema, { what: "question", whole: "(question)" }),
  });
  if (!post.ok) return post.response;

  const result = await askQuestion({
    shopDomain: post.shop,
    loggedInCustomerId: post.loggedInCustomerId,
    question: post.value,
  });
  switch (result.status) {
    case "answered":
      return Response.json(result.answer);
    case "unknown_shop":
      return notInstalled(post.shop);
    case "answers_off":
      return Response.json({ error: `answers are off on ${post.shop}` }, { status: 404 });
    case "rate_limited":
      return retryLater(
        `too many ${result.what} from this ${result.scope}; retry in ${result.retryAfterS} s`,
        result.retryAfterS,
      );
  }
}

function notInstalled(shop: string | null) {
  return Response.json({ error: `ChatLift is not installed on ${shop}: nothing answered` }, { status: 404 });
}
