import { exampleApp } from "./app.js";

// GATEHOUSE_URL=http://127.0.0.1:7861 PORT=3000 pnpm --filter @gatehouse/example-express start
const gatehouseUrl = process.env.GATEHOUSE_URL ?? "http://127.0.0.1:7861";
const port = Number(process.env.PORT ?? 3000);
exampleApp(gatehouseUrl).listen(port, "127.0.0.1", () => {
  console.log(`example app on http://127.0.0.1:${port} (asking ${gatehouseUrl})`);
});
