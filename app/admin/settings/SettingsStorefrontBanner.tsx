/** After a save: the save itself, and whether the storefront got it (if not, why: the save stands). */
import { Banner } from "@shopify/polaris";
import type { StorefrontUpdate } from "./settings-storefront";

type Props = {
  /** What was saved, as the banner's first word: "Settings", "Appearance". */
  subject: string;
  storefront: StorefrontUpdate | undefined;
  /** Said when nothing is published yet, e.g. when the storefront will get it. */
  beforeFirstPublish?: string;
};

export function SettingsStorefrontBanner({ subject, storefront, beforeFirstPublish }: Props) {
  if (storefront?.status === "failed") {
    return (
      <Banner tone="warning" title={`${subject} saved, but your storefront was not updated`}>
        <p>{storefront.reason}</p>
        <p>Save again to retry.</p>
      </Banner>
    );
  }
  if (storefront?.status === "updated")
    return <Banner tone="success" title={`${subject} saved and published to your storefront`} />;
  if (storefront?.status === "not_published" && beforeFirstPublish)
    return <Banner tone="success" title={`${subject} saved: ${beforeFirstPublish}`} />;
  return <Banner tone="success" title={`${subject} saved`} />;
}
