import { UserEntity } from "./user.entity.js";

/** A `users` row as raw SQL returns it (snake_case), for the statements TypeORM cannot write. */
export interface UserRow {
  id: string;
  username: string;
  username_key: string;
  display_name: string | null;
  email: string | null;
  email_verified: boolean;
  is_active: boolean;
  is_superuser: boolean;
  password_hash: string | null;
  auth_methods: UserEntity["authMethods"];
  google_subject: string | null;
  created_at: Date;
  updated_at: Date;
  last_login_at: Date | null;
  is_service_account: boolean;
  description: string;
}

/** The entity for a raw row; `id` overrides the row's own when a join renamed it. */
export function userFromRow(r: Omit<UserRow, "id">, id: string): UserEntity {
  return Object.assign(new UserEntity(), {
    id,
    username: r.username,
    usernameKey: r.username_key,
    displayName: r.display_name ?? null,
    email: r.email,
    emailVerified: r.email_verified,
    isActive: r.is_active,
    isSuperuser: r.is_superuser,
    passwordHash: r.password_hash,
    authMethods: r.auth_methods,
    googleSubject: r.google_subject,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    lastLoginAt: r.last_login_at ? new Date(r.last_login_at) : null,
    isServiceAccount: r.is_service_account,
    description: r.description,
  });
}
