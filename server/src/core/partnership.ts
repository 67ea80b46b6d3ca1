/**
 * The item as a partnership with its owner, every word of the writer's kept: "Own the ERP rollout"
 * becomes "In partnership with the CIO, own the ERP rollout"; a bold label stays in front.
 */
export function partnershipOf(text: string, ownerAbbreviation: string): string {
  const { label, rest } = splitLabel(text);
  return `${label}${partnershipPrefix(ownerAbbreviation)}${lowerFirstWord(rest)}`;
}

/** How every partnership the fix writes begins. */
export const PARTNERSHIP_START = 'In partnership with the ';

export function partnershipPrefix(ownerAbbreviation: string): string {
  return `${PARTNERSHIP_START}${ownerAbbreviation}, `;
}

/** A leading bold label, "**Vendor management:** ", and the text after it. */
export function splitLabel(text: string): { label: string; rest: string } {
  const label = /^(?:\*\*[^*]+\*\*|__[^_]+__)[:.]?\s+/.exec(text)?.[0] ?? '';
  return { label, rest: text.slice(label.length) };
}

/** "Own" → "own", but "ERP", "Salesforce's" or "iOS" keep their capitals. */
export function lowerFirstWord(text: string): string {
  return /^\p{Lu}\p{Ll}+\b(?!['’]s)/u.test(text) && !/^\p{Lu}\p{Ll}+\p{Lu}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
