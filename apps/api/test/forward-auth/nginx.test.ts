import { describeWith, startNginx } from "../helpers/proxies.js";
import { proxyScenarios, useProxyWorld, webSocketScenarios } from "./proxy-scenarios.js";

// Real nginx (auth_request) in front of a small app, with the configuration
// docs/integrations.md shows (test/fixtures/proxies/forward-auth.nginx.conf).
describeWith("nginx", "forward auth behind real nginx", () => {
  const world = useProxyWorld(startNginx);
  proxyScenarios(world);
  webSocketScenarios(world);
});
