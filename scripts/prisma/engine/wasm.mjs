/**
 * Loads Prisma's schema engine compiled to wasm (@prisma/schema-engine-wasm).
 *
 * The package's entry point does `import * as wasm from "./schema_engine_bg.wasm"`, which only a
 * bundler understands; Node (20 and 22) refuses it. So we instantiate the .wasm file ourselves and
 * wire it to the package's JS glue exactly the way that entry point would.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** @typedef {typeof import("@prisma/schema-engine-wasm")} WasmGlue */

/** @type {Promise<WasmGlue> | undefined} */
let loading;

/** @returns {Promise<WasmGlue>} the glue module with `SchemaEngine` and `version`, ready to use */
export function loadSchemaEngineWasm() {
  loading ??= (async () => {
    // The package's "exports" lists only its JS files: find the .wasm next to the glue.
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    /** @type {WasmGlue & { __wbg_set_wasm(exports: WebAssembly.Exports): void }} */
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    /** @type {() => void} */ (instance.exports.__wbindgen_start)();
    return glue;
  })();
  return loading;
}
