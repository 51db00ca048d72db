import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";

/**
 * SHA-256 of a text (UTF-8), as the reports need it: a finding's fingerprint in hex, a page's
 * script in base64 for its Content-Security-Policy. @noble/hashes, not node:crypto, so that the
 * renderers run in a page as well (docs/decisions.md).
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

export function sha256Base64(text: string): string {
  let binary = "";
  for (const byte of sha256(utf8ToBytes(text))) binary += String.fromCharCode(byte);
  return btoa(binary);
}
