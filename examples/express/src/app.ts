import express, { type Express } from "express";
import { gatehouse } from "./gatehouse.js";

/** A tiny app: one page for signed-in users, one that greets anyone. */
export function exampleApp(gatehouseUrl: string): Express {
  const app = express();
  app.get("/hello", gatehouse({ url: gatehouseUrl, required: false }), (req, res) => {
    res.json({ hello: req.user?.username ?? "stranger" });
  });
  app.use(gatehouse({ url: gatehouseUrl }));
  app.get("/me", (req, res) => {
    res.json(req.user);
  });
  return app;
}
