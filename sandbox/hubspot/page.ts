/** What the sandbox holds, as JSON (GET /__sandbox/state) and as a small page (GET /__sandbox) for the demo. */
import type { AccountLimits } from "./limits";
import type { AccountSettings } from "./routing";
import type { SandboxStore } from "./store";

/** One request the sandbox answered, as the server recorded it (tests read them; the page lists them). */
export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  body: unknown;
  status: number;
  at: number;
};

export type SandboxSnapshot = ReturnType<typeof snapshot>;

export function snapshot(
  store: SandboxStore,
  account: AccountSettings,
  limits: AccountLimits,
  requests: RecordedRequest[],
) {
  const custom = (objectType: string) =>
    [...(store.properties.get(objectType)?.values() ?? [])].filter((definition) => !definition.hubspotDefined);
  return {
    portalId: store.portalId,
    customEvents: account.customEvents,
    limits: limits.settings,
    requests: { total: requests.length, http429: requests.filter((request) => request.status === 429).length },
    propertyGroups: Object.fromEntries(
      [...store.groups].map(([objectType, groups]) => [objectType, [...groups.keys()]]),
    ),
    properties: { contacts: custom("contacts"), deals: custom("deals") },
    contacts: [...store.contacts.values()],
    deals: [...store.deals.values()],
    tasks: [...store.tasks.values()],
    associations: store.associations,
    events: store.events,
    eventDefinitions: [...store.eventDefinitions.values()],
    pipelines: store.pipelines,
    gdprDeleted: store.gdprDeleted,
    gdprBlocklist: store.gdprBlocklist,
  };
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function renderPage(view: SandboxSnapshot): string {
  const rows = view.contacts
    .slice(-50)
    .reverse()
    .map(
      (contact) =>
        `<tr><td>${escape(contact.id)}</td><td>${escape(contact.properties.email ?? "")}</td><td><code>${escape(JSON.stringify(contact.properties))}</code></td></tr>`,
    )
    .join("");
  const deals = view.deals
    .slice(-50)
    .reverse()
    .map(
      (deal) => `<tr><td>${escape(deal.id)}</td><td><code>${escape(JSON.stringify(deal.properties))}</code></td></tr>`,
    )
    .join("");
  return `<!doctype html><html><head><meta charset="utf-8"><title>HubSpot sandbox</title>
<style>body{font:14px system-ui;margin:2rem}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left}code{font-size:12px}</style></head>
<body><h1>HubSpot sandbox — portal ${view.portalId}</h1>
<p>${view.contacts.length} contacts · ${view.deals.length} deals · ${view.events.length} events · ${view.tasks.length} tasks ·
${view.requests.total} requests (${view.requests.http429} answered 429) · limit ${view.limits.tenSecondLimit} per ${view.limits.windowMs} ms ·
custom events ${view.customEvents ? "available" : "not available"} · <a href="/__sandbox/state">JSON</a></p>
<h2>Latest contacts</h2><table><tr><th>id</th><th>email</th><th>properties</th></tr>${rows}</table>
<h2>Latest deals</h2><table><tr><th>id</th><th>properties</th></tr>${deals}</table></body></html>`;
}
