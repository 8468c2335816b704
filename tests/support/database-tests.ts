/**
 * Which test files can depend on the database provider: the PostgreSQL run (`npm run test:pg`)
 * runs only these, since a test that never reaches the database passes or fails the same on both.
 * Derived from the code, not a list kept by hand: a test file is a database test when its imports
 * (followed through the repository's own files), or the repository scripts it starts by path (a
 * process spawned with "scripts/worker.ts", "sandbox/admin-harness/server.ts", …), lead to the app's
 * Prisma client (app/db.server.ts), a generated Prisma client, or the @prisma/* and pg packages.
 * The other files run with a DATABASE_URL that cannot be opened (tests/support/env.ts), so a file
 * this misses fails in every SQLite run instead of silently skipping PostgreSQL.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Reaching one of these is reaching the database. */
const DATABASE_MODULES = [/^app\/db\.server\.ts$/, /^app\/generated\/prisma\//];
const DATABASE_PACKAGES = /^(@prisma\/|pg$|pg\/)/;

const IMPORTS = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;
/** A quoted path to a script in the repository: what a test hands to spawn/fork/execFile. */
const SCRIPT_PATHS = /["'`]([\w@.][\w@./-]*\.(?:ts|tsx|mjs|js))["'`]/g;
const STARTS_PROCESSES = /node:child_process|["']child_process["']/;

function resolveFile(from: string, specifier: string): string | undefined {
  const base = path.resolve(from, specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}.js`, `${base}.mjs`, path.join(base, "index.ts")];
  if (base.endsWith(".js")) candidates.unshift(`${base.slice(0, -3)}.ts`);
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

type Module = { database: boolean; next: string[] };

/** What one file reaches directly: the database itself, or other repository files. */
function readModule(root: string, file: string): Module {
  const relative = path.relative(root, file).split(path.sep).join("/");
  if (DATABASE_MODULES.some((pattern) => pattern.test(relative))) return { database: true, next: [] };
  const source = readFileSync(file, "utf8");
  const next: string[] = [];
  for (const [, specifier] of source.matchAll(IMPORTS)) {
    if (DATABASE_PACKAGES.test(specifier!)) return { database: true, next: [] };
    const target = specifier!.startsWith(".") ? resolveFile(path.dirname(file), specifier!) : undefined;
    if (target) next.push(target);
  }
  if (STARTS_PROCESSES.test(source))
    for (const [, script] of source.matchAll(SCRIPT_PATHS)) {
      const target = resolveFile(path.dirname(file), script!) ?? resolveFile(root, script!);
      if (target) next.push(target);
    }
  const inRepo = (target: string) => !path.relative(root, target).split(path.sep).includes("node_modules");
  return { database: false, next: next.filter(inRepo) };
}

function touchesDatabase(root: string, testFile: string, modules: Map<string, Module>): boolean {
  const seen = new Set<string>();
  const pending = [testFile];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    let module = modules.get(file);
    if (!module) modules.set(file, (module = readModule(root, file)));
    if (module.database) return true;
    pending.push(...module.next);
  }
  return false;
}

function testFilesUnder(root: string, folder: string): string[] {
  const full = path.join(root, folder);
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return testFilesUnder(root, relative);
    return entry.name.endsWith(".test.ts") ? [relative] : [];
  });
}

/** Every test file under tests/, split by whether it can reach the database (paths relative to root). */
export function databaseTestFiles(root: string): { database: string[]; other: string[] } {
  const modules = new Map<string, Module>();
  const database: string[] = [];
  const other: string[] = [];
  for (const file of testFilesUnder(root, "tests").sort())
    (touchesDatabase(root, path.join(root, file), modules) ? database : other).push(file);
  return { database, other };
}
