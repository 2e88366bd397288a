import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * One pending "Sign in with Google" redirect. Lives in the database so any instance can
 * finish a flow another one started. Holds the PKCE verifier, so never a GraphQL type.
 */
@Entity({ name: "google_oauth_states" })
export class OAuthStateEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "PK_google_oauth_states" })
  id!: string;

  /** SHA-256 of the `state` parameter, hex. */
  @Index("UQ_google_oauth_states_state_hash", { unique: true })
  @Column({ name: "state_hash", type: "varchar", length: 64 })
  stateHash!: string;

  /** SHA-256 of the random value in the browser's flow cookie: binds the state to that browser. */
  @Column({ name: "browser_hash", type: "varchar", length: 64 })
  browserHash!: string;

  @Column({ name: "code_verifier", type: "varchar", length: 128 })
  codeVerifier!: string;

  /** Echoed inside the ID token; checked so a token minted for another flow is refused. */
  @Column({ type: "varchar", length: 64 })
  nonce!: string;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @Index("IDX_google_oauth_states_expires_at")
  @Column({ name: "expires_at", type: "timestamptz" })
  expiresAt!: Date;

  @Column({ name: "used_at", type: "timestamptz", nullable: true })
  usedAt!: Date | null;

  /** Where to send the browser after sign-in: a console path or an allowed app URL, or null. */
  @Column({ name: "return_to", type: "varchar", length: 2048, nullable: true })
  returnTo!: string | null;

  /** Set when a signed-in user started the flow to link Google to their own account. */
  @Column({ name: "link_user_id", type: "uuid", nullable: true })
  linkUserId!: string | null;

  /** The session that started a link flow: the callback must come back with the same one. */
  @Column({ name: "link_session_id", type: "uuid", nullable: true })
  linkSessionId!: string | null;
}
