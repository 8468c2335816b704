/**
 * Test databases made the way production makes them: the real `prisma migrate deploy`, through
 * scripts/migrated-database.ts (one copy, shared with the benches and the demo). PostgreSQL
 * copies per test file: postgres-databases.ts.
 */
export { freshSqliteUrl, migrateDatabase, projectRoot } from "../../scripts/migrated-database";
