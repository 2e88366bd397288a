/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AuthMode =
  /** Requests must carry a session. */
  | 'AUTHENTICATED'
  /** Every request acts as the default superuser (anonymous / auto-login mode). */
  | 'AUTO_LOGIN';

export type MagicLinkDelivery =
  /** Links are emailed through Resend (RESEND_API_KEY is set). */
  | 'EMAIL'
  /** No mail provider: a superuser fetches the link with emailLoginUrl and sends it by hand. */
  | 'MANUAL';

export type ServerInfoQueryVariables = Exact<{ [key: string]: never; }>;


export type ServerInfoQuery = { serverInfo: { appName: string, authMode: AuthMode, magicLinkDelivery: MagicLinkDelivery, googleSignInEnabled: boolean, googleClientId: string | null, newUserIsActive: boolean, version: string } };


export const ServerInfoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ServerInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serverInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appName"}},{"kind":"Field","name":{"kind":"Name","value":"authMode"}},{"kind":"Field","name":{"kind":"Name","value":"magicLinkDelivery"}},{"kind":"Field","name":{"kind":"Name","value":"googleSignInEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"googleClientId"}},{"kind":"Field","name":{"kind":"Name","value":"newUserIsActive"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<ServerInfoQuery, ServerInfoQueryVariables>;