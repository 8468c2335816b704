/**
 * Why: the Conversations bench needs a shop with a million sessions, and Prisma's createMany wrote them at
 * about 280 sessions a second (an hour for the million). This writes the same rows straight through the `libsql`
 * driver the app runs on: multi-row INSERTs from prepared statements, one transaction per slice, synchronous=OFF
 * on this scratch file only (the app's own connection keeps its pragmas), into the tables and indexes
 * `prisma migrate deploy` made. The rows are what ingest and attribution would have stored
 * (app/capture/ingest-plan.ts keeps lastChatAt, the counts and the micro times on the session row).
 */
import Database from "libsql";

const DAY = 86_400_000;
const SLICE = 20_000;
/** SQLite allows 32,766 variables per statement. */
const MAX_VARIABLES = 32_000;
const QUESTIONS = ["Do you ship to Canada?", "is the linen shirt machine washable", "do you sell horse saddles?"];

/** Prisma's SQLite DateTime text. */
const at = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
export const sessionIdOf = (n: number) => `sess${String(n).padStart(8, "0")}`;

type Value = string | number | bigint | null;

/** Rows of one table, written by statements of `perStatement` rows (the last one shorter). */
class Inserter {
  private readonly perStatement: number;
  private readonly full: Database.Statement;
  private pending: Value[] = [];
  count = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly table: string,
    private readonly columns: string[],
  ) {
    this.perStatement = Math.floor(MAX_VARIABLES / columns.length);
    this.full = db.prepare(this.sql(this.perStatement));
  }

  add(...row: Value[]) {
    this.pending.push(...row);
    this.count += 1;
    if (this.pending.length === this.perStatement * this.columns.length) this.flush();
  }

  flush() {
    if (this.pending.length === 0) return;
    const rows = this.pending.length / this.columns.length;
    (rows === this.perStatement ? this.full : this.db.prepare(this.sql(rows))).run(this.pending);
    this.pending = [];
  }

  private sql(rows: number) {
    const row = `(${this.columns.map(() => "?").join(",")})`;
    return `INSERT INTO "${this.table}" (${this.columns.map((c) => `"${c}"`).join(",")}) VALUES ${Array(rows).fill(row).join(",")}`;
  }
}

/**
 * `sessions` sessions of `shop`, the newest at `now`, spread over 30 days: 45% conversations (a flow; every
 * fourth asks a question, a third of those the shop's content cannot answer; a third reach a micro-conversion),
 * 1% of sessions credited with an order, 2% leaving an email (a lead). Returns the events written.
 */
export function seedConversations(file: string, shop: string, sessions: number, now: number): number {
  const db = new Database(file);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = OFF");
  db.exec("PRAGMA cache_size = -262144");
  const session = new Inserter(db, "ChatSession", [
    "shopDomain",
    "id",
    "visitorId",
    "arm",
    "startedAt",
    "lastSeenAt",
    "landingPath",
    "pageType",
    "returning",
    "email",
    "emailConsentAt",
    "eventCount",
    "microConversionCount",
    "firstMicroAt",
    "lastMicroAt",
    "lastChatAt",
    "answerCount",
    "abstainCount",
    "updatedAt",
  ]);
  const event = new Inserter(db, "ChatEvent", [
    "shopDomain",
    "id",
    "sessionId",
    "type",
    "flowId",
    "stepId",
    "microKind",
    "occurredAt",
    "receivedAt",
    "data",
  ]);
  const order = new Inserter(db, "Order", [
    "id",
    "shopDomain",
    "name",
    "placedAt",
    "shopifyUpdatedAt",
    "currency",
    "totalMinor",
    "subtotalMinor",
    "netMinor",
    "chatSessionId",
    "arm",
    "source",
    "attributedAt",
    "createdAt",
    "updatedAt",
  ]);
  const credit = new Inserter(db, "Credit", [
    "id",
    "shopDomain",
    "orderId",
    "chatSessionId",
    "rule",
    "model",
    "windowDays",
    "role",
    "confidence",
    "amountMinor",
    "grossAmountMinor",
    "share",
    "currency",
    "explanation",
    "arm",
    "createdAt",
  ]);
  const lead = new Inserter(db, "Lead", [
    "id",
    "shopDomain",
    "email",
    "consentText",
    "consentAt",
    "firstSessionId",
    "lastSessionId",
    "microConversionCount",
    "lastPagePath",
    "createdAt",
    "updatedAt",
  ]);
  const started = JSON.stringify({ landingPath: "/products/linen-shirt", returning: false });
  const dwell = JSON.stringify({ trigger: "dwell" });
  const opened = JSON.stringify({ by: "prompt" });
  const abstained = JSON.stringify({ locale: "en" });
  const thumbs = [0, 1].map((value) => JSON.stringify({ scale: "thumbs", thumbs: value }));
  const answered = JSON.stringify({ kind: "answer", sourceIds: ["faq-1"], text: "Yes.", sourceTitles: ["FAQ"] });
  const asked = QUESTIONS.map((question) => JSON.stringify({ question, locale: "en", pageType: "product" }));

  for (let base = 0; base < sessions; base += SLICE) {
    db.exec("BEGIN");
    for (let n = base; n < Math.min(sessions, base + SLICE); n += 1) {
      const id = sessionIdOf(n);
      const t0 = now - Math.floor((n / sessions) * 30 * DAY);
      let events = 0;
      let micros = 0;
      let firstMicro: number | null = null;
      let lastMicro: number | null = null;
      let lastAt = t0;
      // Session ids sort by n, and a session's events by its id: every INSERT appends to the keys.
      const log = (type: string, s: number, flowId: Value, stepId: Value, microKind: Value, data: Value) => {
        const ms = t0 + s * 1000;
        event.add(
          shop,
          `${id}-${String(events).padStart(2, "0")}-${type}`,
          id,
          type,
          flowId,
          stepId,
          microKind,
          at(ms),
          at(ms),
          data,
        );
        events += 1;
        lastAt = Math.max(lastAt, ms);
        if (type === "micro_conversion") {
          micros += 1;
          firstMicro ??= ms;
          lastMicro = ms;
        }
      };
      log("session_started", 0, null, null, null, started);
      log("prompt_shown", 1, "fit", null, null, dwell);
      const chats = n % 20 < 9;
      const asks = chats && n % 4 === 0;
      const question = QUESTIONS[n % QUESTIONS.length]!;
      const abstains = asks && question.includes("saddles");
      const leaves = chats && n % 50 === 1;
      if (chats) {
        log("chat_opened", 2, null, null, null, opened);
        log("flow_started", 3, "fit", null, null, dwell);
        log("step_viewed", 4, "fit", "ask", null, null);
        if (n % 3 === 0) log("micro_conversion", 5, "fit", null, "fit_help", null);
        if (leaves) log("micro_conversion", 5, "fit", null, "email_capture", null);
        if (asks) {
          log("question_asked", 6, null, null, null, asked[n % QUESTIONS.length]!);
          if (abstains) log("answer_abstained", 6, null, null, null, abstained);
          else {
            log("answer_shown", 6, null, null, null, answered);
            log("micro_conversion", 7, null, null, "question_answered", null);
          }
        }
        // One conversation in nine is rated (the CSAT filter's matches), three in four of them 👍.
        if (n % 20 === 3) log("csat_given", 8, null, null, null, thumbs[n % 80 === 3 ? 0 : 1]!);
      }
      const email = leaves ? `shopper${n}@example.com` : null;
      session.add(
        shop,
        id,
        `v${n}`,
        "treatment",
        at(t0),
        at(lastAt),
        "/products/linen-shirt",
        "product",
        0,
        email,
        email ? at(t0 + 5000) : null,
        events,
        micros,
        firstMicro === null ? null : at(firstMicro),
        lastMicro === null ? null : at(lastMicro),
        chats ? at(t0 + (asks ? 6 : 3) * 1000) : null,
        asks && !abstains ? 1 : 0,
        abstains ? 1 : 0,
        at(lastAt),
      );
      if (email) {
        const when = at(t0 + 5000);
        lead.add(
          `lead${n}`,
          shop,
          email,
          "Email me about my order",
          when,
          id,
          id,
          micros,
          "/products/linen-shirt",
          when,
          when,
        );
      }
      if (chats && n % 100 === 0) {
        const orderId = `gid://shopify/Order/${9_000_000_000 + n}`;
        const placedAt = at(t0 + 3_600_000);
        order.add(
          orderId,
          shop,
          `#${n}`,
          placedAt,
          placedAt,
          "USD",
          4200,
          4200,
          4200,
          id,
          "treatment",
          "webhook",
          placedAt,
          placedAt,
          placedAt,
        );
        credit.add(
          `credit${String(n).padStart(8, "0")}`,
          shop,
          orderId,
          id,
          "cart_attribute",
          "last_touch",
          7,
          "assisted",
          0.9,
          4200,
          4200,
          1,
          "USD",
          "bench",
          "treatment",
          placedAt,
        );
      }
    }
    for (const table of [session, event, order, credit, lead]) table.flush();
    db.exec("COMMIT");
  }
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  db.close();
  return event.count;
}
