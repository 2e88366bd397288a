import "reflect-metadata";
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from "typeorm";
import { UserEntity } from "./user.entity.js";

/**
 * What users(search:) reads, one narrow row per user, so checking search candidates stays in
 * cache at a million users. Written only by triggers on users (migration 1795500000000):
 * never save it from code.
 */
// The trigram index is over an expression TypeORM cannot express, so it leaves it alone.
@Index("IDX_user_search_trgm", { synchronize: false })
@Entity({ name: "user_search" })
export class UserSearchEntity {
  @PrimaryColumn({ name: "user_id", type: "uuid", primaryKeyConstraintName: "PK_user_search" })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "user_id", foreignKeyConstraintName: "FK_user_search_user" })
  user?: Relation<UserEntity>;

  @Column({ name: "is_active", type: "boolean" })
  isActive!: boolean;

  @Column({ name: "is_superuser", type: "boolean" })
  isSuperuser!: boolean;

  @Column({ name: "email_verified", type: "boolean" })
  emailVerified!: boolean;

  @Column({ name: "username_key", type: "varchar", length: 64 })
  usernameKey!: string;

  @Column({ type: "varchar", length: 254, nullable: true })
  email!: string | null;
}
