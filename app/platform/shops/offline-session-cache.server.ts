/**
 * Offline sessions remembered for a few seconds. Every storefront event batch goes through
 * `authenticate.public.appProxy`, which loads the shop's offline session from the database to
 * prove the install: at storefront rates that read was one of the ingest route's costliest
 * statements, and the answer changes only on install, token refresh and uninstall.
 *
 * What keeps it honest: a session the library stores or deletes through the storage is dropped
 * from the cache at once, and so are a shop's sessions when this process records its uninstall
 * (recordUninstall deletes them with a plain query). Another app instance's uninstall is seen
 * here at most OFFLINE_SESSION_TTL_MS later: one second, so no instance accepts a shop's events
 * more than a second after its uninstall, while a busy shop still costs each instance one read
 * a second instead of one per batch. Absence is never cached, so a fresh install is usable at
 * once. Online (per-user admin) sessions are not cached.
 */

/** How long a loaded offline session is trusted without asking the database again. */
export const OFFLINE_SESSION_TTL_MS = 1_000;
const MAX_CACHED_SESSIONS = 10_000;

interface CachedSession {
  id: string;
  shop: string;
  isOnline: boolean;
}

/** The part of @shopify/shopify-app-session-storage's interface the cache reads or must watch. */
interface SessionStorageLike<S extends CachedSession> {
  loadSession(id: string): Promise<S | undefined>;
  storeSession(session: S): Promise<boolean>;
  deleteSession(id: string): Promise<boolean>;
  deleteSessions(ids: string[]): Promise<boolean>;
}

/** One per process: recordUninstall must reach the cache the app's storage reads through. */
const cached = new Map<string, { session: CachedSession; until: number }>();

export function cacheOfflineSessions<T extends SessionStorageLike<CachedSession>>(
  storage: T,
  now: () => number = Date.now,
): T {
  const load = async (id: string) => {
    const hit = cached.get(id);
    if (hit && hit.until > now()) return hit.session;
    cached.delete(id);
    const session = await storage.loadSession(id);
    if (session && !session.isOnline) {
      if (cached.size >= MAX_CACHED_SESSIONS) cached.clear();
      cached.set(id, { session, until: now() + OFFLINE_SESSION_TTL_MS });
    }
    return session;
  };
  // Forgotten before and after the write: a load racing the write must not keep the old row.
  const forgetAround = async <R>(ids: string[], write: () => Promise<R>): Promise<R> => {
    for (const id of ids) cached.delete(id);
    try {
      return await write();
    } finally {
      for (const id of ids) cached.delete(id);
    }
  };
  return new Proxy(storage, {
    get(target, property) {
      switch (property) {
        case "loadSession":
          return load;
        case "storeSession":
          return (session: CachedSession) => forgetAround([session.id], () => target.storeSession(session));
        case "deleteSession":
          return (id: string) => forgetAround([id], () => target.deleteSession(id));
        case "deleteSessions":
          return (ids: string[]) => forgetAround(ids, () => target.deleteSessions(ids));
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** The shop's sessions were deleted behind the storage's back (uninstall, shop/redact). */
export function forgetShopSessions(shopDomain: string): void {
  for (const [id, entry] of cached) if (entry.session.shop === shopDomain) cached.delete(id);
}

/** For tests: forget every cached session. */
export function forgetAllSessions(): void {
  cached.clear();
}
