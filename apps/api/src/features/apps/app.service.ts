import type { DataSource, EntityManager } from "typeorm";
import type { AppsConfig, DeclaredAppConfig } from "../../config/apps.js";
import { ConfigError } from "../../config/config-error.js";
import type { AuditSink } from "../secrets/secrets.service.js";
import type { AppAccessRule } from "./app.entity.js";
import { appDeclared, appNameTaken, appNotFound, hostTaken, unknownGroups } from "./app.errors.js";
import { type AppInputData, type CheckedAppInput, checkAppInput } from "./app-input.js";

/** An app as the API shows it, declared or stored. */
export interface AppView {
  id: string;
  name: string;
  hosts: string[];
  access: AppAccessRule;
  groupNames: string[];
  declared: boolean;
  createdAt: Date | null;
  updatedAt: Date | null;
}

/** A declared app, with its group names as lower-case keys for matching. */
export interface DeclaredApp extends DeclaredAppConfig {
  groupKeys: string[];
}

/**
 * Creates groups that do not exist yet; answers lower-case name → id. GroupService provides
 * it once h/groups is merged.
 */
export interface GroupNamer {
  ensureNamed(names: string[]): Promise<Map<string, string>>;
}

export const AppAction = {
  CREATED: "app.created",
  UPDATED: "app.updated",
  DELETED: "app.deleted",
} as const;

interface StoredRow {
  id: string;
  name: string;
  hosts: string[];
  access: AppAccessRule;
  group_names: string[];
  created_at: Date;
  updated_at: Date;
}

// Writes take this lock, so two writers cannot both claim one host (the check and the
// insert are separate statements; a text[] column cannot carry a unique constraint per item).
const WRITE_LOCK = 1796000000200;

const STORED = `
  SELECT a.id, a.name, a.hosts, a.access, a.created_at, a.updated_at,
         COALESCE(array_agg(g.name ORDER BY g.name_key) FILTER (WHERE g.id IS NOT NULL), '{}') AS group_names
    FROM apps a
    LEFT JOIN app_groups ag ON ag.app_id = a.id
    LEFT JOIN groups g ON g.id = ag.group_id`;

/** Registered apps: the stored ones (CRUD) and the ones declared in GATEHOUSE_APPS (read-only). */
export class AppService {
  readonly declared: readonly DeclaredApp[];

  constructor(
    private readonly ds: DataSource,
    config: AppsConfig,
    private readonly groups: GroupNamer,
    private readonly audit?: AuditSink,
  ) {
    this.declared = config.declared.map((a) => ({
      ...a,
      groupKeys: a.groups.map((g) => g.toLowerCase()),
    }));
  }

  /**
   * Start-up: creates the declared apps' missing groups, and refuses a declared app whose
   * name or host a stored app already has (the operator must pick which one wins).
   */
  async prepareDeclared(): Promise<void> {
    if (this.declared.length === 0) return;
    const names = [...new Set(this.declared.flatMap((a) => a.groups))];
    if (names.length > 0) await this.groups.ensureNamed(names);
    const stored = await this.listStored();
    for (const d of this.declared) {
      const clash = stored.find((s) => s.name.toLowerCase() === d.name.toLowerCase());
      if (clash) {
        throw new ConfigError(
          `GATEHOUSE_APPS declares "${d.name}", but an app of that name is registered in the console; rename one of them, or delete the registered one.`,
        );
      }
      for (const s of stored) {
        const host = s.hosts.find((h) => d.hosts.includes(h));
        if (host) {
          throw new ConfigError(
            `GATEHOUSE_APPS gives host ${host} to "${d.name}", but the registered app "${s.name}" has it; remove it from one of them.`,
          );
        }
      }
    }
  }

  /** Declared apps first, then stored ones, each by name. */
  async list(): Promise<AppView[]> {
    const declared = [...this.declared].sort((a, b) => a.name.localeCompare(b.name));
    return [...declared.map(declaredView), ...(await this.listStored())];
  }

  async get(id: string): Promise<AppView | null> {
    const d = this.declared.find((a) => a.id === id);
    if (d) return declaredView(d);
    if (!isUuid(id)) return null;
    const rows = (await this.ds.query(`${STORED} WHERE a.id = $1 GROUP BY a.id`, [
      id,
    ])) as StoredRow[];
    return rows[0] ? storedView(rows[0]) : null;
  }

  async create(input: AppInputData, actorId: string, ip?: string | null): Promise<AppView> {
    const app = checkAppInput(input);
    const id = await this.ds.transaction(async (m) => {
      await this.lockAndCheck(m, app, null);
      const groupIds = await this.groupIds(m, app);
      const [row] = (await m.query(
        `INSERT INTO apps (name, name_key, hosts, access) VALUES ($1, $2, $3::text[], $4) RETURNING id`,
        [app.name, app.nameKey, app.hosts, app.access],
      )) as { id: string }[];
      await this.setGroups(m, row!.id, groupIds);
      return row!.id;
    });
    await this.record(AppAction.CREATED, id, app, actorId, ip);
    return (await this.get(id))!;
  }

  async update(
    id: string,
    input: AppInputData,
    actorId: string,
    ip?: string | null,
  ): Promise<AppView> {
    const d = this.declared.find((a) => a.id === id);
    if (d) throw appDeclared(d.name);
    if (!isUuid(id)) throw appNotFound();
    const app = checkAppInput(input);
    await this.ds.transaction(async (m) => {
      await this.lockAndCheck(m, app, id);
      const groupIds = await this.groupIds(m, app);
      const [rows] = (await m.query(
        `UPDATE apps SET name = $2, name_key = $3, hosts = $4::text[], access = $5, updated_at = now()
          WHERE id = $1 RETURNING id`,
        [id, app.name, app.nameKey, app.hosts, app.access],
      )) as [{ id: string }[], number];
      if (rows.length === 0) throw appNotFound();
      await m.query(`DELETE FROM app_groups WHERE app_id = $1`, [id]);
      await this.setGroups(m, id, groupIds);
    });
    await this.record(AppAction.UPDATED, id, app, actorId, ip);
    return (await this.get(id))!;
  }

  /** False when no such stored app existed. */
  async delete(id: string, actorId: string, ip?: string | null): Promise<boolean> {
    const d = this.declared.find((a) => a.id === id);
    if (d) throw appDeclared(d.name);
    const before = await this.get(id);
    if (!before) return false;
    const [rows] = (await this.ds.query(`DELETE FROM apps WHERE id = $1 RETURNING id`, [id])) as [
      { id: string }[],
      number,
    ];
    if (rows.length === 0) return false;
    await this.record(AppAction.DELETED, id, before, actorId, ip);
    return true;
  }

  private async listStored(): Promise<AppView[]> {
    const rows = (await this.ds.query(
      `${STORED} GROUP BY a.id ORDER BY a.name_key`,
    )) as StoredRow[];
    return rows.map(storedView);
  }

  /** Takes the write lock, then refuses a name or host another app (declared or stored) has. */
  private async lockAndCheck(m: EntityManager, app: CheckedAppInput, selfId: string | null) {
    await m.query(`SELECT pg_advisory_xact_lock($1)`, [WRITE_LOCK]);
    const declaredName = this.declared.find((d) => d.name.toLowerCase() === app.nameKey);
    if (declaredName) throw appNameTaken(declaredName.name);
    for (const d of this.declared) {
      const host = app.hosts.find((h) => d.hosts.includes(h));
      if (host) throw hostTaken(host, d.name);
    }
    const named = (await m.query(
      `SELECT name FROM apps WHERE name_key = $1 AND id IS DISTINCT FROM $2::uuid`,
      [app.nameKey, selfId],
    )) as { name: string }[];
    if (named[0]) throw appNameTaken(named[0].name);
    const taken = (await m.query(
      `SELECT a.name, h FROM apps a, unnest(a.hosts) h
        WHERE a.hosts && $1::text[] AND h = ANY($1::text[]) AND a.id IS DISTINCT FROM $2::uuid
        LIMIT 1`,
      [app.hosts, selfId],
    )) as { name: string; h: string }[];
    if (taken[0]) throw hostTaken(taken[0].h, taken[0].name);
  }

  /**
   * Ids of existing groups by name (case-insensitive); unknown names are an input error.
   * Rewrites app.groupNames to the groups' own spelling, for the audit line.
   */
  private async groupIds(m: EntityManager, app: CheckedAppInput): Promise<string[]> {
    if (app.groupNames.length === 0) return [];
    const keys = app.groupNames.map((n) => n.toLowerCase());
    const rows = (await m.query(
      `SELECT id, name, name_key FROM groups WHERE name_key = ANY($1) ORDER BY name_key`,
      [keys],
    )) as { id: string; name: string; name_key: string }[];
    const found = new Set(rows.map((r) => r.name_key));
    const missing = app.groupNames.filter((n) => !found.has(n.toLowerCase()));
    if (missing.length > 0) throw unknownGroups(missing);
    app.groupNames = rows.map((r) => r.name);
    return rows.map((r) => r.id);
  }

  private async setGroups(m: EntityManager, appId: string, groupIds: string[]) {
    if (groupIds.length === 0) return;
    await m.query(
      `INSERT INTO app_groups (app_id, group_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [appId, groupIds],
    );
  }

  private async record(
    action: string,
    id: string,
    app: Pick<CheckedAppInput, "name" | "hosts" | "access" | "groupNames">,
    actorId: string,
    ip?: string | null,
  ): Promise<void> {
    const groups = app.access === "GROUPS" ? ` groups=${app.groupNames.join(",")}` : "";
    await this.audit?.record({
      action,
      actorId,
      targetId: id,
      ip: ip ?? null,
      detail: `name=${app.name} access=${app.access}${groups} hosts=${app.hosts.join(",")}`,
    });
  }
}

const declaredView = (d: DeclaredApp): AppView => ({
  id: d.id,
  name: d.name,
  hosts: d.hosts,
  access: d.access,
  groupNames: d.groups,
  declared: true,
  createdAt: null,
  updatedAt: null,
});

const storedView = (r: StoredRow): AppView => ({
  id: r.id,
  name: r.name,
  hosts: r.hosts,
  access: r.access,
  groupNames: r.group_names,
  declared: false,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const isUuid = (s: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
