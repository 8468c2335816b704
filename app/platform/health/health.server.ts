/**
 * What /healthz reports: the database answers and is migrated, and ENCRYPTION_KEY opens the HubSpot
 * tokens when there are any (app/platform/health/secrets.server.ts).
 */
import prisma, { databaseTarget } from "../../db.server";
import { checkSecrets, type SecretsHealth } from "./secrets.server";

export interface HealthReport {
  ok: boolean;
  database: { provider: string; reachable: boolean; latencyMs: number; error?: string };
  secrets?: SecretsHealth;
}

/**
 * One cheap read of a core table: proves the database answers and that its migrations are
 * applied (a reachable but empty database is not healthy for this app).
 */
export async function checkHealth(env: Record<string, string | undefined> = process.env): Promise<HealthReport> {
  const started = performance.now();
  try {
    await prisma.shop.findFirst({ select: { domain: true } });
    const database = { provider: databaseTarget.provider, reachable: true, latencyMs: elapsed(started) };
    const secrets = await checkSecrets(env);
    return { ok: secrets.ok, database, secrets };
  } catch (error) {
    return {
      ok: false,
      database: {
        provider: databaseTarget.provider,
        reachable: false,
        latencyMs: elapsed(started),
        error: error instanceof Error ? error.message.split("\n")[0] : String(error),
      },
    };
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
