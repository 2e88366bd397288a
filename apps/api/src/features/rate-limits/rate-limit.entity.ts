import "reflect-metadata";
import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * One counter per (bucket, key), e.g. ("signin:ip", "203.0.113.9"). Lives in the database so
 * every instance sharing it sees the same counts.
 */
@Entity({ name: "rate_limits" })
export class RateLimitEntity {
  @PrimaryColumn({ type: "varchar", length: 64 })
  bucket!: string;

  @PrimaryColumn({ type: "varchar", length: 255 })
  key!: string;

  @Column({ type: "integer", default: 0 })
  hits!: number;

  @Column({ name: "window_started_at", type: "timestamptz" })
  windowStartedAt!: Date;

  @Column({ name: "locked_until", type: "timestamptz", nullable: true })
  lockedUntil!: Date | null;

  /** Lockouts so far; each one doubles the next lockout. */
  @Column({ type: "integer", default: 0 })
  strikes!: number;

  @Column({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
