/**
 * Facts read from the committed theme app extension: the built asset sizes (what Shopify
 * serves) and the app embed's block handle (the file name of the block).
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { widgetWeight, type WidgetWeight } from "./widget-weight";

const extensionDir = () => path.resolve(process.env.CHATLIFT_EXTENSION_DIR ?? "extensions/chatlift");

export async function measureWidgetWeight(dir = extensionDir()): Promise<WidgetWeight | null> {
  try {
    const [loader, ui] = await Promise.all([
      stat(path.join(dir, "assets/chatlift.js")),
      stat(path.join(dir, "assets/chatlift-ui.js")),
    ]);
    return widgetWeight(loader.size, ui.size);
  } catch {
    // A deployment without the extension folder (it ships to Shopify, not to the app host).
    return null;
  }
}

/** The app embed block's handle: its Liquid file name without the extension. */
export async function appEmbedHandle(dir = extensionDir()): Promise<string> {
  try {
    const blocks = (await readdir(path.join(dir, "blocks"))).filter((file) => file.endsWith(".liquid")).sort();
    if (blocks[0]) return blocks[0].slice(0, -".liquid".length);
  } catch {
    // fall through to the handle the repository ships
  }
  return "chatlift-embed";
}
