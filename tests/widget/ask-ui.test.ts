/**
 * The shopper's questions in the real chat UI (the built chatlift-ui.js in Debian's Chromium, on
 * the storefront harness): the answers endpoint behind the app proxy is scripted here, so each
 * kind of answer, each failure and each hostile text can be rendered on purpose. The request the
 * widget sends is checked against the contract's schema, and the events it sends against the
 * event contract (the harness's default events handler). The real route, end to end, is
 * tests/browser/storefront-answers.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { MAX_QUESTION_BYTES, questionSchema, type Answer, type Question } from "../../contract/answers";
import type { ChatEvent } from "../../contract/events";
import { starterConfig } from "../../app/flows/starter-config";
import { startStorefront, type ProxyHandler, type Storefront } from "../../sandbox/storefront/server";
import { launchChromium, screenshotPath } from "../support/browser/chromium";
import { aProductCard, aSource, anAnswer } from "../support/builders/widget-answers";

type Reply = { status: number; body: string; headers?: Record<string, string> };

/** The answers endpoint, scripted: each question gets the next reply; `held` replies wait for release(). */
function scriptedAnswers() {
  const questions: Question[] = [];
  const invalid: unknown[] = [];
  const replies: Array<Reply | Promise<Reply>> = [];
  const handler: ProxyHandler = async ({ body }) => {
    // As the route reads it: at most 2 KB, and (stricter than the route) no field the contract does not name.
    const parsed = questionSchema.strict().safeParse(JSON.parse(body));
    if (!parsed.success || Buffer.byteLength(body) > MAX_QUESTION_BYTES) {
      invalid.push(parsed.error?.issues ?? `${Buffer.byteLength(body)} bytes`);
      return { status: 400, body: JSON.stringify({ error: "invalid question" }) };
    }
    questions.push(parsed.data);
    return (await replies.shift()) ?? { status: 500, body: JSON.stringify({ error: "no reply scripted" }) };
  };
  return {
    handler,
    questions,
    invalid,
    answer: (answer: Answer) => void replies.push({ status: 200, body: JSON.stringify(answer) }),
    fail: (status: number, headers?: Record<string, string>) =>
      void replies.push({ status, body: JSON.stringify({ error: "refused" }), headers }),
    hold(answer: Answer) {
      let release!: () => void;
      replies.push(
        new Promise<Reply>((resolve) => (release = () => resolve({ status: 200, body: JSON.stringify(answer) }))),
      );
      return () => release();
    },
  };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const chat = (page: Page) => page.locator("#chatlift-root").getByRole("dialog");
const box = (page: Page) => chat(page).getByRole("textbox", { name: "Ask a question" });
const logText = async (page: Page) => (await chat(page).getByRole("log").textContent()) ?? "";
const events = (shop: Storefront): ChatEvent[] => shop.batches.flatMap((entry) => entry.batch.events);

async function ask(page: Page, question: string) {
  await box(page).fill(question);
  await box(page).press("Enter");
}

async function openChat(page: Page, shop: Storefront, path = "/products/linen-shirt") {
  await page.goto(`${shop.url}${path}`);
  await page.locator("#chatlift-root").getByRole("button", { name: "Open chat" }).click();
  await expect.poll(() => box(page).isVisible()).toBe(true);
}

describe("asking in the open chat (holdout visitor: no prompt, chat opened by hand)", () => {
  let shop: Storefront;
  let script: ReturnType<typeof scriptedAnswers>;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    script = scriptedAnswers();
    shop = await startStorefront({
      config: starterConfig({ holdoutPercent: 100 }),
      answers: (request) => script.handler(request),
    });
  });
  afterAll(() => shop?.close());
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    script.questions.length = 0;
  });

  it("GIVEN a product page WHEN the shopper types a question THEN it shows as theirs, the box waits, and the quoted answer names its source", async () => {
    await openChat(page, shop);
    // The product page offers its suggested questions, and the text box is labelled and limited.
    for (const chip of ["Does it run small?", "What is it made of?", "How do returns work?"])
      expect(await chat(page).getByRole("button", { name: chip }).isVisible()).toBe(true);
    expect(await box(page).getAttribute("maxlength")).toBe("500");
    expect(await chat(page).getByRole("log").getAttribute("aria-live")).toBe("polite");

    const release = script.hold(
      anAnswer({
        text: "We ship to Canada in 5 to 8 business days.",
        sources: [aSource({ title: "Shipping policy", url: "/policies/shipping-policy" })],
      }),
    );
    await ask(page, "Do you ship to Canada?");

    // WHILE waiting: the question is the shopper's bubble, on the right; the box and its button are disabled
    const mine = chat(page).locator(".me").last();
    expect(await mine.textContent()).toBe("Do you ship to Canada?");
    expect(await mine.evaluate((node) => getComputedStyle(node).alignSelf)).toBe("flex-end");
    await expect.poll(() => box(page).isDisabled()).toBe(true);
    expect(await chat(page).getByRole("button", { name: "Ask" }).isDisabled()).toBe(true);
    release();

    // THEN the answer, its source link, and the box back, empty and focused
    await expect.poll(() => logText(page)).toContain("We ship to Canada in 5 to 8 business days.");
    const source = chat(page).getByRole("link", { name: "Shipping policy" });
    expect(await source.getAttribute("href")).toBe("/policies/shipping-policy");
    expect(await chat(page).locator(".src").last().textContent()).toBe("From: Shipping policy");
    await expect.poll(() => box(page).isDisabled()).toBe(false);
    expect(await box(page).inputValue()).toBe("");
    expect(
      await box(page).evaluate(
        (node) => node.getRootNode() instanceof ShadowRoot && (node.getRootNode() as ShadowRoot).activeElement === node,
      ),
    ).toBe(true);
    expect(script.questions[0]).toMatchObject({
      question: "Do you ship to Canada?",
      locale: "en",
      arm: "holdout",
      page: { type: "product", handle: "linen-shirt", productId: "8011001" },
    });
    await page.screenshot({ path: screenshotPath("ask-1-answer") });

    // WHEN the shopper says it helped THEN answer_feedback leaves through the event queue, valid, with the answer's id
    await chat(page).getByRole("button", { name: "Helpful", exact: true }).click();
    expect(await logText(page)).toContain("Thanks for telling us.");
    expect(await chat(page).getByRole("button", { name: "Not helpful" }).count()).toBe(0);
    await page.goto("about:blank");
    await expect
      .poll(() => events(shop).filter((event) => event.type === "answer_feedback"))
      .toEqual([
        expect.objectContaining({
          type: "answer_feedback",
          answerId: "7d7a1f3e-2b1c-4c5d-9e8f-0a1b2c3d4e5f",
          helpful: true,
        }),
      ]);
    expect(shop.rejected).toEqual([]);
    expect(script.invalid).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("GIVEN shop text and shopper text with markup THEN both show as text, and a javascript: source is not a link", async () => {
    await openChat(page, shop);
    script.answer(
      anAnswer({
        text: 'Care: <img src=x onerror="window.pwned=1"> machine wash cold.',
        sources: [aSource({ title: "<b>Care</b> guide", url: "javascript:window.pwned=2" })],
      }),
    );
    await ask(page, "<script>window.pwned=3</script> how to wash?");

    await expect.poll(() => logText(page)).toContain("machine wash cold.");
    expect(await chat(page).locator(".me").last().textContent()).toBe("<script>window.pwned=3</script> how to wash?");
    expect(await logText(page)).toContain('<img src=x onerror="window.pwned=1">');
    expect(await chat(page).getByRole("log").locator("img, script, b").count()).toBe(0);
    expect(await chat(page).locator(".src").last().textContent()).toBe("From: <b>Care</b> guide");
    expect(await chat(page).locator(".src a").count()).toBe(0);
    expect(await page.evaluate(() => (window as Window & { pwned?: number }).pwned)).toBeUndefined();
    await context.close();
  });

  it("GIVEN a wrong answer WHEN the shopper says 'Not what I meant' THEN the question is asked again without the sources shown", async () => {
    await openChat(page, shop);
    script.answer(
      anAnswer({
        text: "Linen is washed for softness.",
        sources: [aSource({ type: "page", id: "page-care", title: "Care guide", url: "/pages/care" })],
      }),
    );
    await ask(page, "is linen soft?");
    await expect.poll(() => logText(page)).toContain("Linen is washed for softness.");

    script.answer(
      anAnswer({
        id: "0b0a0908-0706-4504-8302-010009080706",
        text: "Our linen shirt is pre-washed.",
        sources: [aSource({ type: "faq", id: "faq-7", title: "Linen FAQ", url: null })],
      }),
    );
    await chat(page).getByRole("button", { name: "Not what I meant" }).click();

    await expect.poll(() => logText(page)).toContain("Our linen shirt is pre-washed.");
    expect(script.questions[1]).toMatchObject({ question: "is linen soft?", excludeSourceIds: ["page-care"] });
    // A source without a URL is named, not linked.
    expect(await chat(page).locator(".src").last().textContent()).toBe("From: Linen FAQ");

    // AND the keyboard works as before: Escape from the text box closes the chat, focus goes back to the launcher
    await box(page).press("Escape");
    await expect.poll(() => chat(page).isVisible()).toBe(false);
    expect(await page.locator("#chatlift-root").evaluate((host) => host.shadowRoot!.activeElement?.className)).toBe(
      "l",
    );
    await context.close();
  });

  it("GIVEN a close call THEN the clarify choices ask their question; GIVEN no source THEN the abstention offers questions and the flows", async () => {
    await openChat(page, shop);
    script.answer(
      anAnswer({
        kind: "clarify",
        text: "The Linen Shirt or the Linen Trousers?",
        sources: [],
        suggestions: ["Linen Shirt care", "Linen Trousers care"],
      }),
    );
    await ask(page, "how do I wash linen?");
    await expect.poll(() => chat(page).getByRole("button", { name: "Linen Trousers care" }).isVisible()).toBe(true);

    script.answer(
      anAnswer({
        kind: "abstain",
        text: "The shop's information does not cover that.",
        sources: [],
        suggestions: ["How do returns work?", "Do you ship to Canada?"],
      }),
    );
    await chat(page).getByRole("button", { name: "Linen Trousers care" }).click();
    await expect.poll(() => logText(page)).toContain("does not cover that");

    expect(script.questions.map((question) => question.question)).toEqual([
      "how do I wash linen?",
      "Linen Trousers care",
    ]);
    expect(await chat(page).locator(".me").last().textContent()).toBe("Linen Trousers care");
    // No feedback or repair on an abstention; its suggestions, and the page's flows, are the next steps.
    expect(await chat(page).getByRole("button", { name: "Helpful", exact: true }).count()).toBe(0);
    expect(await chat(page).getByRole("button", { name: "Do you ship to Canada?" }).isVisible()).toBe(true);
    expect(await chat(page).getByRole("button", { name: "Help with sizing" }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath("ask-2-abstain") });
    await context.close();
  });

  it("GIVEN products THEN cards show their image, the price as given, and add the chosen variant with the chat session on the line", async () => {
    await openChat(page, shop);
    script.answer(
      anAnswer({
        kind: "products",
        text: "These are in linen:",
        sources: [],
        products: [
          aProductCard({
            price: "79.00",
            compareAtPrice: "99.00",
            imageUrl: "/cdn/images/linen-trousers.svg?width=160&height=160&crop=center",
            imageAlt: "Linen Trousers in sand, on a hanger",
          }),
          aProductCard({
            id: "gid://shopify/Product/8011005",
            title: "Canvas Belt",
            url: "/products/canvas-belt",
            imageUrl: null,
            price: "25.00",
            variants: [{ id: "gid://shopify/ProductVariant/44005001", title: "Default Title", available: true }],
          }),
        ],
      }),
    );
    await ask(page, "anything in linen?");

    const cards = chat(page).locator(".card");
    await expect.poll(() => cards.count()).toBe(2);
    expect(await cards.first().textContent()).toContain("€79.00 €99.00");
    expect(await cards.first().locator("s").textContent()).toBe("€99.00");
    // The image as the route sized it (the widget reads it against the page), named for screen readers, lazy, and 56 px square before it loads (nothing shifts)
    const image = cards.first().getByRole("img", { name: "Linen Trousers in sand, on a hanger" });
    expect(
      await image.evaluate((img: HTMLImageElement) => ({
        src: new URL(img.getAttribute("src")!).pathname + new URL(img.getAttribute("src")!).search,
        width: img.getAttribute("width"),
        height: img.getAttribute("height"),
        loading: img.loading,
      })),
    ).toEqual({
      src: "/cdn/images/linen-trousers.svg?width=160&height=160&crop=center",
      width: "56",
      height: "56",
      loading: "lazy",
    });
    expect(await image.boundingBox()).toMatchObject({ width: 56, height: 56 });
    // A product without an image keeps the card's layout, with nothing to load
    expect(await cards.nth(1).locator("img").count()).toBe(0);
    await page.screenshot({ path: screenshotPath("ask-4-products") });
    await cards.first().getByRole("combobox", { name: "Linen Trousers" }).selectOption({ label: "M" });
    await cards.first().getByRole("button", { name: "Add to cart" }).click();
    await expect.poll(() => logText(page)).toContain("Added to your cart.");

    const add = shop.cartRequests.filter((request) => request.path === "/cart/add.js").at(-1)!;
    const line = (add.body as { items: { id: number; quantity: number; properties: Record<string, string> }[] })
      .items[0]!;
    expect(line).toMatchObject({ id: 44004002, quantity: 1 });
    expect(line.properties._chatlift).toMatch(/^[0-9a-f-]{36}$/);
    await page.goto("about:blank");
    await expect
      .poll(() =>
        events(shop).some(
          (event) =>
            event.type === "micro_conversion" && event.kind === "add_to_cart" && event.productVariantId === "44004002",
        ),
      )
      .toBe(true);
    expect(
      events(shop).find((event) => event.type === "micro_conversion" && event.productVariantId === "44004002"),
    ).toMatchObject({ productId: "gid://shopify/Product/8011004", value: 79, currency: "EUR" });
    expect(shop.rejected).toEqual([]);
    await context.close();
  });

  it("GIVEN 'where is my order?' THEN a form takes number and email, re-asks with them, and the status links the tracking page", async () => {
    await openChat(page, shop, "/");
    script.answer(
      anAnswer({
        kind: "order_status",
        text: "I can look it up: what is the order number and the email on the order?",
        sources: [],
      }),
    );
    await ask(page, "where is my order?");
    const number = chat(page).getByRole("textbox", { name: "Order number" });
    await expect.poll(() => number.isVisible()).toBe(true);
    expect(await number.evaluate((node) => (node.getRootNode() as ShadowRoot).activeElement === node)).toBe(true);

    // An empty email is refused in place, without a request.
    await number.fill("#1001");
    await chat(page).getByRole("button", { name: "Send" }).click();
    expect(await chat(page).getByRole("alert").textContent()).toBe(
      "Please enter your order number and the email address on the order.",
    );
    expect(script.questions).toHaveLength(1);

    script.answer(
      anAnswer({
        kind: "order_status",
        text: "Order #1001 shipped on 18 November.",
        sources: [
          aSource({
            type: "order",
            id: "order-1001",
            title: "Track order #1001",
            url: "https://track.carrier.example/1Z999",
          }),
        ],
      }),
    );
    await chat(page).getByRole("textbox", { name: "Email address" }).fill("ana@example.com");
    await chat(page).getByRole("button", { name: "Send" }).click();

    await expect.poll(() => logText(page)).toContain("Order #1001 shipped on 18 November.");
    expect(script.questions[1]).toMatchObject({
      question: "where is my order?",
      order: { number: "#1001", email: "ana@example.com" },
    });
    expect(await chat(page).getByRole("textbox", { name: "Order number" }).count()).toBe(0);
    const tracking = chat(page).getByRole("link", { name: "Track order #1001" });
    await page.screenshot({ path: screenshotPath("ask-5-order-status") });
    expect(await tracking.getAttribute("target")).toBe("_blank");
    expect(await tracking.getAttribute("rel")).toBe("noopener");
    // The email is not echoed into the conversation.
    expect(await logText(page)).not.toContain("ana@example.com");
    await context.close();
  });

  it("GIVEN a rate limit, an outage, or no network THEN the chat says so kindly and the typed question stays in the box", async () => {
    await openChat(page, shop);
    script.fail(429, { "retry-after": "30" });
    await ask(page, "do you ship to Canada?");
    await expect.poll(() => logText(page)).toContain("Lots of questions right now.");
    expect(await box(page).inputValue()).toBe("do you ship to Canada?");

    script.fail(503);
    await box(page).press("Enter");
    await expect.poll(() => logText(page)).toContain("Sorry, I couldn't answer just now.");
    expect(await box(page).inputValue()).toBe("do you ship to Canada?");

    await context.setOffline(true);
    await box(page).press("Enter");
    await expect.poll(() => logText(page)).toContain("You seem to be offline.");
    expect(await box(page).inputValue()).toBe("do you ship to Canada?");
    await context.setOffline(false);

    script.answer(anAnswer());
    await box(page).press("Enter");
    await expect.poll(() => logText(page)).toContain("We ship to Canada");
    expect(script.questions.map((question) => question.question)).toEqual([
      "do you ship to Canada?",
      "do you ship to Canada?",
      "do you ship to Canada?",
    ]);
    await context.close();
  });
});

describe("asking during a flow (treatment visitor)", () => {
  let shop: Storefront;
  let script: ReturnType<typeof scriptedAnswers>;
  beforeAll(async () => {
    script = scriptedAnswers();
    shop = await startStorefront({
      config: starterConfig({ holdoutPercent: 0 }),
      answers: (request) => script.handler(request),
    });
  });
  afterAll(() => shop?.close());

  it("GIVEN the fit-help flow mid-way WHEN the shopper asks something else THEN it is answered and the flow goes on where it was", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${shop.url}/products/linen-shirt`);
    const prompt = page.locator("#chatlift-root").locator(".b");
    await expect.poll(() => prompt.isVisible(), { timeout: 6000 }).toBe(true);
    await page.locator("#chatlift-root").getByRole("button", { name: "Yes, please" }).click();
    await expect.poll(() => chat(page).getByRole("button", { name: "Show me similar styles" }).isVisible()).toBe(true);

    script.answer(
      anAnswer({
        text: "Free returns within 30 days.",
        sources: [aSource({ id: "policy-refund", title: "Refund policy", url: "/policies/refund-policy" })],
      }),
    );
    await ask(page, "How do returns work?");
    await expect.poll(() => logText(page)).toContain("Free returns within 30 days.");

    // THEN the step's question is repeated and its replies are still there; the flow continues from them
    expect((await logText(page)).endsWith("What would help most?")).toBe(true);
    await chat(page).getByRole("button", { name: "Does it run small?" }).click();
    await expect.poll(() => chat(page).locator(".card").count(), { timeout: 5000 }).toBe(3);
    await page.screenshot({ path: screenshotPath("ask-3-mid-flow") });
    await page.goto("about:blank");
    // AND the flow's events read as one uninterrupted run: the size answer (its goal) completes it, the picks follow
    const flowEvents = () =>
      events(shop).map((event) => (event.type === "flow_abandoned" ? `${event.type}:${event.reason}` : event.type));
    await expect
      .poll(flowEvents)
      .toEqual([
        "session_started",
        "prompt_shown",
        "chat_opened",
        "flow_started",
        "step_viewed",
        "step_answered",
        "micro_conversion",
        "flow_completed",
        "step_viewed",
      ]);
    await context.close();
  });
});
