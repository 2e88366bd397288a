import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from "typeorm";
import { UserEntity } from "../users/user.entity.js";

/** Holds a ciphertext, so it is never a GraphQL type: see variable.type.ts. */
@Entity({ name: "variables" })
@Index("UQ_variables_owner_name", ["ownerId", "name"], { unique: true })
export class VariableEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @ForeignKey(() => UserEntity, { name: "FK_variables_owner", onDelete: "CASCADE" })
  @Column({ name: "owner_id", type: "uuid" })
  ownerId!: string;

  @Column({ type: "varchar", length: 128 })
  name!: string;

  /** Fernet token of the UTF-8 value under the key named by keyFingerprint. */
  @Column({ type: "text" })
  ciphertext!: string;

  @Column({ name: "key_fingerprint", type: "varchar", length: 32 })
  keyFingerprint!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
