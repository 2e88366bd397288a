import "reflect-metadata";
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * One security-relevant event. Append-only: nothing updates or deletes these rows.
 * No foreign keys, so the trail outlives the users and sessions it mentions.
 */
@Entity({ name: "audit_events" })
@Index("IDX_audit_events_action_id", ["action", "id"])
@Index("IDX_audit_events_target_id_id", ["targetId", "id"])
@Index("IDX_audit_events_actor_id_id", ["actorId", "id"])
export class AuditEventEntity {
  /** Monotonic, so it doubles as the newest-first pagination cursor. */
  @PrimaryGeneratedColumn("increment", { type: "bigint" })
  id!: string;

  @CreateDateColumn({ name: "at", type: "timestamptz" })
  at!: Date;

  @Column({ type: "varchar", length: 64 })
  action!: string;

  @Column({ name: "actor_id", type: "varchar", length: 64, nullable: true })
  actorId!: string | null;

  /** The actor's username when the row was written: kept after a rename or deletion. */
  @Column({ name: "actor_username", type: "varchar", length: 64, nullable: true })
  actorUsername!: string | null;

  @Column({ name: "target_id", type: "varchar", length: 128, nullable: true })
  targetId!: string | null;

  /** The target's username when the target is a user (see actorUsername). */
  @Column({ name: "target_username", type: "varchar", length: 64, nullable: true })
  targetUsername!: string | null;

  @Column({ name: "ip_address", type: "varchar", length: 64, nullable: true })
  ipAddress!: string | null;

  @Column({ type: "varchar", length: 500, nullable: true })
  detail!: string | null;
}
