import type { SectionKind } from './types';

/** Heading words that tell what a section holds; the first kind that matches wins. */
const SECTION_PATTERNS: Array<[SectionKind, RegExp]> = [
  // How the post is judged ("Key metrics", "Performance expectations"): outcomes, not duties (rule 8).
  ['measures', /^\W*(?:(?:key|success)\s+)?(?:metrics|kpis?|key performance indicators|performance (?:expectations|indicators|measures|metrics)|success (?:metrics|measures|criteria)|measures of success|how (?:you(?:'ll| will) be|success (?:is|will be)|we(?:'ll| will)) measured?(?: success)?)\W*$/],
  ['collaboration', /\b(collaborat\w*|partnerships?|who you('ll| will) work with|working with)\b/],
  ['benefits', /\b(benefits?|perks?|what we offer|we offer|compensation|salary|pay|package|why (join|work)|what('s| is) in it for you)\b/],
  ['application', /\b(apply|application|hiring process|interview\w*|next steps|how to|recruit\w*)\b/],
  ['requirements', /\b(requirements?|qualifications?|skills?|(?<!\b(?:developer|customer|user|employee|client|patient|guest|member|digital|candidate|citizen|product|student|visitor|shopper|partner)\s)experience|what you('ll| will)? (bring|need)|what you need|about you|who (you are|are you)|must[- ]haves?|nice[- ]to[- ]haves?|ideal candidate|looking for|you have|profile|background|preferred|competenc\w*|set you apart|(be|are) a (good |great )?fit|hear from you|education|certifications?|bonus points?)\b/],
  ['responsibilities', /\b(responsibilit\w*|duties|what you('ll| will) (do|own|lead)|the role|your role|in this role|role overview|your impact|impact|accountabilit\w*|key results?|objectives|scope|mandate|day[- ]to[- ]day|first \d+ days|outcomes|you will|what you('ll| will) be doing|what will you do|what you('ll| will) focus on|tasks?|(essential|key|typical) functions|examples of work|key activities|job purpose)\b/],
  ['about', /\b(about (us|the (company|organi[sz]ation|team|business))|who we are|our (company|mission|story|values)|the company|company (overview|profile|description)|our culture|life at|mission)\b/],
  // What the company runs on or sells, described: "Our stack", "The product".
  ['about', /\b(tech(nology)? )?stack\b|^\W*(about )?(the|our) products?\W*$/],
];

/** "About Acme": a company's name after "About". */
const ABOUT_A_NAME = /^\W*about\s+\p{Lu}/u;

/** A heading that names duties beside qualifications ("Duties and Qualifications") holds both. */
const DUTIES = /\b(responsibilit\w*|duties|tasks)\b/;

export function sectionKindOf(heading: string): SectionKind {
  const text = heading.toLowerCase();
  for (const [kind, pattern] of SECTION_PATTERNS) {
    if (!pattern.test(text)) continue;
    // Each item of such a section is read by its form, as under a heading that says nothing.
    if (kind === 'requirements' && DUTIES.test(text)) return 'other';
    return kind;
  }
  if (ABOUT_A_NAME.test(heading)) return 'about';
  return 'other';
}

/** Items under these sections are judged against the posting's role; about, benefits and how-to-apply lists are not. */
export function isJudgedSection(kind: SectionKind): boolean {
  return kind === 'responsibilities' || kind === 'requirements' || kind === 'other';
}
