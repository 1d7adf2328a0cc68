// Who may create an account on this instance (SIGNUP): anyone ('open', the
// default), or only someone holding a valid invitation link ('invite', and
// 'closed', where the sign-up page is not even linked from the login page).
export const SIGNUP_MODES = ['open', 'invite', 'closed'] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

export const INVITATION_ONLY_MESSAGE = 'Sign-up on this instance is by invitation only.';

/** Whether sign-up without an invitation is allowed in `mode`. */
export function signupOpen(mode: SignupMode): boolean {
  return mode === 'open';
}
