/**
 * One app instance for `npm run bench -- scale`: the real storefront events route and the real
 * orders/create webhook route behind node:http, on the DATABASE_URL and REDIS_URL it is given,
 * with no job runner (the bench's workers run the jobs). Prints `listening <port>` when ready.
 * A stand-in for `npm start` that needs no build: the same route modules, Prisma client and limits.
 */
import { createServer, type IncomingMessage } from "node:http";
import { APP_URL } from "@shopify/shopify-api/test-helpers";

const { action: events } = await import("../../app/routes/apps.chatlift.events");
const { action: ordersCreate } = await import("../../app/routes/webhooks.orders.create");

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const server = createServer(async (req, res) => {
  const body = await readBody(req);
  const request = new Request(`${APP_URL}${req.url}`, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body: new Uint8Array(body),
  });
  const action = req.url?.startsWith("/webhooks/orders/create") ? ordersCreate : events;
  let response: Response;
  try {
    response = await action({ request, params: {}, context: {} });
  } catch (thrown) {
    if (!(thrown instanceof Response)) {
      console.error(thrown);
      res.writeHead(500).end();
      return;
    }
    response = thrown;
  }
  res.writeHead(response.status, { "content-type": "application/json" });
  res.end(Buffer.from(await response.arrayBuffer()));
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(`listening ${(server.address() as { port: number }).port}`));
process.once("SIGTERM", () => server.close(() => process.exit(0)));
