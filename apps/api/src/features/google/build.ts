import type { DataSource } from "typeorm";
import type { Clock } from "../../clock.js";
import type { Config } from "../../config/config.js";
import type { AuditService } from "../audit/audit.service.js";
import { GoogleSignInService } from "./google.service.js";
import { GoogleLinkService } from "./google-link.service.js";
import { GoogleVerifier } from "./google-verifier.js";
import { IdTokenReplayGuard } from "./id-token-replay.js";
import { OAuthStateService } from "./oauth-state.service.js";

export interface GoogleServices {
  /** Null when GOOGLE_CLIENT_ID is not set. */
  googleSignIn: GoogleSignInService | null;
  /** Linking Google from My account; null when GOOGLE_CLIENT_ID is not set. */
  googleLinks: GoogleLinkService | null;
  /** Null unless GOOGLE_CLIENT_SECRET is set too (the redirect flow needs it). */
  googleFlows: OAuthStateService | null;
}

export function buildGoogle(
  deps: { config: Config; dataSource: DataSource; clock: Clock },
  audit: AuditService,
): GoogleServices {
  const { config, dataSource, clock } = deps;
  const googleSignIn = config.google
    ? new GoogleSignInService(
        dataSource,
        config,
        audit,
        new GoogleVerifier(config.google),
        new IdTokenReplayGuard(dataSource, clock),
      )
    : null;
  const googleLinks = googleSignIn ? new GoogleLinkService(dataSource, audit, googleSignIn) : null;
  const googleFlows = config.google?.clientSecret ? new OAuthStateService(dataSource, clock) : null;
  return { googleSignIn, googleLinks, googleFlows };
}
