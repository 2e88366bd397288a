import "reflect-metadata";
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from "typeorm";
import { UserEntity } from "../users/user.entity.js";

/** A server-side session. Holds the token's hash, so it is never a GraphQL type: see session.type.ts. */
@Entity({ name: "sessions" })
export class SessionEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Index("IDX_sessions_user_id")
  @Column({ name: "user_id", type: "uuid" })
  userId!: string;

  // Deleting a user takes their sessions with them.
  @ManyToOne(() => UserEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "user_id", foreignKeyConstraintName: "FK_sessions_user_id" })
  user?: Relation<UserEntity>;

  /** Hex SHA-256 of the bearer token; the token itself is never stored. */
  @Index("UQ_sessions_token_hash", { unique: true })
  @Column({ name: "token_hash", type: "varchar", length: 64 })
  tokenHash!: string;

  @Column({ type: "varchar", length: 16 })
  method!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  /** The owner's last proof of identity: sign-in, or re-authentication since. */
  @Column({ name: "signed_in_at", type: "timestamptz" })
  signedInAt!: Date;

  @Column({ name: "last_seen_at", type: "timestamptz" })
  lastSeenAt!: Date;

  @Index("IDX_sessions_expires_at")
  @Column({ name: "expires_at", type: "timestamptz" })
  expiresAt!: Date;

  @Column({ name: "user_agent", type: "varchar", length: 512, nullable: true })
  userAgent!: string | null;

  @Column({ name: "ip_address", type: "varchar", length: 64, nullable: true })
  ipAddress!: string | null;
}
