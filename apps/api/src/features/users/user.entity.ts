import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";

export type AuthMethodName = "PASSWORD" | "MAGIC_LINK" | "GOOGLE";

/** Holds the password hash, so it is never a GraphQL type: see user.type.ts. */
@Entity({ name: "users" })
// Filtered lists: one ordered range per flag combination (user-list.ts, migration 1795600000400).
@Index("IDX_users_flags_username", ["isActive", "isSuperuser", "emailVerified", "usernameKey"])
export class UserEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "varchar", length: 64 })
  username!: string;

  /** Lower-cased username: uniqueness and look-ups are case-insensitive. */
  @Index("UQ_users_username_key", { unique: true })
  @Column({ name: "username_key", type: "varchar", length: 64 })
  usernameKey!: string;

  /** Shown name (Remote-Name, OIDC `name`); null means "use the username". Stored trimmed. */
  @Column({ name: "display_name", type: "varchar", length: 100, nullable: true })
  displayName!: string | null;

  /** Stored normalised (trimmed, lower-cased). */
  @Index("UQ_users_email", { unique: true })
  @Column({ type: "varchar", length: 254, nullable: true })
  email!: string | null;

  @Column({ name: "email_verified", type: "boolean", default: false })
  emailVerified!: boolean;

  @Column({ name: "is_active", type: "boolean", default: false })
  isActive!: boolean;

  @Column({ name: "is_superuser", type: "boolean", default: false })
  isSuperuser!: boolean;

  @Column({ name: "password_hash", type: "varchar", length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ name: "auth_methods", type: "text", array: true, default: () => "'{}'" })
  authMethods!: AuthMethodName[];

  @Index("UQ_users_google_subject", { unique: true })
  @Column({ name: "google_subject", type: "varchar", length: 255, nullable: true })
  googleSubject!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;

  @Column({ name: "last_login_at", type: "timestamptz", nullable: true })
  lastLoginAt!: Date | null;

  /** Exists only to own API keys (a bot, a CI job): no password, no email, never signs in. */
  @Column({ name: "is_service_account", type: "boolean", default: false })
  isServiceAccount!: boolean;

  /** What the account is for (service accounts); empty for people. */
  @Column({ type: "varchar", length: 256, default: "" })
  description!: string;
}
