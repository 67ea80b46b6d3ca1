import type { SectionKind } from './types';

/** Heading words that tell what a section holds; the first kind that matches wins. */
const SECTION_PATTERNS: Array<[SectionKind, RegExp]> = [
  ['collaboration', /\b(collaborat\w*|partnerships?|who you('ll| will) work with|working with)\b/],
  ['benefits', /\b(benefits?|perks?|what we offer|we offer|compensation|salary|pay|package|why (join|work)|what('s| is) in it for you)\b/],
  ['application', /\b(apply|application|hiring process|interview\w*|next steps|how to|recruit\w*)\b/],
  ['requirements', /\b(requirements?|qualifications?|skills?|experience|what you('ll| will)? bring|about you|who you are|must[- ]haves?|nice[- ]to[- ]haves?|ideal candidate|looking for|you have|profile|background|preferred|competenc\w*)\b/],
  ['responsibilities', /\b(responsibilit\w*|duties|what you('ll| will) (do|own|lead)|the role|your role|in this role|role overview|your impact|impact|accountabilit\w*|key results?|objectives|scope|mandate|day[- ]to[- ]day|first \d+ days|outcomes|you will|what you('ll| will) be doing)\b/],
  ['about', /\b(about|who we are|our (company|mission|story|team|values)|the company|company|mission|overview|culture|team)\b/],
];

export function sectionKindOf(heading: string): SectionKind {
  const text = heading.toLowerCase();
  for (const [kind, pattern] of SECTION_PATTERNS) {
    if (pattern.test(text)) return kind;
  }
  return 'other';
}

/** Items under these sections are judged against the posting's role; about, benefits and how-to-apply lists are not. */
export function isJudgedSection(kind: SectionKind): boolean {
  return kind === 'responsibilities' || kind === 'requirements' || kind === 'other';
}
