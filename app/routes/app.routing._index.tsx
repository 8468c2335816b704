import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, List, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { requireAdmin } from "../admin/ui/session.server";
import { describeProblems } from "../platform/validation/zod-errors";
import { problemsByRule } from "../admin/routing/editor";
import { changeRules, readRoutingPage, type ChangeOutcome } from "../admin/routing/rules.server";
import { previewRules } from "../admin/routing/dry-run.server";
import { RoutingRuleList } from "../admin/routing/RoutingRuleList";
import { DryRunCard } from "../admin/routing/DryRunCard";
import { applyToExistingLeads } from "../routing/apply-existing.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return readRoutingPage(shop);
}

const version = z.coerce.number().int().min(0);
const ruleId = z.string().min(1).max(64);
const days = z.coerce.number().int().min(1, "at least 1 day").max(90, "at most 90 days");
const formSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("move"), ruleId, direction: z.enum(["up", "down"]), baseVersion: version }),
  z.object({
    intent: z.literal("enable"),
    ruleId,
    enabled: z.enum(["true", "false"]).transform((value) => value === "true"),
    baseVersion: version,
  }),
  z.object({ intent: z.literal("delete"), ruleId, baseVersion: version }),
  z.object({ intent: z.literal("activate"), version: version.min(1) }),
  z.object({ intent: z.literal("preview"), version: version.min(1), days }),
  /** The leads the dry run of the live version covered, queued for routing by it. */
  z.object({ intent: z.literal("apply"), version: version.min(1), days }),
]);

const STATUS: Record<ChangeOutcome["kind"], number> = {
  saved: 200,
  activated: 200,
  invalid: 422,
  conflict: 409,
  not_found: 404,
};

export async function action({ request }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const parsed = formSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data({ kind: "bad_request" as const, message: describeProblems(parsed.error) }, { status: 400 });
  if (parsed.data.intent === "preview") {
    const preview = await previewRules(shop, parsed.data.version, parsed.data.days);
    return data({ kind: "preview" as const, preview }, { status: preview.kind === "report" ? 200 : 404 });
  }
  if (parsed.data.intent === "apply") {
    const applied = await applyToExistingLeads(shop, parsed.data);
    return data({ kind: "apply" as const, applied }, { status: applied.kind === "queued" ? 200 : 409 });
  }
  const outcome = await changeRules(shop, parsed.data);
  return data({ kind: "change" as const, outcome }, { status: STATUS[outcome.kind] });
}

function outcomeBanner(outcome: ChangeOutcome) {
  switch (outcome.kind) {
    case "saved":
      return <Banner tone="success" title={`Saved as version ${outcome.version}`} />;
    case "activated":
      return (
        <Banner tone="success" title={`Version ${outcome.version} is live: new leads are routed by it`}>
          <p>Existing leads keep their routing until they change: run the dry run below, then apply it to them.</p>
        </Banner>
      );
    case "conflict":
      return (
        <Banner
          tone="warning"
          title={`Someone saved version ${outcome.latestVersion} meanwhile: the list now shows it, make your change again`}
        />
      );
    case "not_found":
      return <Banner tone="critical" title={outcome.message} />;
    case "invalid":
      return (
        <Banner tone="critical" title="Not saved: the rules have errors">
          <List type="bullet">
            {outcome.errors.map((error) => (
              <List.Item key={`${error.path}${error.message}`}>{`${error.path}: ${error.message}`}</List.Item>
            ))}
          </List>
        </Banner>
      );
  }
}

export default function RoutingRules() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const rules = page.latest.ruleSet?.rules ?? [];
  const flags = page.references.kind === "checked" ? problemsByRule(page.references.problems) : {};
  const draft = page.latest.version > 0 && page.latest.version !== page.liveVersion;
  return (
    <Page
      title="Routing rules"
      primaryAction={{ content: "New rule", url: "/app/routing/edit/new" }}
      secondaryActions={[{ content: "Decision log", url: "/app/routing/decisions" }]}
    >
      <TitleBar title="Routing rules" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result?.kind === "change" ? outcomeBanner(result.outcome) : null}
            {result?.kind === "bad_request" ? <Banner tone="critical" title={result.message} /> : null}
            {page.references.kind === "not_connected" ? (
              <Banner tone="info" title="HubSpot is not connected">
                <p>
                  Rules are checked against your HubSpot owners, pipelines and stages once you{" "}
                  <Link to="/app/hubspot">connect HubSpot</Link>.
                </p>
              </Banner>
            ) : null}
            {page.references.kind === "unavailable" ? (
              <Banner tone="warning" title={`Rules could not be checked against HubSpot: ${page.references.message}`} />
            ) : null}
            {page.references.kind === "checked" && page.references.notChecked.length > 0 ? (
              <Banner
                tone="warning"
                title="Some HubSpot lists could not be read, so rules were not checked against them"
              >
                <List type="bullet">
                  {page.references.notChecked.map((line) => (
                    <List.Item key={line}>{line}</List.Item>
                  ))}
                </List>
              </Banner>
            ) : null}
            <Card>
              <InlineStack align="space-between" blockAlign="center">
                <Text as="p">
                  {page.latest.version === 0
                    ? "No rules saved yet."
                    : page.liveVersion === null
                      ? `Version ${page.latest.version} is saved but not live: no lead is routed yet.`
                      : draft
                        ? `Version ${page.liveVersion} is live. Your latest changes (version ${page.latest.version}) are not live yet: preview them below, then make them live.`
                        : `Version ${page.latest.version} is live.`}
                </Text>
                {draft ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="activate" />
                    <input type="hidden" name="version" value={page.latest.version} />
                    <Button
                      submit
                      variant="primary"
                      disabled={busy}
                    >{`Make version ${page.latest.version} live`}</Button>
                  </Form>
                ) : null}
              </InlineStack>
            </Card>
            {draft && Object.keys(flags).length > 0 ? (
              <Banner
                tone="warning"
                title={`Before making version ${page.latest.version} live: ${Object.keys(flags).length} of its rules name owners, pipelines or stages HubSpot does not have`}
              >
                <p>They are marked below. Fix the rule, or add what it names in HubSpot, then make the version live.</p>
              </Banner>
            ) : null}
            <RoutingRuleList rules={rules} version={page.latest.version} flags={flags} busy={busy} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <DryRunCard
            latestVersion={page.latest.version}
            liveVersion={page.liveVersion}
            busy={busy}
            preview={result?.kind === "preview" ? result.preview : undefined}
            applied={result?.kind === "apply" ? result.applied : undefined}
          />
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Start from a template
              </Text>
              {page.templates.map((template) => (
                <InlineStack key={template.id} align="space-between" blockAlign="center" gap="300" wrap={false}>
                  <BlockStack gap="050">
                    <Text as="h3" variant="headingSm">
                      {template.title}
                    </Text>
                    <Text as="p" tone="subdued">
                      {template.description}
                    </Text>
                  </BlockStack>
                  <Link
                    to={`/app/routing/edit/new?template=${template.id}`}
                    aria-label={`Use template: ${template.title}`}
                  >
                    Use
                  </Link>
                </InlineStack>
              ))}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Versions
              </Text>
              {page.versions.map((stored) => (
                <Text as="p" key={stored.version}>
                  {`Version ${stored.version} · saved ${new Date(stored.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC${stored.active ? " · live" : ""}`}
                </Text>
              ))}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
