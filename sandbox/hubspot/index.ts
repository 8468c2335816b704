export { startHubSpotSandbox, type Fault, type HubSpotSandbox, type SandboxOptions } from "./server";
export type { RecordedRequest, SandboxSnapshot } from "./page";
