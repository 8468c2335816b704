// No import cycles, type-only ones included: the one architecture rule that ESLint cannot hold (import-x/no-cycle
// skips `import type` by design), so `npm run lint` runs dependency-cruiser for it after ESLint. The other never-rules
// live in eslint.config.js; tests/unit/architecture plants a cycle to prove this one still fires.
/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment:
        "A cycle, even through a type, means two modules know each other: neither can be read, tested or moved alone. " +
        "Move the shared shape beside the lower of the two.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Type-only imports, `import type` and JSDoc `import("…")` types alike, are edges too.
    tsPreCompilationDeps: true,
    detectJSDocImports: true,
    parser: "tsc",
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    // Generated and built code, and the files tests/unit/architecture plants for a moment (its test cruises them itself).
    exclude: { path: "^(node_modules|build|app/generated|extensions/[^/]+/assets|\\.cache|artifacts)/|__planted__" },
    enhancedResolveOptions: {
      extensions: [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".cjs", ".json"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
