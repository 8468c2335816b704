/**
 * What an admin page shows when the server has no Shopify credentials yet: plain HTML, because
 * neither App Bridge nor Polaris can start without an API key.
 */
export function NotConfigured({ message }: { message: string }) {
  return (
    <main style={{ fontFamily: "Inter, system-ui, sans-serif", maxWidth: 640, margin: "4rem auto", padding: "0 1rem" }}>
      <h1 style={{ fontSize: "1.25rem" }}>ChatLift is running, but not connected to Shopify yet</h1>
      <p>{message}</p>
      <p>
        The health check at <code>/healthz</code> works without these settings.
      </p>
    </main>
  );
}
