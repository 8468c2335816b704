/**
 * Every CRM object endpoint of the sandbox, in one list for server.ts: contacts (contact-routes.ts),
 * deals and tasks (deal-task-routes.ts), associations, pipelines and owners (association-routes.ts).
 */
import { associationRoutes } from "./association-routes";
import { contactRoutes } from "./contact-routes";
import { dealTaskRoutes } from "./deal-task-routes";
import type { Route } from "./routing";

export const objectRoutes: Route[] = [...contactRoutes, ...dealTaskRoutes, ...associationRoutes];
