/**
 * How often an open handoff asks for news. A reply written at a random moment waits half an interval on
 * average and a whole one at worst (plus a request), so 1 s keeps a staff reply's p95 well under the 2 s
 * goal; the bench (scripts/bench/conversations.bench.ts) measures it with this same interval.
 */
export const HANDOFF_POLL_MS = 1000;
