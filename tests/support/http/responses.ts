/**
 * Reading what a route answered. Remix routes answer by returning or by throwing a Response
 * (redirects, errors), and single fetch's `data()` keeps the status beside the payload; tests
 * care about the status and body, whichever way they came.
 */

/** The arguments Remix passes a loader or action. */
export const routeArgs = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

/** What a route answered (a Response, `data()` or plain data), or the Response it threw; anything else thrown is rethrown. */
export async function responseOf<T = Response>(answer: Promise<T>): Promise<T | Response> {
  try {
    return await answer;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

/** What a route threw: fails the test when it returned instead. */
export async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected the route to throw a Response");
}

/** A loader's or action's result as status and body (a redirect's body is its Location). */
export function unwrap<T = unknown>(result: unknown): { status: number; body: T } {
  if (result instanceof Response)
    return { status: result.status, body: { location: result.headers.get("Location") } as T };
  if (
    result &&
    typeof result === "object" &&
    "type" in result &&
    result.type === "DataWithResponseInit" &&
    "data" in result &&
    "init" in result
  ) {
    return { status: (result.init as ResponseInit | null)?.status ?? 200, body: result.data as T };
  }
  return { status: 200, body: result as T };
}

/** A JSON Response (what resource routes answer) as status and parsed body. */
export async function jsonAnswer<T = unknown>(response: Response): Promise<{ status: number; body: T }> {
  return { status: response.status, body: (await response.json()) as T };
}
