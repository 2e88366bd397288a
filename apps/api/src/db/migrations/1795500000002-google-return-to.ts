import type { MigrationInterface, QueryRunner } from "typeorm";

/** A Google redirect flow remembers where the console wanted to go after sign-in. */
export class GoogleReturnTo1795500000002 implements MigrationInterface {
  name = "GoogleReturnTo1795500000002";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "google_oauth_states" ADD "return_to" character varying(512)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "google_oauth_states" DROP COLUMN "return_to"`);
  }
}
