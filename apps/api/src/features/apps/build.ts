import type { DataSource } from "typeorm";
import type { Config } from "../../config/config.js";
import type { AuditSink } from "../secrets/secrets.service.js";
import { AppService, type GroupNamer } from "./app.service.js";
import { AppAccessService } from "./app-access.service.js";

export interface AppServices {
  apps: AppService;
  /** AccessPolicy and ReturnHosts for forward auth and the return-to-app checks. */
  appAccess: AppAccessService;
}

export function buildApps(
  config: Config,
  dataSource: DataSource,
  groups: GroupNamer,
  audit: AuditSink,
): AppServices {
  const apps = new AppService(dataSource, config.apps, groups, audit);
  return {
    apps,
    appAccess: new AppAccessService(dataSource, apps.declared, config.apps.forwardAuthDefault),
  };
}
