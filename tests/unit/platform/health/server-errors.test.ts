import { afterEach, describe, expect, it, vi } from "vitest";
// The class Remix itself uses for a route error response (what it hands handleError for a 404).
import { UNSAFE_ErrorResponseImpl as ErrorResponseImpl } from "@remix-run/router";
import { handleError } from "../../../../app/platform/health/server-errors.server";

const request = (signal?: AbortSignal) => new Request("http://localhost/favicon.ico", { signal });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("which request errors the server log shows", () => {
  it("GIVEN a request for a page that does not exist WHEN Remix reports its 404 THEN nothing is logged", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const notFound = new ErrorResponseImpl(404, "Not Found", new Error('No route matches URL "/favicon.ico"'), true);

    handleError(notFound, { request: request() });

    expect(logged).not.toHaveBeenCalled();
  });

  it("GIVEN a server error WHEN reported THEN it is logged with its stack, a 500 response by the error that caused it", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const failure = new Error("database unreachable");

    handleError(failure, { request: request() });
    handleError(new ErrorResponseImpl(500, "Internal Server Error", failure, true), { request: request() });

    expect(logged.mock.calls).toEqual([[failure], [failure]]);
  });

  it("GIVEN a request the shopper's browser aborted WHEN its error is reported THEN nothing is logged", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const controller = new AbortController();
    controller.abort();

    handleError(new Error("aborted"), { request: request(controller.signal) });

    expect(logged).not.toHaveBeenCalled();
  });
});
