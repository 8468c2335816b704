import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { isShopifyConfigured } from "../../shopify.server";

/**
 * The app's public front door. Shopify opens the app with ?shop=…; everyone else sees what
 * ChatLift is and, once the app is configured, a login form for their shop.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) {
    throw redirect(`/app?${url.searchParams.toString()}`);
  }
  return { showForm: isShopifyConfigured() };
}

export default function Landing() {
  const { showForm } = useLoaderData<typeof loader>();
  return (
    <main style={{ fontFamily: "Inter, system-ui, sans-serif", maxWidth: 640, margin: "4rem auto", padding: "0 1rem" }}>
      <h1>ChatLift</h1>
      <p>
        Short storefront conversations that lead to purchases, credited honestly to the orders they produce and synced
        to HubSpot.
      </p>
      {showForm ? (
        <Form method="post" action="/auth/login">
          <label>
            <span>Shop domain </span>
            <input type="text" name="shop" placeholder="example.myshopify.com" />
          </label>{" "}
          <button type="submit">Log in</button>
        </Form>
      ) : (
        <p>This server has no Shopify app credentials yet: see the README&apos;s Configuration section.</p>
      )}
    </main>
  );
}
