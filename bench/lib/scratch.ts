/** Scratch PostgreSQL databases a bench section makes; dropped when the section ends. */
const drops: Array<() => Promise<void>> = [];

export async function scratch(): Promise<string> {
  const { createScratchDatabase } = await import("../../apps/api/test/helpers/database.js");
  const db = await createScratchDatabase();
  drops.push(db.drop);
  return db.url;
}

export async function dropScratch(): Promise<void> {
  for (const drop of drops.splice(0)) await drop().catch(() => {});
}
