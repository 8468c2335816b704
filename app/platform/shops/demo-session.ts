/**
 * The demo shop's offline session is real enough for authenticate.admin, and worthless outside
 * the demo start that made it: its access token is an HMAC of the shop under a secret that
 * `npm run demo` draws fresh at every start and hands only to the app it starts
 * (CHATLIFT_DEMO=1 + CHATLIFT_DEMO_SECRET). A production start has no such secret, so it can
 * recognise a demo session by its token's prefix and refuse it; a later demo start has another
 * secret, so yesterday's demo session is refused too.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const DEMO_TOKEN_PREFIX = "shpat_chatlift_demo_";

type Env = Record<string, string | undefined>;

/** The offline access token the demo stores for `shop` under this start's secret. */
export function demoAccessToken(secret: string, shop: string): string {
  return DEMO_TOKEN_PREFIX + createHmac("sha256", secret).update(`chatlift-demo:${shop}`).digest("hex");
}

export function isDemoSessionToken(accessToken: string | undefined): boolean {
  return !!accessToken?.startsWith(DEMO_TOKEN_PREFIX);
}

/** The secret of the running demo, or undefined when this process was not started by the demo. */
export function demoSecret(env: Env): string | undefined {
  const secret = env.CHATLIFT_DEMO_SECRET?.trim();
  return env.CHATLIFT_DEMO === "1" && secret && secret.length >= 32 ? secret : undefined;
}

export type DemoSessionVerdict = "not_demo" | "accepted" | "refused";

/** Whether this process may use a session holding `accessToken` for `shop`. */
export function judgeSession(session: { shop: string; accessToken?: string }, env: Env): DemoSessionVerdict {
  if (!isDemoSessionToken(session.accessToken)) return "not_demo";
  const secret = demoSecret(env);
  if (!secret) return "refused";
  const expected = Buffer.from(demoAccessToken(secret, session.shop));
  const actual = Buffer.from(session.accessToken ?? "");
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? "accepted" : "refused";
}
