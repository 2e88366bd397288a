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
import { SessionEntity } from "../sessions/session.entity.js";

/**
 * What oidc-provider persists (sessions, interactions, codes, tokens, grants, device codes):
 * one JSON payload per (model, id), shared by every instance. Expired rows are pruned.
 */
@Entity({ name: "oidc_payloads" })
@Index("IDX_oidc_payloads_grant_id", ["grantId"])
@Index("IDX_oidc_payloads_user_code", ["userCode"])
@Index("IDX_oidc_payloads_uid", ["uid"])
@Index("IDX_oidc_payloads_expires_at", ["expiresAt"])
export class OidcPayloadEntity {
  @PrimaryColumn({ type: "varchar", length: 32 })
  model!: string;

  @PrimaryColumn({ type: "varchar", length: 255 })
  id!: string;

  @Column({ type: "jsonb" })
  payload!: Record<string, unknown>;

  @Column({ name: "grant_id", type: "varchar", length: 255, nullable: true })
  grantId!: string | null;

  @Column({ name: "user_code", type: "varchar", length: 255, nullable: true })
  userCode!: string | null;

  @Column({ type: "varchar", length: 255, nullable: true })
  uid!: string | null;

  @Column({ name: "expires_at", type: "timestamptz", nullable: true })
  expiresAt!: Date | null;

  @Column({ name: "consumed_at", type: "timestamptz", nullable: true })
  consumedAt!: Date | null;
}

/**
 * Token signing keys. The private JWK is a Fernet ciphertext under the secret key ring
 * (rotateSecretKey re-encrypts it); the public JWK is kept in clear for the JWKS.
 */
@Entity({ name: "oidc_signing_keys" })
export class OidcSigningKeyEntity {
  /** The JWK `kid`. */
  @PrimaryColumn({ type: "varchar", length: 64 })
  kid!: string;

  @Column({ type: "varchar", length: 8 })
  alg!: string;

  @Column({ type: "text" })
  ciphertext!: string;

  @Column({ name: "key_fingerprint", type: "varchar", length: 32 })
  keyFingerprint!: string;

  @Column({ name: "public_jwk", type: "jsonb" })
  publicJwk!: Record<string, unknown>;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  /** Set when a newer key replaced it: still published (not used to sign) until the grace ends. */
  @Column({ name: "retired_at", type: "timestamptz", nullable: true })
  retiredAt!: Date | null;
}

/** Relying parties. Secrets are stored as SHA-256 only. */
@Entity({ name: "oidc_clients" })
export class OidcClientEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Index("UQ_oidc_clients_client_id", { unique: true })
  @Column({ name: "client_id", type: "varchar", length: 64 })
  clientId!: string;

  @Column({ type: "varchar", length: 128 })
  name!: string;

  @Column({ name: "secret_hash", type: "varchar", length: 64, nullable: true })
  secretHash!: string | null;

  /** The secret replaced by the last rotation, accepted until previousSecretExpiresAt. */
  @Column({ name: "previous_secret_hash", type: "varchar", length: 64, nullable: true })
  previousSecretHash!: string | null;

  @Column({ name: "previous_secret_expires_at", type: "timestamptz", nullable: true })
  previousSecretExpiresAt!: Date | null;

  @Column({ name: "redirect_uris", type: "text", array: true, default: () => "'{}'" })
  redirectUris!: string[];

  @Column({ name: "post_logout_redirect_uris", type: "text", array: true, default: () => "'{}'" })
  postLogoutRedirectUris!: string[];

  /** Public clients (SPAs, CLIs, mobile) have no secret and must use PKCE. */
  @Column({ name: "is_public", type: "boolean", default: false })
  isPublic!: boolean;

  /** First-party clients skip the consent screen. */
  @Column({ name: "first_party", type: "boolean", default: false })
  firstParty!: boolean;

  @Column({ name: "grant_types", type: "text", array: true, default: () => "'{}'" })
  grantTypes!: string[];

  /** "opaque" or "jwt" (RFC 9068). */
  @Column({ name: "access_token_format", type: "varchar", length: 8, default: "opaque" })
  accessTokenFormat!: string;

  /** The registered app this client belongs to (apps feature); stored, not enforced yet. */
  @Column({ name: "app_id", type: "varchar", length: 128, nullable: true })
  appId!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}

/**
 * The Gatehouse session a grant was given in: revoking (or pruning) the session deletes the
 * link, and tokens of an unlinked grant are refused (findAccount).
 */
@Entity({ name: "oidc_grant_sessions" })
export class OidcGrantSessionEntity {
  @PrimaryColumn({ name: "grant_id", type: "varchar", length: 255 })
  grantId!: string;

  @Index("IDX_oidc_grant_sessions_session")
  @ForeignKey(() => SessionEntity, { name: "FK_oidc_grant_sessions_session", onDelete: "CASCADE" })
  @Column({ name: "session_id", type: "uuid" })
  sessionId!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
