import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { RemixServer } from "@remix-run/react";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { isbot } from "isbot";
import { addDocumentResponseHeaders } from "./shopify.server";
import { startInProcessJobRunner } from "./jobs.server";
import { reportSecretsAtStartup } from "./platform/health/secrets.server";

// Order webhooks and reconciliation run as durable jobs in this process. With `npm run worker`
// running them instead, set CHATLIFT_JOB_RUNNER=off here (on SQLite, only one of the two).
startInProcessJobRunner();
// A missing or changed ENCRYPTION_KEY is said at start, not at the first HubSpot call.
void reportSecretsAtStartup();

export const streamTimeout = 5000;

// Remix calls it for every error of a request: a page that does not exist is not logged (platform/health/server-errors.server.ts).
export { handleError } from "./platform/health/server-errors.server";

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  // Bots and crawlers get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [readyEvent]: () => {
        const body = new PassThrough();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        console.error(error);
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}
