/**
 * What the flow editor's action answers, shared by the route that sends it and the page that shows it.
 * It lives beside the page's parts so the parts never import their route (routes sit above admin/).
 */
export type FlowActionResult =
  | { kind: "saved" | "published" | "rolled_back"; version: number | null }
  | { kind: "invalid"; errors: { path: string; message: string; where: string }[]; fieldErrors: Record<string, string> }
  | { kind: "refused"; message: string };
