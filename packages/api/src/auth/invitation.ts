// Invitation links, made like session tokens (auth/session.ts): 32 random
// bytes in base32, only the SHA-256 in hex is stored, so the table alone
// cannot be turned back into a working link.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** 32 bytes in base32 without padding: 52 characters of a–z and 2–7. */
const tokenShape = /^[a-z2-7]{52}$/;

export function generateInvitationToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The stored form of a token; null for a string no invitation could have (no lookup needed). */
export function invitationTokenHash(token: string): string | null {
  if (!tokenShape.test(token)) return null;
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** The link a person opens: the public origin, then /invite/<token>. */
export function invitationUrl(publicOrigin: string, token: string): string {
  return `${publicOrigin.replace(/\/$/, '')}/invite/${token}`;
}
