/**
 * A 401 means HubSpot no longer takes the access token, though ChatLift thought it good (revoked, or
 * expired before the stored expiry). An OAuth connection can mend that itself: the first 401 in a
 * shop's session refreshes the token (once) and repeats the call with it. When it cannot (a service
 * key, a refused refresh, a fresh token refused again) the call fails as `auth` with what the merchant
 * must do, and the retry policy parks the job with those words instead of retrying.
 */
import { CrmError, type CrmPort } from "../integrations/hubspot/crm-port";

export type TokenRefresh =
  /** OAuth: a port on freshly refreshed (and stored) tokens. */
  { mode: "oauth"; refresh: () => Promise<CrmPort> } | { mode: "static" };

const isUnauthorized = (error: unknown): error is CrmError =>
  error instanceof CrmError && error.kind === "auth" && error.status === 401;

const RECONNECT = "reconnect HubSpot on ChatLift's HubSpot page";

/** `crm`, whose calls survive one 401 by refreshing the token (OAuth only, once for all its calls). */
export function refreshingOn401(crm: CrmPort, tokens: TokenRefresh): CrmPort {
  let current = crm;
  let refreshed: Promise<CrmPort> | undefined;

  const retried = async (call: (port: CrmPort) => Promise<unknown>): Promise<unknown> => {
    const used = current;
    try {
      return await call(used);
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
      if (tokens.mode === "static")
        throw new CrmError(
          "auth",
          `HubSpot refused the private app token or service key (401: ${error.message}): it was revoked or replaced; ${RECONNECT}`,
          401,
        );
      // Calls refused with the old token share one refresh; a call refused with the refreshed one is not retried.
      if (used !== crm) throw refusedAfterRefresh(error);
      refreshed ??= tokens.refresh();
      try {
        current = await refreshed;
      } catch (refreshError) {
        refreshed = undefined;
        // A refresh that timed out or met a 5xx may work later: retried as such, not parked.
        if (refreshError instanceof CrmError && refreshError.retryable) throw refreshError;
        const reason = refreshError instanceof Error ? refreshError.message : String(refreshError);
        throw new CrmError(
          "auth",
          `HubSpot refused the access token (401) and refreshing it failed (${reason}); ${RECONNECT}`,
          401,
        );
      }
      try {
        return await call(current);
      } catch (again) {
        throw isUnauthorized(again) ? refusedAfterRefresh(again) : again;
      }
    }
  };

  return new Proxy(crm, {
    get(_target, property) {
      const member: unknown = Reflect.get(current, property);
      if (typeof member !== "function") return member;
      return (...args: unknown[]) =>
        retried((port) => (Reflect.get(port, property) as (...rest: unknown[]) => Promise<unknown>).apply(port, args));
    },
  });
}

function refusedAfterRefresh(error: CrmError): CrmError {
  return new CrmError(
    "auth",
    `HubSpot refused a freshly refreshed access token (401: ${error.message}); ${RECONNECT}`,
    401,
  );
}
