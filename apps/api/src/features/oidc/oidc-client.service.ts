import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { AdapterPayload } from "oidc-provider";
import { type DataSource, In, type Repository } from "typeorm";
import type { Clock } from "../../clock.js";
import { LookupCoalescer } from "../../db/lookup-coalescer.js";
import type { AuditSink } from "../secrets/secrets.service.js";
import { checkClientInput, type OidcClientInput } from "./client-rules.js";
import { OidcClientEntity } from "./oidc.entity.js";
import { noSuchClient, publicHasNoSecret } from "./oidc.errors.js";
import { redirectOrigin } from "./paths.js";

export type { OidcClientInput } from "./client-rules.js";

export const OidcClientAction = {
  CREATED: "oidc.client_created",
  UPDATED: "oidc.client_updated",
  DELETED: "oidc.client_deleted",
  SECRET_ROTATED: "oidc.client_secret_rotated",
} as const;

export interface CreatedClient {
  client: OidcClientEntity;
  /** Shown once; null for public clients. */
  secret: string | null;
}

interface ActorInfo {
  userId: string | null;
  ip: string | null;
}

export const hashSecret = (secret: string): string =>
  createHash("sha256").update(secret, "utf8").digest("hex");

/** Stand-in stored as oidc-provider's client_secret: the hashes it must be compared with. */
export const SECRET_HASHES_PREFIX = "sha256:";

/** True when `presented` hashes to one of the hashes packed in `stored` (constant time). */
export function secretMatches(stored: string | undefined, presented: string): boolean {
  if (!stored?.startsWith(SECRET_HASHES_PREFIX)) return false;
  const actual = Buffer.from(hashSecret(presented), "hex");
  let ok = false;
  for (const hex of stored.slice(SECRET_HASHES_PREFIX.length).split(",")) {
    const expected = Buffer.from(hex, "hex");
    if (expected.length === actual.length && timingSafeEqual(expected, actual)) ok = true;
  }
  return ok;
}

/** Relying parties: the only code touching oidc_clients. */
export class OidcClientService {
  private readonly repo: Repository<OidcClientEntity>;
  /** Concurrent look-ups of clients share one statement (every token request makes one). */
  private readonly byClientId = new LookupCoalescer<string, OidcClientEntity>(async (ids) => {
    const found = await this.repo.findBy({ clientId: In(ids) });
    return new Map(found.map((c) => [c.clientId, c]));
  });

  constructor(
    ds: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditSink,
    /** How long the old secret still works after a rotation. */
    private readonly secretOverlapMs: number,
  ) {
    this.repo = ds.getRepository(OidcClientEntity);
  }

  list(): Promise<OidcClientEntity[]> {
    return this.repo.find({ order: { name: "ASC", createdAt: "ASC" } });
  }

  async get(id: string): Promise<OidcClientEntity> {
    const found = isUuid(id) ? await this.repo.findOneBy({ id }) : null;
    if (!found) throw noSuchClient();
    return found;
  }

  findByClientId(clientId: string): Promise<OidcClientEntity | null> {
    return this.repo.findOneBy({ clientId });
  }

  async create(input: OidcClientInput, actor: ActorInfo): Promise<CreatedClient> {
    const clean = checkClientInput(input);
    const secret = clean.isPublic ? null : newSecret();
    const client = await this.repo.save(
      this.repo.create({
        ...clean,
        clientId: randomBytes(16).toString("hex"),
        secretHash: secret ? hashSecret(secret) : null,
      }),
    );
    await this.record(OidcClientAction.CREATED, client, actor);
    return { client, secret };
  }

  async update(id: string, input: OidcClientInput, actor: ActorInfo): Promise<CreatedClient> {
    const client = await this.get(id);
    const clean = checkClientInput(input);
    let secret: string | null = null;
    // Turning a public client confidential needs a secret; the reverse drops it.
    if (!clean.isPublic && !client.secretHash) {
      secret = newSecret();
      client.secretHash = hashSecret(secret);
    }
    if (clean.isPublic) {
      client.secretHash = null;
      client.previousSecretHash = null;
      client.previousSecretExpiresAt = null;
    }
    Object.assign(client, clean);
    const saved = await this.repo.save(client);
    await this.record(OidcClientAction.UPDATED, saved, actor);
    return { client: saved, secret };
  }

  async delete(id: string, actor: ActorInfo): Promise<boolean> {
    const client = await this.get(id);
    await this.repo.delete({ id: client.id });
    await this.record(OidcClientAction.DELETED, client, actor);
    return true;
  }

  /** A new secret; the old one keeps working for the overlap period. */
  async rotateSecret(id: string, actor: ActorInfo): Promise<CreatedClient> {
    const client = await this.get(id);
    if (client.isPublic) throw publicHasNoSecret();
    const secret = newSecret();
    client.previousSecretHash = client.secretHash;
    client.previousSecretExpiresAt = new Date(this.clock.now().getTime() + this.secretOverlapMs);
    client.secretHash = hashSecret(secret);
    const saved = await this.repo.save(client);
    await this.record(OidcClientAction.SECRET_ROTATED, saved, actor);
    return { client: saved, secret };
  }

  /**
   * True when some client registered a redirect URI on this origin. A CORS preflight names
   * no client, so this is all it can be checked against; the request itself is then checked
   * against its own client's URIs.
   */
  async isRedirectOrigin(origin: string): Promise<boolean> {
    const rows = await this.repo.find({ select: { redirectUris: true } });
    return rows.some((c) => c.redirectUris.some((uri) => redirectOrigin(uri) === origin));
  }

  /** oidc-provider's view of a client (adapter "Client" model). */
  async metadataFor(clientId: string): Promise<AdapterPayload | undefined> {
    if (clientId.length > 64) return undefined;
    const c = await this.byClientId.load(clientId);
    if (!c) return undefined;
    const hashes = [c.secretHash];
    if (
      c.previousSecretHash &&
      (c.previousSecretExpiresAt?.getTime() ?? 0) > this.clock.now().getTime()
    )
      hashes.push(c.previousSecretHash);
    const responseTypes = c.grantTypes.includes("authorization_code") ? ["code"] : [];
    return {
      client_id: c.clientId,
      client_name: c.name,
      ...(c.isPublic
        ? { token_endpoint_auth_method: "none" }
        : {
            client_secret: `${SECRET_HASHES_PREFIX}${hashes.filter(Boolean).join(",")}`,
            token_endpoint_auth_method: "client_secret_basic",
          }),
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris,
      grant_types: c.grantTypes,
      response_types: responseTypes,
      first_party: c.firstParty,
      access_token_format: c.accessTokenFormat,
      ...(c.appId ? { app_id: c.appId } : {}),
    } as AdapterPayload;
  }

  private record(action: string, client: OidcClientEntity, actor: ActorInfo): Promise<void> {
    return this.audit.record({
      action,
      actorId: actor.userId,
      ip: actor.ip,
      targetId: null,
      detail: `client ${client.clientId} (${client.name})`,
    });
  }
}

/** 256 random bits. */
function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
