/**
 * Which errors of a request the server log shows. Server errors are logged with their stack; a request for a
 * page that does not exist (a browser's /favicon.ico, a crawler's guess) is the caller's mistake, answered 404
 * and not logged: it printed a stack trace on every page view of the demo. A request the client aborted is not
 * an error of ours either.
 */
import { isRouteErrorResponse } from "@remix-run/react";

export function handleError(error: unknown, { request }: { request: Request }): void {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status === 404) return;
  // As Remix's own default: a route error response carries the error that caused it.
  const cause = isRouteErrorResponse(error) && (error as { error?: unknown }).error;
  console.error(cause || error);
}
