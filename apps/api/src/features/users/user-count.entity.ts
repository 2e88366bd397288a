import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * How many users have each combination of the three filter flags, so users() totals need
 * no count over the table. Written only by triggers on users (migration 1795600000400):
 * never save it from code.
 */
@Entity({ name: "user_counts" })
export class UserCountEntity {
  @PrimaryColumn({ name: "is_active", type: "boolean", primaryKeyConstraintName: "PK_user_counts" })
  isActive!: boolean;

  @PrimaryColumn({
    name: "is_superuser",
    type: "boolean",
    primaryKeyConstraintName: "PK_user_counts",
  })
  isSuperuser!: boolean;

  @PrimaryColumn({
    name: "email_verified",
    type: "boolean",
    primaryKeyConstraintName: "PK_user_counts",
  })
  emailVerified!: boolean;

  @Column({ type: "bigint", default: 0 })
  n!: string;
}
