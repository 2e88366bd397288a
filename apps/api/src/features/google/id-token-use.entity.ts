import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** An ID token googleSignIn has accepted, kept until it expires so it cannot be replayed. */
@Entity({ name: "google_id_token_uses" })
export class IdTokenUseEntity {
  /** SHA-256 of the token's identity (its `jti`, else its decoded claims), hex. */
  @PrimaryColumn({
    name: "token_hash",
    type: "varchar",
    length: 64,
    primaryKeyConstraintName: "PK_google_id_token_uses",
  })
  tokenHash!: string;

  @Index("IDX_google_id_token_uses_expires_at")
  @Column({ name: "expires_at", type: "timestamptz" })
  expiresAt!: Date;
}
