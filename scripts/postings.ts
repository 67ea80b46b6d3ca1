/**
 * Deterministic generator of realistic Markdown job postings for the benchmark (scripts/bench.ts).
 *
 * A posting has front matter (`role: cto`), an H1 title, intro paragraphs and then repeated blocks of
 * `## Responsibilities` (bullets, some nested, some wrapped over two lines, some numbered),
 * `## Requirements` and `## Benefits`, until it reaches the wanted size. Duty sentences come from the
 * knowledge base (the role's canonical duties and evidence phrases) with a share from other roles, so
 * findings exist. Every list item carries a running number somewhere in its text, so no two items of
 * one posting are equal and a fresh classifier must judge each of them.
 */
import type { KnowledgeBase, Role } from '../server/src/knowledge/schema';

/** mulberry32: small, fast, good enough for test data, and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PostingOptions {
  /** Role id of the posting (front matter and title). */
  role: string;
  /** Wanted size in characters (all generated text is ASCII, so also bytes). The result is at most this long. */
  size: number;
  seed: number;
  /** Share of duty bullets taken from other roles (default 0.12). */
  foreignShare?: number;
}

const COMPANIES = ['Ledgerline', 'Northmarket', 'Fieldkit', 'Brightwave', 'Cobalt Health', 'Harbor Logistics', 'Quillmark', 'Tandem Energy'];
const LOCATIONS = ['Remote (Europe)', 'Berlin, Germany', 'Leeds, UK', 'Austin, TX', 'Toronto, Canada', 'Lisbon, Portugal', 'Remote (US)'];
const INDUSTRIES = ['invoicing software', 'grocery retail', 'field-service tools', 'energy analytics', 'clinic scheduling', 'freight tracking', 'document signing'];
const OPENERS = [
  'We are a {stage} company of {n} people building {industry} for customers in {k} countries.',
  'Our product is used by about {n} teams every day, and revenue grew {k}% last year.',
  'We closed our {stage} round in {year} and are growing the leadership team to match.',
  'This is a new position on the executive team, reporting to the CEO and working closely with the other leaders.',
  'You will join a team that values **clear writing**, small batches and honest retrospectives.',
  'Read more about how we work in our [handbook](https://example.com/handbook/{n}) before you apply.',
  'We meet in person {k} times a year; the rest of the time we work asynchronously across {k2} time zones.',
  'Most of our services are written in `TypeScript` and `Go`, and we ship to production {k} times a day.',
  'Customers trust us with sensitive data, so we take quality and reliability seriously.',
  'Our offices in {location} are open to anyone who prefers to work from one.',
];
const STAGES = ['seed-stage', 'Series A', 'Series B', 'Series C', 'profitable, founder-led'];
const SUFFIXES = [
  ' across our {n} markets',
  ' within your first {n} days',
  ' for more than {n} customers',
  ' with a budget of ${n}k a year',
  ' as we grow to {n} people',
  ' for the {n} teams that depend on it',
  ' and report on it every {k} weeks',
  ' in close contact with the {n} people in the field',
  ' by the end of quarter {k} of year {n}',
  ' for product line {n}',
];
const VERBS = ['Own', 'Lead', 'Shape', 'Drive', 'Improve', 'Run', 'Oversee', 'Scale', 'Modernize', 'Set up'];
const REQUIREMENT_TEMPLATES = [
  '{n}+ years of experience with {a} and {b}',
  'A track record of leading {a} at a company of {n}+ people',
  'Hands-on experience with {a}, ideally in {industry}',
  'Deep knowledge of {a} and {b} gained over {n} years',
  'Experience reporting on {a} to a board, for at least {n} quarters',
];
const GENERIC_REQUIREMENTS = [
  'Clear, concise writing in English; {k} writing samples welcome',
  'Comfort with ambiguity at a company that doubled in size {k} times',
  'Experience in B2B SaaS with at least {n} customers',
  'A degree in a relevant field, or {n} years of equivalent experience',
];
const BENEFITS = [
  'Competitive salary and equity (band {n})',
  '{k} weeks of paid vacation plus public holidays, year {n}',
  'Learning budget of ${n} a year',
  'Private health insurance for you and your family (plan {n})',
  'A home-office budget of ${n} and a laptop of your choice',
  'Parental leave of {k} months, fully paid (policy {n})',
  'Pension contributions matched up to {k}% (scheme {n})',
];
const RESPONSIBILITY_HEADINGS = ['Responsibilities', 'What you will do', 'Your responsibilities', 'Responsibilities'];
const REQUIREMENT_HEADINGS = ['Requirements', 'What you will bring', 'Qualifications', 'Requirements'];
const BENEFIT_HEADINGS = ['Benefits', 'What we offer', 'Benefits'];

export interface PostingGenerator {
  /** One posting as described by the options. */
  posting(options: PostingOptions): string;
}

export function postingGenerator(knowledge: KnowledgeBase): PostingGenerator {
  const roleById = new Map(knowledge.roles.map((r) => [r.id, r]));
  const sharedDuties = knowledge.common.filter((c) => c.kind === 'shared').flatMap((c) => c.duties);

  return {
    posting(options) {
      const role = roleById.get(options.role);
      if (!role) throw new Error(`unknown role ${options.role}`);
      const others = knowledge.roles.filter((r) => r.id !== role.id);
      const random = seededRandom(options.seed);
      const foreignShare = options.foreignShare ?? 0.12;
      let counter = 0;
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
      const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
      const company = pick(COMPANIES);
      const industry = pick(INDUSTRIES);
      const fill = (template: string, extra: Record<string, string> = {}) =>
        template.replace(/\{(\w+)\}/g, (_, key: string) => {
          if (key in extra) return extra[key];
          switch (key) {
            case 'n':
              // The running number makes every item distinct.
              return String(3 + counter++);
            case 'k':
            case 'k2':
              return String(int(2, 12));
            case 'year':
              return String(int(2019, 2025));
            case 'stage':
              return pick(STAGES);
            case 'industry':
              return industry;
            case 'location':
              return pick(LOCATIONS);
            default:
              return key;
          }
        });
      const strip = (sentence: string) => sentence.replace(/[.!]\s*$/, '');

      const roleFor = (): Role => (random() < foreignShare ? pick(others) : role);
      const phrasesOf = (r: Role) => {
        const area = pick(r.areas);
        const a = pick(area.evidence.strong.length > 0 ? area.evidence.strong : area.evidence.weak);
        const rest = [...area.evidence.strong, ...area.evidence.weak].filter((phrase) => phrase !== a);
        return { area, a, b: rest.length > 0 ? pick(rest) : a };
      };
      const duty = (): string => {
        const r = random() < 0.06 ? undefined : roleFor();
        if (!r) return `${strip(pick(sharedDuties))}${fill(pick(SUFFIXES))}.`;
        const { area, a, b } = phrasesOf(r);
        if (random() < 0.6) return `${strip(pick(area.duties))}${fill(pick(SUFFIXES))}.`;
        return `${pick(VERBS)} the ${a} and ${b}${fill(pick(SUFFIXES))}.`;
      };
      const requirement = (): string => {
        if (random() < 0.25) return fill(pick(GENERIC_REQUIREMENTS));
        const { a, b } = phrasesOf(roleFor());
        return fill(pick(REQUIREMENT_TEMPLATES), { a, b });
      };
      /** Wraps a long sentence over two lines now and then, as writers who hard-wrap do. */
      const wrapped = (text: string, indent: string) => {
        if (text.length < 70 || random() > 0.2) return text;
        const cut = text.indexOf(' ', 40);
        return cut < 0 ? text : `${text.slice(0, cut)}\n${indent}${text.slice(cut + 1)}`;
      };
      // Short postings get a short intro, or it would crowd out the duties.
      const small = options.size < 3000;
      const paragraph = () =>
        Array.from({ length: small ? int(1, 2) : int(2, 4) }, () => fill(pick(OPENERS)))
          .join(' ')
          .replace(/(.{60,90}?) /g, (m, line: string) => (random() < 0.3 ? `${line}\n` : m));

      const head = [`---`, `role: ${role.id}`, `company: ${company}`, `location: ${pick(LOCATIONS)}`, `---`, ``, `# ${role.name}`, ``, paragraph(), ``, ...(small ? [] : [paragraph(), ``]), ``].join('\n');
      const chunks: string[] = [head];
      let length = head.length;
      let block = 0;
      while (length < options.size) {
        const lines: string[] = [];
        lines.push(`## ${RESPONSIBILITY_HEADINGS[block % RESPONSIBILITY_HEADINGS.length]}`, '');
        if (block > 0 && random() < 0.5) lines.push(paragraph(), '');
        const bullets = int(6, 10);
        for (let i = 0; i < bullets; i++) {
          lines.push(`- ${wrapped(duty(), '  ')}`);
          if (random() < 0.15) {
            for (let j = int(2, 3); j > 0; j--) lines.push(`  - ${duty()}`);
          }
        }
        lines.push('', `In your first ${int(3, 12)} months you will:`, '');
        for (let i = 1, n = int(3, 5); i <= n; i++) lines.push(`${i}. ${wrapped(duty(), '   ')}`);
        lines.push('', `## ${REQUIREMENT_HEADINGS[block % REQUIREMENT_HEADINGS.length]}`, '');
        for (let i = int(4, 7); i > 0; i--) lines.push(`- ${requirement()}.`);
        lines.push('', `## ${BENEFIT_HEADINGS[block % BENEFIT_HEADINGS.length]}`, '');
        for (let i = int(3, 5); i > 0; i--) lines.push(`- ${fill(pick(BENEFITS))}.`);
        lines.push('', paragraph(), '', '');
        const text = lines.join('\n');
        chunks.push(text);
        length += text.length;
        block++;
      }
      const whole = chunks.join('');
      if (whole.length <= options.size) return whole;
      // Cut at the last line end that fits, so the posting ends with a whole line.
      const cut = whole.lastIndexOf('\n', options.size - 1);
      return whole.slice(0, cut + 1);
    },
  };
}
