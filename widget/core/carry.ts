/**
 * Why: the conversation follows the shopper across the pages of one visit. The chat UI writes what the
 * shopper already sees (the log's lines, whether the panel was open, whether the one CSAT tap was spent) to
 * sessionStorage on pagehide; the next page's loader reopens the chat when it was open, and the UI reads the
 * lines back. Same tab, same chat session only: a new session (30 minutes idle, another tab) starts clean.
 * Nothing is stored that the chat did not already show; sessionStorage dies with the tab.
 */
export const CARRY_KEY = "chatlift_c";

export interface Carried {
  /** The chat session it belongs to. */
  s: string;
  /** The panel was open when the page was left. */
  o?: 1;
  /** The log's lines: [class, text]. */
  l: [string, string][];
  /** The conversation answered, converted or was handed off: it may end with the CSAT tap. */
  e?: 1;
  /** The CSAT tap was offered or given already (once per conversation). */
  r?: 1;
}
