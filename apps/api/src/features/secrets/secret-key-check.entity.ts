import { Column, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";

/**
 * One row (id 1): a known value encrypted under the key the stored data uses. It lets an
 * instance find out that its key is wrong before it writes anything, even when no
 * variable exists yet to compare with.
 */
@Entity({ name: "secret_key_check" })
export class SecretKeyCheckEntity {
  @PrimaryColumn({ type: "smallint" })
  id!: number;

  @Column({ type: "text" })
  ciphertext!: string;

  @Column({ name: "key_fingerprint", type: "varchar", length: 32 })
  keyFingerprint!: string;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
