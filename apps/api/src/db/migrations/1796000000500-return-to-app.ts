import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Back to the app after sign-in (issue 14): a magic link remembers where its browser goes,
 * and destinations may now be absolute app URLs, longer than the 512 of a console path.
 */
export class ReturnToApp1796000000500 implements MigrationInterface {
  name = "ReturnToApp1796000000500";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "magic_links" ADD "return_to" character varying(2048)`);
    await q.query(
      `ALTER TABLE "google_oauth_states" ALTER COLUMN "return_to" TYPE character varying(2048)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Longer destinations cannot fit the old column: those pending flows land on the console.
    await q.query(`UPDATE "google_oauth_states" SET "return_to" = NULL
                    WHERE length("return_to") > 512`);
    await q.query(
      `ALTER TABLE "google_oauth_states" ALTER COLUMN "return_to" TYPE character varying(512)`,
    );
    await q.query(`ALTER TABLE "magic_links" DROP COLUMN "return_to"`);
  }
}
