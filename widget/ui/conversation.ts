/**
 * What a step renderer (steps.ts) and the free-text ask (ask.ts) may do in the conversation that chat.ts runs.
 * Its own file so the renderers depend on this shape, not on the panel that implements it.
 */
import type { ChatEvent } from "../../contract/events";
import type { LocalizedText, Step } from "../../contract/widget-config";
import type { advance, FlowRun } from "../core/flow-engine";
import type { Talk } from "../core/talk";
import type { EventInput, WidgetContext } from "../core/types";
import type { CartJson, shop } from "./shop";

export interface Conversation {
  ctx: WidgetContext;
  api: ReturnType<typeof shop>;
  talk: Talk;
  locale: string;
  text(value: LocalizedText | undefined): string;
  /** A missing text (a locale without the key) says nothing rather than "undefined". */
  say(message: string | undefined, cls?: string): HTMLElement;
  /** Appends to the conversation log (an answer's sources, cards, buttons). */
  add(...nodes: (Node | false | undefined)[]): void;
  me(message: string | undefined): void;
  actions(...nodes: (Node | false | undefined)[]): void;
  button(label: string | undefined, onclick: () => void, primary?: boolean): HTMLButtonElement;
  /** Records an event about the current run and step. */
  track(event: EventInput, step?: Step): void;
  /** Runs a wait behind the procedural signal ("let me check…"). */
  checking<T>(work: Promise<T>): Promise<T>;
  /** The step's action happened: its micro-conversion (and flow completion) is recorded. */
  converted(step: Step, detail?: Partial<Extract<ChatEvent, { type: "micro_conversion" }>>): void;
  /**
   * Moves on (after a reply, or the step's action): the reply's answer, then the next step, with an
   * acknowledgement before a hard answer when the shopper spoke last. With no flow running, the end options.
   */
  next(reply?: Parameters<typeof advance>[1]): void;
  /** The alternatives when an answer was not what the visitor meant. */
  repair(): void;
  /** Buttons for the flows that may run on this page, but `except`. */
  menu(except?: string): HTMLElement[];
  /** After a question asked mid-flow: the step's text again, its actions still below; false when no flow is running. */
  resume(): boolean;
  money(amount: number, currency: string): string;
  /**
   * The one chat add to cart (flows and answers): the line marked with the session when consent
   * allows, the cart re-read; resolves to the micro-conversion's details, or undefined on failure.
   */
  addToCart(
    variantId: string | number,
    productId?: string,
    quantity?: number,
  ): Promise<Partial<Extract<ChatEvent, { type: "micro_conversion" }>> | undefined>;
  /** The cart changed (read again unless given): triggers re-checked, the theme told (theme-cart.ts). */
  cartChanged(cart?: CartJson): Promise<void>;
  run(): FlowRun;
  /** The shopper's question was answered (a source, products, an order): the conversation earns its CSAT tap. */
  answered(): void;
  /**
   * An end of the conversation (a flow's end, an answer rated, a handoff closed): the CSAT tap, once per
   * conversation, when it answered, converted or was handed off.
   */
  ended(): void;
}
