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
import { UserEntity } from "../users/user.entity.js";

/** A named set of users; apps admit members of listed groups, and apps see group names. */
@Entity({ name: "groups" })
export class GroupEntity {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column({ type: "varchar", length: 64 })
  name!: string;

  /** Lower-cased name: names are unique regardless of case. */
  @Index("UQ_groups_name_key", { unique: true })
  @Column({ name: "name_key", type: "varchar", length: 64 })
  nameKey!: string;

  @Column({ type: "varchar", length: 256, default: "" })
  description!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}

/** Membership; removed with the group or the user. */
@Entity({ name: "group_members" })
// "Which groups is this user in" is asked on every forward-auth check.
@Index("IDX_group_members_user", ["userId"])
export class GroupMemberEntity {
  @ForeignKey(() => GroupEntity, { name: "FK_group_members_group", onDelete: "CASCADE" })
  @PrimaryColumn({ name: "group_id", type: "uuid" })
  groupId!: string;

  @ForeignKey(() => UserEntity, { name: "FK_group_members_user", onDelete: "CASCADE" })
  @PrimaryColumn({ name: "user_id", type: "uuid" })
  userId!: string;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
