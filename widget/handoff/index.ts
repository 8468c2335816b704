/**
 * The handoff bundle (chatlift-handoff.js), loaded only when a shopper picks "Talk to a person": everything a
 * handoff needs lives here, so the chat UI pays a few bytes for the choice and nothing for the rest. It finds
 * the conversation on its own script element (as the chat UI finds its context), asks the handoff route
 * (contract/handoff.ts) for a person, polls for replies only while a person may still write, and stops when
 * the handoff closes or moves to an email answer. Staff replies are labelled with who wrote them.
 */
import type { HandoffRequest, HandoffView } from "../../contract/handoff";
import type { Conversation } from "../ui/conversation";
import { h } from "../ui/dom";
import { HANDOFF_POLL_MS } from "./poll";

const URL = "/apps/chatlift/handoff";

type Started = Conversation & { ho?: () => void };
type Op<K extends HandoffRequest["op"]> = Omit<
  Extract<HandoffRequest, { op: K }>,
  "sessionId" | "visitorId" | "handoffId"
>;

const script = document.currentScript as (HTMLScriptElement & { c?: Started }) | null;
const chat = script?.c;
// A second click while the bundle is running resumes the same handoff instead of asking twice.
if (chat) (chat.ho ||= start(chat))();

function start(c: Conversation): () => void {
  const { ctx } = c;
  const t = ctx.data.t;
  let view: HandoffView | undefined;
  let shown = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let offered = false;
  let ended = false;
  const fill = (key: string, time?: string) => (t[key] ?? "").replace("{time}", time ?? "");
  const when = (iso?: string) =>
    iso
      ? new Intl.DateTimeFormat(c.locale, { weekday: "long", hour: "numeric", minute: "2-digit" }).format(new Date(iso))
      : "";

  async function send<K extends HandoffRequest["op"]>(op: Op<K> & { op: K }): Promise<HandoffView | undefined> {
    const ids = { sessionId: ctx.sessionId, visitorId: ctx.visitorId, ...(view ? { handoffId: view.handoffId } : {}) };
    try {
      const response = await fetch(URL, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...ids, ...op }),
      });
      if (response.ok) return show((await response.json()) as HandoffView);
    } catch {
      // Offline for a moment: the next poll or the shopper's next try asks again.
    }
    if (op.op != "poll") c.say(t.error ?? "");
  }

  /** New messages (the shopper's own were said when typed), then what the new state asks for. */
  function show(next: HandoffView): HandoffView {
    const first = !view;
    view = next;
    for (const message of next.messages) {
      if (message.seq <= shown) continue;
      shown = message.seq;
      if (message.from == "shopper") {
        if (first) c.me(message.text);
        continue;
      }
      // Who answers: a person from the team, by name when the admin knows it, never mistaken for the bot.
      c.add(h("small", { class: "src" }, message.name ? `${message.name} · ${t.ho_team ?? ""}` : (t.ho_team ?? "")));
      c.say(message.text, "bot staff");
      c.answered();
    }
    if (next.status == "closed") finish(t.ho_closed);
    // Asked again after leaving an email: the promise stands, said once more.
    else if (next.status == "offline") {
      if (first) finish(fill("ho_left", when(next.answerBy)));
      else stop();
    } else if (
      next.mode == "offline" ||
      (next.status == "waiting" && Date.parse(next.offerOfflineAt ?? "") <= Date.now())
    )
      offerEmail();
    return next;
  }

  function stop() {
    clearTimeout(timer);
    timer = undefined;
  }

  function finish(line?: string) {
    stop();
    if (ended) return;
    ended = true;
    if (line) c.say(line);
    c.ended();
    c.actions(...c.menu());
  }

  function poll() {
    stop();
    if (!view?.poll) return;
    timer = setTimeout(async () => {
      await send({ op: "poll", after: shown });
      poll();
    }, HANDOFF_POLL_MS);
  }

  function talkBox() {
    const input = h("input", {
      type: "text",
      name: "message",
      "aria-label": t.ho_say,
      placeholder: t.ho_say,
      maxLength: 1000,
    });
    const form = h(
      "form",
      {
        class: "ask",
        onsubmit: async (event) => {
          event.preventDefault();
          const text = input.value.trim();
          if (!text) return;
          c.me(text);
          input.value = "";
          await send({ op: "say", text });
        },
      },
      input,
      h("button", { class: "q pri", type: "submit" }, t.send ?? ""),
    );
    c.actions(form, end());
  }

  const end = () =>
    c.button(t.ho_end ?? "", async () => {
      stop();
      await send({ op: "close" });
      finish();
    });

  function offerEmail() {
    if (offered) return;
    offered = true;
    c.say(fill("ho_offline", when(view?.answerBy)));
    const email = h("input", {
      type: "email",
      name: "email",
      autocomplete: "email",
      "aria-label": t.email_label,
      placeholder: t.email_label,
      required: true,
    });
    const question = h("input", {
      type: "text",
      name: "question",
      "aria-label": t.ho_question,
      placeholder: t.ho_question,
      maxLength: 1000,
      required: true,
    });
    const consent = h("input", { type: "checkbox", name: "consent" });
    const error = h("p", { class: "err", role: "alert" });
    const form = h(
      "form",
      {
        novalidate: true,
        onsubmit: async (event) => {
          event.preventDefault();
          if (!email.value || !email.checkValidity()) return void (error.textContent = t.email_invalid ?? "");
          if (!question.value.trim()) return void (error.textContent = t.ho_question ?? "");
          if (!consent.checked) return void (error.textContent = t.consent_needed ?? "");
          c.me(question.value.trim());
          const left = await send({
            op: "leave",
            email: email.value,
            consent: { granted: true, text: t.ho_consent ?? "" },
            question: question.value.trim(),
            page: { type: ctx.data.page.type, path: ctx.data.page.path },
          });
          if (left?.status == "offline") finish(fill("ho_left", when(left.answerBy)));
        },
      },
      email,
      question,
      h("label", {}, consent, t.ho_consent ?? ""),
      error,
      h("button", { class: "q pri", type: "submit" }, t.subscribe ?? ""),
    );
    c.actions(form, end());
  }

  return async () => {
    if (view && !ended) return void (view.poll ? talkBox() : offerEmail());
    ended = offered = false;
    view = undefined;
    shown = 0;
    c.me(t.person ?? "");
    const opened = await c.checking(
      send({
        op: "open",
        reason: "asked",
        locale: c.locale,
        arm: ctx.arm,
        page: { type: ctx.data.page.type, path: ctx.data.page.path },
      }),
    );
    if (!opened || opened.mode == "offline" || opened.status == "offline") return;
    c.answered();
    if (opened.status == "waiting" && !offered) c.say(t.ho_wait ?? "");
    if (!offered) talkBox();
    poll();
  };
}
