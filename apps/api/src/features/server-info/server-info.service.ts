import type { Config } from "../../config/config.js";
import { VERSION } from "../../version.js";

export interface ServerInfo {
  authMode: "AUTO_LOGIN" | "AUTHENTICATED";
  magicLinkDelivery: "EMAIL" | "MANUAL";
  googleSignInEnabled: boolean;
  googleClientId: string | null;
  newUserIsActive: boolean;
  version: string;
  appName: string;
}

/** What a client needs to draw its sign-in screen. Computed once: config does not change at run time. */
export class ServerInfoService {
  private readonly info: ServerInfo;

  constructor(config: Config) {
    this.info = Object.freeze({
      authMode: config.autoLogin ? "AUTO_LOGIN" : "AUTHENTICATED",
      magicLinkDelivery: config.resend ? "EMAIL" : "MANUAL",
      googleSignInEnabled: config.google !== undefined,
      googleClientId: config.google?.clientId ?? null,
      newUserIsActive: config.newUserIsActive,
      version: VERSION,
      appName: config.appName,
    });
  }

  get(): ServerInfo {
    return this.info;
  }
}
