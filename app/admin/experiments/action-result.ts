/**
 * What the experiment page's action answers, shared by the route that sends it and the page that shows it.
 * It lives beside the page's parts so the parts never import their route (routes sit above admin/).
 */
export type ExperimentActionResult =
  { ok: true; done: "start" | "stop" | "declare_winner" } | { ok: false; message: string };
