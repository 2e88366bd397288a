import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { checkPassword, type RuleResult } from "./rules.js";

/**
 * The strength rule for every new password (API, CLI, env superuser). Its own entry point,
 * `@gatehouse/shared/password-strength`, because the common-password dictionary is about
 * 200 kB gzipped: the console may load it lazily, never in its initial bundle.
 */

/** zxcvbn's 0-4 scale; 3 is "safely unguessable: moderate protection from offline attacks". */
export const PASSWORD_MIN_SCORE = 3;

// Past this many characters a password is not weak for being long; zxcvbn's time grows with it.
const ANALYSED_LENGTH = 64;

let factory: ZxcvbnFactory | undefined;

function zxcvbn(): ZxcvbnFactory {
  // Building the dictionaries takes a few hundred milliseconds: once, on first use.
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
    maxLength: ANALYSED_LENGTH,
  });
  return factory;
}

export interface NewPasswordContext {
  /** The password is for a superuser: a longer minimum applies. */
  superuser?: boolean;
  /** Words a password must not lean on: the username, the email, the app's name. */
  userInputs?: (string | null | undefined)[];
}

/**
 * Null when the password may be set; otherwise one sentence saying what to change. Refuses
 * common and breached passwords (zxcvbn's lists) and guessable variations of them.
 */
export function checkNewPassword(password: string, ctx: NewPasswordContext = {}): RuleResult {
  const length = checkPassword(password, { superuser: ctx.superuser });
  if (length) return length;
  const inputs = (ctx.userInputs ?? []).filter((v): v is string => !!v);
  const result = zxcvbn().check(password.slice(0, ANALYSED_LENGTH), inputs);
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const why = result.feedback.warning ?? "This password is too easy to guess.";
  const hint = result.feedback.suggestions[0] ?? "Add a few more words or characters.";
  return `${why.replace(/\.?$/, ".")} ${hint.replace(/\.?$/, ".")} Choose a longer, less common password.`;
}
