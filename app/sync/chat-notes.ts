/**
 * Why: the merchant's team works in HubSpot, so what the chat learnt must read there without opening ChatLift:
 * the chat summary on the contact (flows, questions and answers with their sources, qualifier answers,
 * products, the page and UTM journey, credit) and a handed-off conversation's transcript on its ticket. Both
 * are built from what is stored, in a fixed order, so the same conversation always makes the same text (a
 * re-run PATCHes the note with identical words). HubSpot shows a note's body as rich text: every word that
 * came from a shopper or a page is HTML-escaped here.
 */
import type { QualifierAnswer } from "../routing/facts";
import type { TranscriptLine } from "../conversations/transcript";

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** "2026-12-04 05:12 UTC": minutes are enough to read a chat by, and UTC keeps the text the same everywhere. */
export const minuteOf = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const SPEAKERS: Record<TranscriptLine["speaker"], string> = { bot: "Bot", shopper: "Shopper", event: "·" };

const paragraph = (html: string) => `<p>${html}</p>`;
const heading = (text: string) => paragraph(`<strong>${escapeHtml(text)}</strong>`);
const list = (items: readonly string[]) =>
  items.length ? `<ul>${items.map((item) => `<li>${item}</li>`).join("")}</ul>` : "";

function sourcesText(sources: TranscriptLine["sources"]): string {
  return sources?.length ? ` (sources: ${sources.map((source) => escapeHtml(source.title)).join(", ")})` : "";
}

/** A handed-off conversation as the ticket's note: the question first, then every line in order. */
export function transcriptNoteBody(input: {
  sessionId: string;
  question?: string;
  lines: readonly TranscriptLine[];
}): string {
  const parts = [heading(`Chat transcript (session ${input.sessionId})`)];
  if (input.question) parts.push(paragraph(`<strong>Question for a person:</strong> ${escapeHtml(input.question)}`));
  parts.push(
    list(
      input.lines.map(
        (line) =>
          `${minuteOf(line.at)} <strong>${SPEAKERS[line.speaker]}</strong>: ${escapeHtml(line.text)}${sourcesText(line.sources)}`,
      ),
    ) || paragraph("(no messages recorded)"),
  );
  return parts.join("");
}

export type SummaryConversation = {
  sessionId: string;
  startedAt: string;
  landingPath: string | null;
  utm: { source: string | null; medium: string | null; campaign: string | null };
  lines: readonly TranscriptLine[];
};

export type ChatSummary = {
  conversations: readonly SummaryConversation[];
  qualifierAnswers: Readonly<Record<string, QualifierAnswer>>;
  productIds: readonly string[];
  /** Pages the lead was seen on (landing pages and the latest), oldest first. */
  pages: ReadonlyArray<{ path: string; at: number }>;
  credits: ReadonlyArray<{ orderName: string; amount: string; rule: string }>;
};

type Exchange = { question: string; answer: string };

/** Questions typed and what the bot answered (with its sources), in order; an abstention says so. */
function exchangesOf(lines: readonly TranscriptLine[]): Exchange[] {
  const exchanges: Exchange[] = [];
  for (const line of lines) {
    if (line.type === "question_asked") exchanges.push({ question: escapeHtml(line.text), answer: "(no answer)" });
    const last = exchanges.at(-1);
    if (!last) continue;
    if (line.type === "answer_shown") last.answer = `${escapeHtml(line.text)}${sourcesText(line.sources)}`;
    if (line.type === "answer_abstained") last.answer = "not answered: the shop's information does not cover it";
  }
  return exchanges;
}

const utmText = (utm: SummaryConversation["utm"]) =>
  [
    utm.source && `source ${utm.source}`,
    utm.medium && `medium ${utm.medium}`,
    utm.campaign && `campaign ${utm.campaign}`,
  ]
    .filter(Boolean)
    .join(", ");

/** The contact's one chat summary note: the same facts always give the same text. */
export function chatSummaryNoteBody(summary: ChatSummary): string {
  const conversations = [...summary.conversations].sort(
    (a, b) => a.startedAt.localeCompare(b.startedAt) || a.sessionId.localeCompare(b.sessionId),
  );
  const flows = conversations.flatMap((conversation) =>
    conversation.lines
      .filter(
        (line) => line.type === "flow_started" || line.type === "flow_completed" || line.type === "flow_abandoned",
      )
      .map((line) => `${minuteOf(line.at)} ${escapeHtml(line.text)}`),
  );
  const exchanges = conversations.flatMap((conversation) =>
    exchangesOf(conversation.lines).map((exchange) => `Q: ${exchange.question}<br>A: ${exchange.answer}`),
  );
  const qualifiers = Object.keys(summary.qualifierAnswers)
    .sort()
    .map((field) => `${escapeHtml(field)}: ${escapeHtml(String(summary.qualifierAnswers[field]?.value))}`);
  // One list in time order: each conversation's landing page (with its UTM), then the other pages seen.
  const journey = [
    ...conversations.map((conversation) => {
      const utm = utmText(conversation.utm);
      const page = escapeHtml(conversation.landingPath ?? "(unknown page)");
      return { at: conversation.startedAt, text: `landed on ${page}${utm ? ` (UTM ${escapeHtml(utm)})` : ""}` };
    }),
    ...summary.pages
      .filter((page) => !conversations.some((conversation) => conversation.landingPath === page.path))
      .map((page) => ({ at: new Date(page.at).toISOString(), text: `on ${escapeHtml(page.path)}` })),
  ]
    .sort((a, b) => a.at.localeCompare(b.at) || a.text.localeCompare(b.text))
    .map((step) => `${minuteOf(step.at)} ${step.text}`);
  const credits = [...summary.credits]
    .sort((a, b) => a.orderName.localeCompare(b.orderName))
    .map((credit) => `${escapeHtml(credit.orderName)}: ${escapeHtml(credit.amount)} (${escapeHtml(credit.rule)})`);
  const section = (title: string, items: string[], none: string) =>
    heading(title) + (items.length ? list(items) : paragraph(escapeHtml(none)));
  return [
    heading(`ChatLift chat summary (${conversations.length} conversation${conversations.length === 1 ? "" : "s"})`),
    section("Flows", flows, "No flow started."),
    section("Questions and answers", exchanges, "No question typed."),
    section("Qualifier answers", qualifiers, "None."),
    section("Products", [...summary.productIds].sort().map(escapeHtml), "None."),
    section("Pages and UTM", journey, "No page recorded."),
    section("Credit", credits, "No order credited to chat yet."),
  ].join("");
}
