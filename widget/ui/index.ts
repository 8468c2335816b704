/**
 * The chat UI (chatlift-ui.js), loaded by the loader on first need. It finds its context on its
 * own script element, so the widget defines no global name.
 */
import type { UiFactory } from "../core/types";
import { createChat } from "./chat";

(document.currentScript as (HTMLScriptElement & { c?(factory: UiFactory): void }) | null)?.c?.(createChat);
