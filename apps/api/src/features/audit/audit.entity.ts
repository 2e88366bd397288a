import "reflect-metadata";
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * One security-relevant event. Append-only: nothing updates or deletes these rows.
 * No foreign keys, so the trail outlives the users and sessions it mentions.
 */
@Entity({ name: "audit_events" })
@Index("IDX_audit_events_action_id", ["action", "id"])
@Index("IDX_audit_events_target_id_id", ["targetId", "id"])
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

  @Column({ name: "target_id", type: "varchar", length: 128, nullable: true })
  targetId!: string | null;

  @Column({ name: "ip_address", type: "varchar", length: 64, nullable: true })
  ipAddress!: string | null;

  @Column({ type: "varchar", length: 500, nullable: true })
  detail!: string | null;
}
