import type { Range } from 'vscode-languageserver-types';

export type { Position, Range } from 'vscode-languageserver-types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type RuleId =
  | 'role.foreign-duty'
  | 'role.reads-like'
  | 'role.unknown'
  | 'posting.front-matter'
  | 'posting.too-large'
  | 'config.invalid';

/** How sure the classifier must be before it names an owner. */
export type Strictness = 'lenient' | 'balanced' | 'strict';

/** owner: a role owns it; shared: any executive may hold it; neutral: not a duty (a requirement, a statement); unclear: no confident owner. */
export type Decision = 'owner' | 'shared' | 'neutral' | 'unclear';

export interface EvidenceWord {
  /** The feature that counted ("w:erp", "q:it", "kb-strong"). */
  phrase: string;
  /** The words as the writer typed them. */
  text: string;
  /** How much it moved the decision towards the owner, in logits. */
  weight: number;
}

/** What the classifier thinks of one item, with the reasons. */
export interface Judgement {
  decision: Decision;
  /** Set when decision is "owner". */
  owner?: string;
  /** The owner's duty area the item is about (or the top role's when unclear). */
  area?: string;
  /** The shared area, when decision is "shared" and a knowledge-base phrase names one. */
  commonArea?: string;
  /** Probability of each class (role ids and "shared"), 0..1. */
  scores: Record<string, number>;
  /** Probability that the item is a duty rather than a requirement or another kind of item. */
  dutyProbability: number;
  /** The words that decided it, strongest first. */
  evidence: EvidenceWord[];
  /** The executive the item works with ("partner with the CIO", "the CFO's"), which makes it shared. */
  collaboratesWith?: string;
  /**
   * Set when decision is "owner" and the item is short and names one of the owner's duty areas in
   * the knowledge base's own words ("ERP", "pricing and packaging") and no other role's.
   */
  namesOwnersArea?: boolean;
}

export type SectionKind =
  | 'responsibilities'
  | 'requirements'
  | 'collaboration'
  | 'about'
  | 'benefits'
  | 'application'
  /** Metrics and expectations the post is judged by. */
  | 'measures'
  | 'other';

export interface Section {
  kind: SectionKind;
  heading: string;
  /** 0-based line of the heading, or -1 for the part before the first heading. */
  line: number;
  /** Last line that belongs to the section. */
  endLine: number;
  level: number;
  /** A line that heads a list as a heading would ("**Requirements:**", "What you will do:"), not a heading. */
  leadIn?: boolean;
}

/** One list item of the posting. */
export interface PostingItem {
  /** The item's own text (its first paragraph), continuation lines joined with a space. */
  text: string;
  /** From the first character of the text (after the marker) to the end of its paragraph. */
  range: Range;
  /** The line of the list marker. */
  line: number;
  /** Last line of the item, nested children included. */
  endLine: number;
  /** Column of the list marker. */
  markerColumn: number;
  depth: number;
  section: Section;
  /** A sentence of a paragraph, not a list item: fixes edit its range, never whole lines. */
  prose?: boolean;
}

export interface JudgedItem extends PostingItem {
  judgement: Judgement;
  /** Whether items of this section are judged against the posting's role. */
  judged: boolean;
}

export type RoleSource = 'front-matter' | 'title' | 'option' | 'unknown';

/** What a fix for a foreign duty needs; carried in the finding so fixes are pure functions of it. */
export interface ForeignDutyFix {
  kind: 'foreign-duty';
  owner: string;
  ownerAbbreviation: string;
  area: string;
  /** The posting role's duty that fits the item's subject, when it has one the posting does not already hold. */
  replacement?: string;
  replacementArea?: string;
  /** The item as a partnership with the owner, in the writer's own words. */
  partnership: string;
  itemLine: number;
  itemEndLine: number;
  markerColumn: number;
  /** A sentence of a paragraph: its fixes edit the sentence, never whole lines. */
  prose: boolean;
}

export interface SetRoleFix {
  kind: 'set-role';
  roles: string[];
}

export interface RetitleFix {
  kind: 'retitle';
  /** The title to put in place of the posting's title. */
  title: string;
  /** The line of the title that named the role, or -1 when the posting has none. */
  titleLine: number;
  role: string;
}

export type FixData = ForeignDutyFix | SetRoleFix | RetitleFix;

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  message: string;
  range: Range;
  owner?: string;
  area?: string;
  evidence?: string[];
  /** The item's text, for foreign duties. */
  text?: string;
  fix?: FixData;
}

export interface FrontMatter {
  /** Lines of the block, the --- fences included. */
  startLine: number;
  endLine: number;
  /** Line of the roles/role key, if any. */
  roleLine?: number;
}

export interface PostingAnalysis {
  /** False for Markdown that is not a job posting (notes, READMEs): such a file gets no findings at all. */
  isPosting: boolean;
  roles: string[];
  roleSource: RoleSource;
  title?: { text: string; line: number; range: Range };
  frontMatter?: FrontMatter;
  sections: Section[];
  items: JudgedItem[];
  /** Share of owner-judged items per role, 0..1. */
  fit: Record<string, number>;
  /** Share of owner-judged items owned by the posting's roles, or undefined when nothing was judged. */
  postingFit?: number;
  findings: Finding[];
  /** Set when the posting was too large to analyze in full. */
  reduced?: boolean;
}
