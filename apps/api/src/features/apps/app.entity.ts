import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { GroupEntity } from "../groups/group.entity.js";

/** Who may use a registered app (forward auth applies it to the app's hosts). */
export const AppAccessRule = {
  ALL_USERS: "ALL_USERS",
  SUPERUSERS: "SUPERUSERS",
  GROUPS: "GROUPS",
} as const;
export type AppAccessRule = (typeof AppAccessRule)[keyof typeof AppAccessRule];

/**
 * An app registered in the console or over GraphQL (apps declared in GATEHOUSE_APPS live in
 * memory only). Hosts are normalised patterns (see host-pattern.ts); a pattern belongs to one
 * app, which the service enforces under a lock.
 */
@Entity({ name: "apps" })
// GIN over the patterns: forward auth asks "which app holds any of these patterns" per
// request. TypeORM cannot describe a GIN index, so the migration owns it.
@Index("IDX_apps_hosts", { synchronize: false })
export class AppEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "varchar", length: 64 })
  name!: string;

  /** Lower-cased name: names are unique regardless of case. */
  @Index("UQ_apps_name_key", { unique: true })
  @Column({ name: "name_key", type: "varchar", length: 64 })
  nameKey!: string;

  @Column({ type: "text", array: true })
  hosts!: string[];

  @Column({ type: "varchar", length: 16 })
  access!: AppAccessRule;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}

/** The groups an app with the GROUPS rule admits; gone with the app or the group. */
@Entity({ name: "app_groups" })
export class AppGroupEntity {
  @ForeignKey(() => AppEntity, { name: "FK_app_groups_app", onDelete: "CASCADE" })
  @PrimaryColumn({ name: "app_id", type: "uuid" })
  appId!: string;

  @ForeignKey(() => GroupEntity, { name: "FK_app_groups_group", onDelete: "CASCADE" })
  @Index("IDX_app_groups_group")
  @PrimaryColumn({ name: "group_id", type: "uuid" })
  groupId!: string;
}
