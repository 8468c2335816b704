-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Shop" (
    "domain" TEXT NOT NULL PRIMARY KEY,
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "currency" TEXT,
    "attributionWindowDays" INTEGER NOT NULL DEFAULT 7,
    "attributionModel" TEXT NOT NULL DEFAULT 'last_touch',
    "holdoutPercent" INTEGER NOT NULL DEFAULT 10,
    "armSalt" TEXT,
    "consentMode" TEXT NOT NULL DEFAULT 'explicit',
    "ordersReconciledUntil" DATETIME,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "retentionDays" INTEGER NOT NULL DEFAULT 395,
    "widgetAppearance" TEXT,
    "answersEnabled" BOOLEAN NOT NULL DEFAULT true,
    "answerThreshold" REAL
);
INSERT INTO "new_Shop" ("armSalt", "attributionModel", "attributionWindowDays", "consentMode", "currency", "domain", "holdoutPercent", "installedAt", "ordersReconciledUntil", "retentionDays", "timeZone", "uninstalledAt", "updatedAt", "widgetAppearance") SELECT "armSalt", "attributionModel", "attributionWindowDays", "consentMode", "currency", "domain", "holdoutPercent", "installedAt", "ordersReconciledUntil", "retentionDays", "timeZone", "uninstalledAt", "updatedAt", "widgetAppearance" FROM "Shop";
DROP TABLE "Shop";
ALTER TABLE "new_Shop" RENAME TO "Shop";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
