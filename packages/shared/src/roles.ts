/** Roles used by the API's auth checker (`@Authorized(Role.SUPERUSER)`). */
export const Role = {
  /** Any signed-in, active user. */
  USER: "USER",
  SUPERUSER: "SUPERUSER",
} as const;
export type Role = (typeof Role)[keyof typeof Role];
