// Every entity and migration, in one place. A feature adds its own lines here.
import { UserEntity } from "../features/users/user.entity.js";
import { Users1763860000000 } from "./migrations/1763860000000-users.js";

export const entities = [UserEntity];

/** In order. Names carry a timestamp; never edit one that has shipped, add another. */
export const migrations = [Users1763860000000];
