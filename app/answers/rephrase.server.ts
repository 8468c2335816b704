/**
 * Why: the merchant's optional language model, applied to one answer. Only a quoted answer (kind "answer") is
 * rephrased, from its cited passages, in the shopper's language; the output reaches the shopper only when the
 * verifier finds no fact the sources do not state. Off, over the daily cap, too slow, failing, silent or refused:
 * the shopper gets the extractive answer unchanged, and the outcome is recorded on the answer_shown event.
 */
import type { Answer, Question } from "../../contract/answers";
import type { RephrasingOutcome } from "../../contract/events";
import { completeText } from "../integrations/llm/llm-client.server";
import type { CompleteText } from "../integrations/llm/llm-port";
import type { KnowledgeIndex } from "./knowledge-index";
import { REPHRASE_MAX_TOKENS, REPHRASE_TIMEOUT_MS } from "./llm-settings";
import { readLlmEndpoint, takeRephrasing } from "./llm-settings.server";
import { allowedTexts, rephrasePrompt, type RephraseRequest } from "./rephrase-prompt";
import { citedPassages, productTitles } from "./rephrase-sources";
import { verifyRephrasing } from "./rephrase-verifier";

export type { RephrasingOutcome };

export interface RephraseOptions {
  /** Tests shorten the wait; production waits REPHRASE_TIMEOUT_MS. */
  timeoutMs?: number;
  complete?: CompleteText;
  now?: number;
}

/** CHATLIFT_LLM_TIMEOUT_MS may shorten the wait (tests, a fast local model); it never lengthens it. */
function timeoutOf(options: RephraseOptions): number {
  const configured = Number(process.env.CHATLIFT_LLM_TIMEOUT_MS);
  const fromEnv = Number.isFinite(configured) && configured > 0 ? configured : REPHRASE_TIMEOUT_MS;
  return Math.min(options.timeoutMs ?? fromEnv, REPHRASE_TIMEOUT_MS);
}

class TimedOut extends Error {}

/** The model's reply within the time allowed; a late one is cancelled and counts as a timeout. */
async function withinTime(complete: () => Promise<string>, controller: AbortController, ms: number): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TimedOut());
    }, ms);
  });
  try {
    return await Promise.race([complete(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export async function rephraseAnswer(
  shopDomain: string,
  answer: Answer,
  question: Question,
  index: KnowledgeIndex,
  options: RephraseOptions = {},
): Promise<{ answer: Answer; rephrasing?: RephrasingOutcome }> {
  if (answer.kind !== "answer" || !answer.sources.length) return { answer };
  const fallback = (rephrasing: RephrasingOutcome) => ({ answer, rephrasing });
  let configured: Awaited<ReturnType<typeof readLlmEndpoint>>;
  try {
    configured = await readLlmEndpoint(shopDomain);
  } catch (error) {
    // An ENCRYPTION_KEY that changed since the key was saved: the shopper still gets the quoted answer.
    console.warn(`[answers] ${shopDomain}: the language model's key cannot be read: ${messageOf(error)}`);
    return fallback("provider_error");
  }
  if (!configured) return { answer };
  if (!(await takeRephrasing(shopDomain, configured.dailyCap, options.now ?? Date.now())))
    return fallback("cap_reached");

  const request: RephraseRequest = {
    question: question.question,
    locale: question.locale,
    answer: answer.text,
    passages: citedPassages(index, answer),
  };
  const prompt = rephrasePrompt(request);
  const timeoutMs = timeoutOf(options);
  const controller = new AbortController();
  const complete = options.complete ?? completeText;
  let output: string;
  try {
    output = await withinTime(
      () =>
        complete(configured.endpoint, {
          ...prompt,
          maxTokens: REPHRASE_MAX_TOKENS,
          signal: controller.signal,
          timeoutMs,
        }),
      controller,
      timeoutMs,
    );
  } catch (error) {
    if (error instanceof TimedOut) return fallback("timeout");
    // The provider's message only: it never holds the key, and the shopper never sees it.
    console.warn(`[answers] ${shopDomain}: the language model failed, extractive answer shown: ${messageOf(error)}`);
    return fallback("provider_error");
  }
  const verdict = verifyRephrasing({ output, allowed: allowedTexts(request), productTitles: productTitles(index) });
  if (!verdict.ok) {
    if (verdict.reason === "empty") return fallback("empty");
    const what = verdict.reason === "invented" ? `an invented ${verdict.kind}` : "a reply too long";
    console.info(`[answers] ${shopDomain}: rephrasing refused (${what}), extractive answer shown`);
    return fallback("verifier_rejected");
  }
  const rephrased: Answer = { ...answer, text: verdict.text, locale: question.locale };
  delete rephrased.fallbackFromLocale;
  return { answer: rephrased, rephrasing: "rephrased" };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);
