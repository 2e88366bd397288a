import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from "typeorm";
import { UserEntity } from "../users/user.entity.js";

/**
 * A user's API key. Holds the key's hash, so it is never a GraphQL type: see api-key.type.ts.
 * Deleted with its user.
 */
@Entity({ name: "api_keys" })
@Index("IDX_api_keys_user", ["userId"])
export class ApiKeyEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @ForeignKey(() => UserEntity, { name: "FK_api_keys_user", onDelete: "CASCADE" })
  @Column({ name: "user_id", type: "uuid" })
  userId!: string;

  @Column({ type: "varchar", length: 64 })
  name!: string;

  /** The key's first characters, shown in lists so a person can tell keys apart. */
  @Column({ type: "varchar", length: 32 })
  prefix!: string;

  /** Hex SHA-256 of the whole key; the key itself is never stored. */
  @Index("UQ_api_keys_token_hash", { unique: true })
  @Column({ name: "token_hash", type: "varchar", length: 64 })
  tokenHash!: string;

  /** Null: not limited to apps. Otherwise only forward auth to these apps (not /graphql). */
  @Column({ name: "app_ids", type: "text", array: true, nullable: true })
  appIds!: string[] | null;

  /** Null: the user's groups. Otherwise forward auth sees at most these groups. */
  @Column({ name: "group_ids", type: "uuid", array: true, nullable: true })
  groupIds!: string[] | null;

  @Column({ name: "expires_at", type: "timestamptz", nullable: true })
  expiresAt!: Date | null;

  @Column({ name: "last_used_at", type: "timestamptz", nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
