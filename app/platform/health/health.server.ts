import prisma, { databaseTarget } from "../../db.server";

export interface HealthReport {
  ok: boolean;
  database: { provider: string; reachable: boolean; latencyMs: number; error?: string };
}

/**
 * One cheap read of a core table: proves the database answers and that its migrations are
 * applied (a reachable but empty database is not healthy for this app).
 */
export async function checkHealth(): Promise<HealthReport> {
  const started = performance.now();
  try {
    await prisma.shop.findFirst({ select: { domain: true } });
    return {
      ok: true,
      database: { provider: databaseTarget.provider, reachable: true, latencyMs: elapsed(started) },
    };
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
