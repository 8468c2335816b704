export { startHubSpotSandbox, type Fault, type HubSpotSandbox, type RecordedRequest, type SandboxOptions } from "./server";
export type { SandboxSnapshot } from "./page";
