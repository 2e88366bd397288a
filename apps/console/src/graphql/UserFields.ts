import { graphql } from "../gql";

/** What every user list and detail view shows. */
export const UserFieldsFragment = graphql(`
  fragment UserFields on User {
    id
    username
    displayName
    email
    emailVerified
    isActive
    isSuperuser
    authMethods
    hasPassword
    googleLinked
    createdAt
    lastLoginAt
    isServiceAccount
  }
`);
