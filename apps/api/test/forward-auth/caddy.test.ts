import { describeWith, startCaddy } from "../helpers/proxies.js";
import { proxyScenarios, useProxyWorld } from "./proxy-scenarios.js";

// Real Caddy (forward_auth) in front of a small app, with the configuration
// docs/integrations.md shows (test/fixtures/proxies/forward-auth.Caddyfile).
describeWith("caddy", "forward auth behind real Caddy", () => {
  const world = useProxyWorld(startCaddy);
  proxyScenarios(world, { passesBodies: true });
});
