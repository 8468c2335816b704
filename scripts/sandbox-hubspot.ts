/**
 * `npm run sandbox:hubspot -- [--port 4010] [--limit 110] [--daily 250000] [--custom-events]`:
 * the HubSpot sandbox as a standalone server for the demo. GET /__sandbox lists what it holds.
 */
import { parseArgs } from "node:util";
import { startHubSpotSandbox } from "../sandbox/hubspot";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    limit: { type: "string", default: "110" },
    daily: { type: "string", default: "250000" },
    "custom-events": { type: "boolean", default: false },
    "time-zone": { type: "string", default: "UTC" },
  },
});

const tenSecondLimit = Number(values.limit);
if (![100, 110, 190].includes(tenSecondLimit))
  console.warn(`note: HubSpot's limits are 100, 110 or 190 per 10 s; using ${tenSecondLimit}`);

const sandbox = await startHubSpotSandbox({
  port: Number(values.port),
  tenSecondLimit,
  dailyLimit: Number(values.daily),
  customEvents: values["custom-events"],
  timeZone: values["time-zone"],
});
console.log(
  `HubSpot sandbox on ${sandbox.url} (portal ${sandbox.state.portalId}, ${tenSecondLimit} requests / 10 s, custom events ${values["custom-events"] ? "on" : "off"})`,
);
console.log(`static token: pat-sandbox · OAuth client: ${sandbox.account.clientId} / ${sandbox.account.clientSecret}`);
console.log(`what it holds: ${sandbox.url}/__sandbox (JSON: ${sandbox.url}/__sandbox/state)`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
