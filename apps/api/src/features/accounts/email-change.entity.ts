import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from "typeorm";
import { UserEntity } from "../users/user.entity.js";

/**
 * A user's own request to change their email, waiting for the click in the new mailbox.
 * Holds a token hash, so it is never a GraphQL type.
 */
@Entity({ name: "email_changes" })
export class EmailChangeEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "PK_email_changes" })
  id!: string;

  @Index("IDX_email_changes_user_id")
  @ForeignKey(() => UserEntity, { name: "FK_email_changes_user", onDelete: "CASCADE" })
  @Column({ name: "user_id", type: "uuid" })
  userId!: string;

  /** Normalised like users.email. */
  @Column({ name: "new_email", type: "varchar", length: 254 })
  newEmail!: string;

  /** SHA-256 of the token, hex. */
  @Index("UQ_email_changes_token_hash", { unique: true })
  @Column({ name: "token_hash", type: "varchar", length: 64 })
  tokenHash!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @Column({ name: "expires_at", type: "timestamptz" })
  expiresAt!: Date;

  @Column({ name: "used_at", type: "timestamptz", nullable: true })
  usedAt!: Date | null;
}
