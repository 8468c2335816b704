/**
 * Wraps the app's session storage so a demo session (app/platform/shops/demo-session.ts) is usable only by
 * the app process `npm run demo` started. Anywhere else (`npm start`, `shopify app dev`, a demo
 * database copied to a server) loading it answers 403 naming why, instead of letting the admin,
 * the app proxy or a webhook act for a shop that only exists on someone's laptop.
 */
import { judgeSession } from "./demo-session";

type Env = Record<string, string | undefined>;

interface StoredSession {
  shop: string;
  accessToken?: string;
}

/** The part of @shopify/shopify-app-session-storage's interface the guard changes. */
interface SessionReads<S extends StoredSession> {
  loadSession(id: string): Promise<S | undefined>;
  findSessionsByShop(shop: string): Promise<S[]>;
}

export class DemoSessionRefused extends Error {
  override readonly name = "DemoSessionRefused";
  constructor(readonly shop: string) {
    super(
      `${shop} has a ChatLift demo session, which only the app started by \`npm run demo\` accepts; this start refuses it.`,
    );
  }
}

export function demoSessionRefusal(shop: string): Response {
  return new Response(new DemoSessionRefused(shop).message, {
    status: 403,
    statusText: "Demo session refused",
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

export function refuseForeignDemoSessions<T extends SessionReads<StoredSession>>(
  storage: T,
  env: Env = process.env,
): T {
  return new Proxy(storage, {
    get(target, property) {
      if (property === "loadSession") {
        return async (id: string) => {
          const session = await target.loadSession(id);
          if (session && judgeSession(session, env) === "refused") throw demoSessionRefusal(session.shop);
          return session;
        };
      }
      if (property === "findSessionsByShop") {
        return async (shop: string) =>
          (await target.findSessionsByShop(shop)).filter((session) => judgeSession(session, env) !== "refused");
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
