/**
 * The home page's setup checklist: from install to a first storefront event without docs.
 * Each step says what to do and is ticked from evidence, never from a click on "done".
 */
import { demoSecret } from "../../platform/shops/demo-session";
import { appEmbedDeepLink } from "../ui/links";

export interface OnboardingFacts {
  shopDomain: string;
  apiKey: string;
  embedHandle: string;
  /** The first storefront event ChatLift received for this shop, if any. */
  firstEvent: { type: string; at: string } | null;
  /** Null while ChatLift cannot tell yet (the store for it does not exist). */
  hubspotConnected: boolean | null;
  flowPublished: boolean | null;
  /**
   * `npm run demo` only: the storefront harness's page that stands in for the shop's storefront. The demo shop's
   * myshopify domain exists nowhere, so its theme editor and storefront links would lead nowhere.
   */
  demoStorefront?: string;
}

export type StepStatus = "done" | "todo" | "unknown";

export interface OnboardingStep {
  id: "embed" | "flow" | "first_event" | "hubspot";
  title: string;
  description: string;
  status: StepStatus;
  action?: { content: string; url: string; external: boolean };
}

const status = (known: boolean | null): StepStatus => (known === null ? "unknown" : known ? "done" : "todo");

export function onboardingSteps(facts: OnboardingFacts): OnboardingStep[] {
  const eventArrived = facts.firstEvent !== null;
  return [
    {
      id: "embed",
      title: "Turn on the ChatLift app embed",
      description: eventArrived
        ? "The embed is on: your storefront is sending events."
        : facts.demoStorefront
          ? "The demo's storefront has the app embed on already: open it and browse a product."
          : "App embeds are off after install. This opens your theme editor with ChatLift switched on: click Save there.",
      // The only proof the embed is on without reading the theme is an event from the storefront.
      status: eventArrived ? "done" : "todo",
      action: facts.demoStorefront
        ? { content: "Open the demo storefront", url: facts.demoStorefront, external: true }
        : {
            content: "Open the theme editor",
            url: appEmbedDeepLink(facts.shopDomain, facts.apiKey, facts.embedHandle),
            external: true,
          },
    },
    {
      id: "flow",
      title: "Publish a first flow from a template",
      description: facts.flowPublished
        ? "You published a flow: once the app embed is on, visitors who match its trigger see its prompt."
        : "Start with fit help or an email capture: one to three short steps, shown on the pages you choose.",
      status: status(facts.flowPublished),
      action: { content: facts.flowPublished ? "Open flows" : "Choose a template", url: "/app/flows", external: false },
    },
    {
      id: "first_event",
      title: "See the first event arrive",
      description: eventArrived
        ? `First event received: ${facts.firstEvent?.type.replace(/_/g, " ")} at ${facts.firstEvent?.at.replace("T", " ").slice(0, 16)} UTC.`
        : "Open your storefront in another tab and browse a product: this step ticks itself as soon as the event arrives.",
      status: eventArrived ? "done" : "todo",
      action: {
        content: "Open your storefront",
        url: facts.demoStorefront ?? `https://${facts.shopDomain}`,
        external: true,
      },
    },
    {
      id: "hubspot",
      title: "Connect HubSpot",
      description: "Send consented leads, intent signals and credited orders to your CRM.",
      status: status(facts.hubspotConnected),
      action: {
        content: facts.hubspotConnected ? "Open HubSpot sync" : "Connect HubSpot",
        url: "/app/hubspot",
        external: false,
      },
    },
  ];
}

/**
 * The demo's storefront, from the environment `npm run demo` gives the app it starts: only a demo start (its
 * per-start secret) may point the checklist away from the shop's own domain, and only to an http(s) address.
 */
export function demoStorefrontOf(env: Record<string, string | undefined>): string | undefined {
  const url = env.CHATLIFT_DEMO_STOREFRONT?.trim();
  if (!demoSecret(env) || !url || !/^https?:\/\/[^/\s]+/.test(url)) return undefined;
  return url;
}

export function onboardingProgress(steps: readonly OnboardingStep[]): { done: number; total: number } {
  return { done: steps.filter((step) => step.status === "done").length, total: steps.length };
}
