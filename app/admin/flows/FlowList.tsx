import { Form, Link, useNavigation } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, DataTable, IndexTable, InlineGrid, Text } from "@shopify/polaris";
import type { FlowSummary, PublicationEntry } from "../../flows/flows.server";
import { TeachingEmptyState } from "../ui/EmptyState";

export function FlowList({ flows }: { flows: FlowSummary[] }) {
  if (!flows.length) {
    return (
      <TeachingEmptyState heading="No flows yet">
        A flow is a short conversation the widget starts on your storefront: size help, a coupon, an email signup. Start
        from a template below, adjust the words, preview it, then publish.
      </TeachingEmptyState>
    );
  }
  return (
    <Card padding="0">
      <IndexTable
        resourceName={{ singular: "flow", plural: "flows" }}
        itemCount={flows.length}
        selectable={false}
        headings={[{ title: "Flow" }, { title: "Id" }, { title: "Status" }, { title: "Last change" }]}
      >
        {flows.map((flow, index) => (
          <IndexTable.Row id={flow.id} key={flow.id} position={index}>
            <IndexTable.Cell>
              <Link to={`/app/flows/${flow.id}`}>{flow.name}</Link>
            </IndexTable.Cell>
            <IndexTable.Cell>{flow.id}</IndexTable.Cell>
            <IndexTable.Cell>
              {flow.publishedVersion === null ? (
                <Badge>Draft, never published</Badge>
              ) : (
                <Badge
                  tone={flow.unpublishedChanges ? "attention" : "success"}
                >{`Version ${flow.publishedVersion}${flow.unpublishedChanges ? ", unpublished changes" : " live"}`}</Badge>
              )}
              {flow.enabled ? null : <Badge tone="critical">Off</Badge>}
            </IndexTable.Cell>
            <IndexTable.Cell>{flow.updatedAt.slice(0, 10)}</IndexTable.Cell>
          </IndexTable.Row>
        ))}
      </IndexTable>
    </Card>
  );
}

export function FlowTemplatePicker({
  templates,
}: {
  templates: { key: string; title: string; description: string }[];
}) {
  const creating = useNavigation().formData?.get("template");
  return (
    <BlockStack gap="300">
      <Text as="h2" variant="headingMd">
        Start a flow from a template
      </Text>
      <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
        {templates.map((template) => (
          <Card key={template.key}>
            <BlockStack gap="200" inlineAlign="start">
              <Text as="h3" variant="headingSm">
                {template.title}
              </Text>
              <Text as="p" tone="subdued">
                {template.description}
              </Text>
              <Form method="post">
                <input type="hidden" name="intent" value="create" />
                <input type="hidden" name="template" value={template.key} />
                <Button
                  submit
                  accessibilityLabel={`Use the ${template.title} template`}
                  loading={creating === template.key}
                >
                  Use template
                </Button>
              </Form>
            </BlockStack>
          </Card>
        ))}
      </InlineGrid>
    </BlockStack>
  );
}

/** What was written to the storefront and why: every publish, rollback and experiment change. */
export function FlowPublications({ publications }: { publications: PublicationEntry[] }) {
  if (!publications.length) return null;
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Storefront publications
        </Text>
        <DataTable
          columnContentTypes={["text", "text"]}
          headings={["When (UTC)", "What changed"]}
          rows={publications.map((entry) => [entry.publishedAt.slice(0, 16).replace("T", " "), entry.reason])}
        />
      </BlockStack>
    </Card>
  );
}
