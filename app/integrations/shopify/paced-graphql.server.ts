/**
 * Runs Admin GraphQL documents within the shop's cost throttle (throttle.ts does the arithmetic): waits before
 * a request the bucket cannot pay for, waits out a THROTTLED answer and sends again, and checks every answer
 * against its zod shape, so callers get typed data or an error that says what Shopify answered.
 */
import type { z } from "zod";
import { costOf, isThrottledAnswer, waitBeforeRequestMs, type BucketReading } from "./throttle";
import type { GraphQLDocument } from "./widget-config.graphql";

/** The library's `admin.graphql`: resolves to a Response with { data, extensions }, throws on GraphQL errors. */
export type AdminGraphql = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;

export class AdminGraphqlError extends Error {
  override name = "AdminGraphqlError";
  constructor(
    message: string,
    readonly body: unknown = undefined,
  ) {
    super(message);
  }
}

export interface PacerOptions {
  sleep?: (ms: number) => Promise<void>;
  clock?: () => number;
  /** THROTTLED answers waited out per request before giving up (the job is retried later). */
  throttledRetries?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class AdminPacer {
  private reading: BucketReading | null = null;
  /** The requested cost each document reported last time: the estimate for its next request. */
  private readonly costs = new Map<string, number>();
  waitedMs = 0;
  requests = 0;

  constructor(
    private readonly graphql: AdminGraphql,
    private readonly options: PacerOptions = {},
  ) {}

  async run<TData, TVariables>(
    document: GraphQLDocument<TData, TVariables>,
    variables: TVariables,
    shape: z.ZodType<TData>,
  ): Promise<TData> {
    const now = this.options.clock ?? Date.now;
    const retries = this.options.throttledRetries ?? 5;
    for (let attempt = 0; ; attempt += 1) {
      await this.wait(waitBeforeRequestMs(this.reading, this.costs.get(document) ?? 0, now()));
      const body = await this.send(document, variables as Record<string, unknown>);
      this.requests += 1;
      const cost = costOf(body);
      if (cost?.throttleStatus) this.reading = { status: cost.throttleStatus, atMs: now() };
      if (typeof cost?.requestedQueryCost === "number") this.costs.set(document, cost.requestedQueryCost);
      if (isThrottledAnswer(body)) {
        if (attempt >= retries)
          throw new AdminGraphqlError(`Shopify throttled ${operationName(document)} ${attempt + 1} times`, body);
        continue; // the reading and the cost just learnt make the wait above exact
      }
      const errors = (body as { errors?: unknown }).errors;
      if (errors)
        throw new AdminGraphqlError(`Shopify refused ${operationName(document)}: ${JSON.stringify(errors)}`, body);
      const parsed = shape.safeParse((body as { data?: unknown }).data);
      if (!parsed.success) {
        throw new AdminGraphqlError(
          `${operationName(document)} answered in an unexpected shape: ${parsed.error.message}`,
          body,
        );
      }
      return parsed.data;
    }
  }

  private async wait(ms: number): Promise<void> {
    if (ms <= 0) return;
    this.waitedMs += ms;
    await (this.options.sleep ?? defaultSleep)(ms);
  }

  /** The library throws on an answer with errors (THROTTLED included), keeping the body: read it from there. */
  private async send(document: string, variables: Record<string, unknown>): Promise<unknown> {
    try {
      const response = await this.graphql(document, { variables });
      return await response.json();
    } catch (error) {
      const body = (error as { body?: unknown } | null)?.body;
      if (body && typeof body === "object" && "errors" in body) return body;
      throw error;
    }
  }
}

function operationName(document: string): string {
  return /\b(?:query|mutation)\s+(\w+)/.exec(document)?.[1] ?? "the query";
}
