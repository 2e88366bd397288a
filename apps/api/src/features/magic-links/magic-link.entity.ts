import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from "typeorm";
import { UserEntity } from "../users/user.entity.js";

/** How a link came to be: the user asked, a superuser fetched one, or the CLI printed one. */
export type MagicLinkOrigin = "request" | "admin" | "cli";

/** What redeeming the link is for: signing in, or signing in to set a new password. */
export type MagicLinkPurpose = "sign_in" | "reset";

/**
 * pending: mail not yet attempted; manual: no mail provider, or handed to an admin;
 * interrupted: the sending process died mid-send (settled at a later start-up).
 */
export type MagicLinkDeliveryStatus = "pending" | "sent" | "failed" | "manual" | "interrupted";

/** Holds a token hash, so it is never a GraphQL type: see magic-link.type.ts. */
@Entity({ name: "magic_links" })
export class MagicLinkEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "PK_magic_links" })
  id!: string;

  @Index("IDX_magic_links_user_id")
  @Column({ name: "user_id", type: "uuid" })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "user_id", foreignKeyConstraintName: "FK_magic_links_user" })
  user?: Relation<UserEntity>;

  /** SHA-256 of the token, hex. The token itself is never stored. */
  @Index("UQ_magic_links_token_hash", { unique: true })
  @Column({ name: "token_hash", type: "varchar", length: 64 })
  tokenHash!: string;

  @Column({ type: "varchar", length: 16 })
  origin!: MagicLinkOrigin;

  /** The superuser who fetched it (origin admin); null otherwise. */
  @Column({ name: "actor_id", type: "uuid", nullable: true })
  actorId!: string | null;

  // Times come from the injected clock, so they carry no database default.
  @Column({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @Column({ name: "expires_at", type: "timestamptz" })
  expiresAt!: Date;

  @Column({ name: "used_at", type: "timestamptz", nullable: true })
  usedAt!: Date | null;

  /** Set when a newer link for the same user replaced this one. */
  @Column({ name: "superseded_at", type: "timestamptz", nullable: true })
  supersededAt!: Date | null;

  @Column({ type: "varchar", length: 16, default: "sign_in" })
  purpose!: MagicLinkPurpose;

  @Column({ type: "varchar", length: 16 })
  delivery!: MagicLinkDeliveryStatus;

  /** Why mail failed (provider status and message); never the link. */
  @Column({ name: "delivery_error", type: "varchar", length: 300, nullable: true })
  deliveryError!: string | null;

  @Column({ name: "delivery_attempts", type: "integer", default: 0 })
  deliveryAttempts!: number;

  @Column({ name: "delivery_updated_at", type: "timestamptz", nullable: true })
  deliveryUpdatedAt!: Date | null;

  /** Where the browser goes after sign-in (a console path or an allowed app URL), or null. */
  @Column({ name: "return_to", type: "varchar", length: 2048, nullable: true })
  returnTo!: string | null;
}
