/**
 * Property-based tests of the core: generated and mutated postings never throw, never produce a range
 * outside the document, analyze the same way every time and after any edit history, and their quick
 * fixes never corrupt the text. ROLEFIT_FUZZ_RUNS sets the runs per property (default 1000),
 * ROLEFIT_FUZZ_SEED replays a run.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzePosting, Classifier, fixAllEdits, fixesFor, Lexicon, parsePosting, splitLines, type Finding, type Fix, type PostingAnalysis, type Range, type Strictness } from '../../server/src/core';
import { builtinKnowledge, builtinModel } from '../../server/src/knowledge/builtin';
import { assertFixAllKeepsMeaning } from './fixAllProperties';
import { PATHOLOGICAL_POSTINGS } from '../fixtures/pathological';
import { anyPosting, fuzzRuns, fuzzSeed, mutation, postingWithForeignDuties, unicodeText, mutate, generatedPosting } from '../fixtures/arbitraries';

const RUNS = fuzzRuns(1000);
const lexicon = new Lexicon(builtinKnowledge());
const strictness = fc.constantFrom<Strictness>('balanced', 'balanced', 'lenient', 'strict');
const lines = (...parts: string[]) => parts.join('\n');

/** Runs a property, logs how many runs it had and how long they took, so CI logs show both. Examples run first, every time. */
function check<T>(name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, examples: T[] = []): void {
  const started = performance.now();
  fc.assert(fc.property(arbitrary, predicate), { numRuns: RUNS, seed: fuzzSeed(), includeErrorInReport: true, examples: examples.map((example) => [example] as [T]) });
  console.log(`fuzz: ${name}: ${RUNS} runs in ${Math.round(performance.now() - started)} ms`);
}

/** Failures the fuzzing found once, kept as examples so that they stay fixed. */
const FOUND = {
  /** A line of ideographic spaces after an item: markdown-it keeps it in the paragraph, the range ended past the item. */
  unicodeSpaceLine: lines('---', 'role: cto', '---', '## Responsibilities', '- Own the ERP and CRM rollout.', '\u3000', '- Lead the engineering teams.', ''),
  /** A lone \r before the item and a \n after it: removing the item joined them into one \r\n, losing a line. */
  loneCrBeforeItem: lines('---', 'role: cto', '---', '## Responsibilities', '\r- Own the ERP and CRM rollout.', '', '## Requirements', ''),
  /** The same with a blank line between: deleting the line ending before the item instead joined them too. */
  loneCrBeforeBlankLine: lines('---', 'role: cto', '---', '# Chief Technology Officer\r\r', '> - Own the ERP and CRM rollout.', '## Responsibilities', ''),
  /** A heading inside the item ends its section early: the new Collaboration section landed inside the deleted lines. */
  headingInItem: lines('---', 'role: cto', '---', '## Responsibilities', '- Own the ERP and CRM rollout.', '  ## Requirements', ''),
  /** The Collaboration list ends right before the item: the bullet was inserted where the deletion starts. */
  collaborationBeforeItem: lines('---', 'role: cto', '---', '## Collaboration', '', '- Partner with sales.', '  ## Responsibilities', '- Own the ERP and CRM rollout.', ''),
  /** The YAML parser's error position fell between the halves of a surrogate pair. */
  yamlErrorInSurrogatePair: lines('---', 'role: !\u{10000}!str cto', '---', ''),
  /** An item in a block quote: the ignore comment, indented with spaces for the "> > ", became a code block. */
  quotedItem: lines('---', 'role: cto', '---', '', '> > 1. Own the ERP and CRM rollout.', ''),
  /** Prose under a setext heading that opens with a line of ideographic spaces: markdown-it trims that line, and the ignore comment was read on the line before its sentence. */
  proseAfterUnicodeSpaceLine: lines('', '# Chief Technology Officer #', '', 'Responsibilities', '===', '', ' \u3000', 'Own the ERP and CRM rollout.', ''),
};

const document = (text: string) => TextDocument.create('file:///fuzz.md', 'markdown', 1, text);

/** A position is inside the text and not between the two halves of a surrogate pair. */
function assertPositionInside(docLines: string[], position: Range['start'], what: string): void {
  assert.ok(Number.isInteger(position.line) && position.line >= 0 && position.line < docLines.length, `${what}: line ${position.line} of ${docLines.length}`);
  const line = docLines[position.line];
  const { character } = position;
  assert.ok(Number.isInteger(character) && character >= 0 && character <= line.length, `${what}: character ${character} of ${line.length} on line ${position.line}`);
  const before = line.charCodeAt(character - 1);
  const at = line.charCodeAt(character);
  assert.ok(!(before >= 0xd800 && before <= 0xdbff && at >= 0xdc00 && at <= 0xdfff), `${what}: ${position.line}:${character} splits a surrogate pair`);
}

function assertRangeInside(docLines: string[], range: Range, what: string): void {
  assertPositionInside(docLines, range.start, `${what} start`);
  assertPositionInside(docLines, range.end, `${what} end`);
  const { start, end } = range;
  assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${what}: ends before it starts`);
}

function assertAnalysisInside(text: string, analysis: PostingAnalysis): void {
  const docLines = splitLines(text);
  for (const finding of analysis.findings) assertRangeInside(docLines, finding.range, finding.ruleId);
  for (const item of analysis.items) {
    assertRangeInside(docLines, item.range, 'item');
    assert.ok(item.line <= item.range.start.line && item.range.end.line <= item.endLine && item.endLine < docLines.length, 'item lines');
  }
  if (analysis.title) assertRangeInside(docLines, analysis.title.range, 'title');
}

function assertParsedInside(text: string): void {
  const posting = parsePosting(text);
  const docLines = splitLines(text);
  assert.equal(posting.lines.length, docLines.length);
  for (const item of posting.items) assertRangeInside(docLines, item.range, 'parsed item');
  for (const problem of posting.frontMatterProblems) assertRangeInside(docLines, problem.range, 'front matter problem');
  if (posting.roleValue) assertRangeInside(docLines, posting.roleValue.range, 'role value');
  for (const title of [posting.title, ...posting.otherTitles]) if (title) assertRangeInside(docLines, title.range, 'parsed title');
  for (const section of posting.sections) assert.ok(section.line < docLines.length && section.endLine < docLines.length, 'section lines');
  for (const directive of posting.directives) assert.ok(directive.line >= 0 && directive.line < docLines.length, 'directive line');
}

describe('fuzzed postings', () => {
  it(`never throw, keep every range inside the document and analyze deterministically (${RUNS} runs)`, () => {
    const options = fc.record({ strictness, maxCharacters: fc.option(fc.oneof(fc.nat(400), fc.constant(0)), { freq: 4 }) });
    check('ranges and determinism', fc.tuple(anyPosting({ huge: true }), options), ([text, { strictness: level, maxCharacters }]) => {
      assertParsedInside(text);
      const analyzeOptions = maxCharacters === null ? {} : { maxCharacters };
      const first = analyzePosting(text, new Classifier(lexicon, builtinModel(), level), analyzeOptions);
      assertAnalysisInside(text, first);
      const second = analyzePosting(text, new Classifier(new Lexicon(lexicon.knowledge), builtinModel(), level), analyzeOptions);
      assert.deepEqual(second, first);
    }, Object.values(FOUND).map((text): [string, { strictness: Strictness; maxCharacters: number | null }] => [text, { strictness: 'balanced', maxCharacters: null }]));
  });

  it(`analyze after any sequence of edits as they do from scratch, cached judgements or not (${RUNS} runs)`, () => {
    const edit = fc.record({
      // Offsets cover the whole text; positions may also point past a line's end, as clients sometimes send.
      at: fc.oneof(fc.record({ offset: fc.nat() }), fc.record({ line: fc.nat(60), character: fc.nat(200) })),
      length: fc.nat(60),
      text: fc.oneof(unicodeText, fc.constantFrom('', '\n', '\r\n', '\r', '- Own the ERP.\n', '## Collaboration\n', '---\n', '<!-- rolefit-disable -->\n'), mutation.map((m) => m.chunk)),
    });
    check('incremental edits', fc.tuple(anyPosting(), fc.array(edit, { minLength: 1, maxLength: 20 }), strictness), ([initial, edits, level]) => {
      const cached = new Classifier(lexicon, builtinModel(), level);
      let doc = document(initial);
      let analysis = analyzePosting(doc.getText(), cached);
      for (const { at, length, text } of edits) {
        const start = 'offset' in at ? doc.positionAt(at.offset % (doc.getText().length + 1)) : at;
        const end = doc.positionAt(doc.offsetAt(start) + length);
        doc = TextDocument.update(doc, [{ range: { start, end }, text }], doc.version + 1);
        analysis = analyzePosting(doc.getText(), cached);
      }
      assert.deepEqual(analysis, analyzePosting(doc.getText(), new Classifier(lexicon, builtinModel(), level)));
    });
  });
});

/** The line arrays before and after a fix, and what the fix may have touched. */
function lineDiff(before: string, after: string) {
  const old = splitLines(before);
  const next = splitLines(after);
  let prefix = 0;
  while (prefix < old.length && prefix < next.length && old[prefix] === next[prefix]) prefix++;
  let suffix = 0;
  while (suffix < old.length - prefix && suffix < next.length - prefix && old[old.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
  return { old, next, removed: old.slice(prefix, old.length - suffix), inserted: next.slice(prefix, next.length - suffix), prefix };
}

/** `after` is `before` with its lines first..last taken out, and nothing else changed. */
function withoutLines(before: string, first: number, last: number): string[] {
  const old = splitLines(before);
  const rest = [...old.slice(0, first), ...old.slice(last + 1)];
  return rest.length === 0 ? [''] : rest;
}

function assertLineEndings(before: string, after: string, what: string): void {
  const crlf = before.includes('\r\n') && !/\r(?!\n)|(?<!\r)\n/.test(before);
  if (crlf) assert.doesNotMatch(after, /\r(?!\n)|(?<!\r)\n/, `${what} put a bare line ending into a CRLF document`);
  if (!before.includes('\r')) assert.ok(!after.includes('\r'), `${what} put a \\r into a LF document`);
}

/** One classifier per strictness for the checks below: its cache only speeds them up, judgements are the same. */
const classifiers = new Map<Strictness, Classifier>();
const classifierFor = (level: Strictness) => classifiers.get(level) ?? classifiers.set(level, new Classifier(lexicon, builtinModel(), level)).get(level)!;
const foreignDuties = (text: string, level: Strictness) => analyzePosting(text, classifierFor(level)).findings.filter((f) => f.ruleId === 'role.foreign-duty').length;

function assertFixKeepsText(text: string, finding: Finding, fix: Fix, level: Strictness): void {
  const after = TextDocument.applyEdits(document(text), fix.edits);
  const what = `"${fix.title}" for ${finding.ruleId} at line ${finding.range.start.line}`;
  assert.doesNotThrow(() => parsePosting(after), what);
  assertLineEndings(text, after, what);
  const posting = parsePosting(text);
  const frontMatterEnd = posting.frontMatter?.endLine ?? -1;
  const { old, next, removed, inserted, prefix } = lineDiff(text, after);
  const data = finding.fix!;

  if (data.kind === 'foreign-duty') {
    const { itemLine, itemEndLine } = data;
    const { start, end } = finding.range;
    if (fix.title.startsWith('Make it a partnership')) {
      // Every word of the item stays, after the partnership with its owner; nothing outside the item changes.
      assert.deepEqual([...old.slice(0, start.line), ...old.slice(end.line + 1)], [...next.slice(0, start.line), ...next.slice(next.length - (old.length - end.line - 1))], `${what} changed other lines`);
      const before = TextDocument.create('file:///b.md', 'markdown', 1, text).getText(finding.range);
      const after = next.slice(start.line, next.length - (old.length - end.line - 1)).join('\n');
      assert.ok(after.includes(`In partnership with the ${data.ownerAbbreviation}, `), what);
      for (const word of before.split(/\s+/).filter(Boolean).slice(1)) assert.ok(after.includes(word), `${what} lost "${word}"`);
    } else if (fix.title.startsWith('Replace')) {
      const replaced = old[start.line].slice(0, start.character) + data.replacement + old[end.line].slice(end.character);
      assert.deepEqual(next, [...old.slice(0, start.line), replaced, ...old.slice(end.line + 1)], what);
      assert.ok(start.line >= itemLine && end.line <= itemEndLine, what);
    } else if (fix.title.startsWith('Remove')) {
      if (data.prose) {
        // The sentence goes, with a space beside it; every other character stays.
        const squeeze = (value: string) => value.replace(/\s+/g, '');
        const doc = TextDocument.create('file:///b.md', 'markdown', 1, text);
        const [from, to] = [doc.offsetAt(start), doc.offsetAt(end)];
        assert.equal(squeeze(after), squeeze(text.slice(0, from) + text.slice(to)), what);
      } else assert.deepEqual(next, withoutLines(text, itemLine, itemEndLine), what);
    } else if (fix.title.startsWith('Ignore')) {
      if (data.prose) assert.deepEqual(next.filter((_, i) => i !== end.line), old.filter((_, i) => i !== end.line), what);
      else assert.deepEqual(next, [...old.slice(0, itemLine), `${old[itemLine].slice(0, data.markerColumn)}<!-- rolefit-disable-next-line role.foreign-duty -->`, ...old.slice(itemLine)], what);
      assert.ok(foreignDuties(after, level) < foreignDuties(text, level), `${what} did not silence the item`);
    } else {
      assert.match(fix.title, /^Declare a hybrid role/);
      assertOnlyFrontMatter(old, next, frontMatterEnd, removed, inserted, prefix, what);
    }
  } else if (data.kind === 'set-role') {
    assertOnlyFrontMatter(old, next, frontMatterEnd, removed, inserted, prefix, what);
  } else {
    // Retitle: each edit touches the title line that named the role or the front matter, or inserts a title after the front matter.
    const titleLine = data.titleLine;
    assert.ok(titleLine < 0 || [posting.title, ...posting.otherTitles].some((t) => t?.line === titleLine), `${what}: line ${titleLine} is no title`);
    for (const edit of fix.edits) {
      const { start, end } = edit.range;
      const touches = (line: number) => line === titleLine || line <= frontMatterEnd;
      const insertsTitle = start.line === end.line && start.character === end.character && start.line === frontMatterEnd + 1 && edit.newText.startsWith('# ');
      assert.ok(insertsTitle || (touches(start.line) && touches(end.line) && (start.line === end.line || end.line <= frontMatterEnd)), `${what} edits ${JSON.stringify(edit)}`);
    }
  }
}

/** Role fixes touch the front matter only, or add one before everything else. */
function assertOnlyFrontMatter(old: string[], next: string[], frontMatterEnd: number, removed: string[], inserted: string[], prefix: number, what: string): void {
  if (frontMatterEnd < 0) {
    assert.deepEqual(next.slice(3), old, what);
    assert.equal(next[0], '---', what);
    assert.equal(next[2], '---', what);
    return;
  }
  assert.ok(prefix + removed.length <= frontMatterEnd, `${what} changed lines after the front matter: ${JSON.stringify(removed)} → ${JSON.stringify(inserted)}`);
}

describe('fuzzed words', () => {
  it(`never split a surrogate pair and never overlap (${RUNS} runs)`, () => {
    const piece = fc.oneof(unicodeText, fc.constantFrom("'", '’', "'s", '𝔡𝔞𝔱𝔞', 'CIO', ' ', '𝐀'));
    check('words', fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join('')), (text) => {
      let previousEnd = 0;
      for (const word of lexicon.words(text)) {
        assert.ok(word.start >= previousEnd && word.end > word.start && word.end <= text.length, JSON.stringify(word));
        for (const offset of [word.start, word.end]) {
          const before = text.charCodeAt(offset - 1);
          const at = text.charCodeAt(offset);
          assert.ok(!(before >= 0xd800 && before <= 0xdbff && at >= 0xdc00 && at <= 0xdfff), `a word boundary at ${offset} splits a surrogate pair`);
        }
        previousEnd = word.end;
      }
    }, ["CIO's\u{1D400}"]);
  });
});

describe('fuzzed quick fixes', () => {
  it(`never corrupt the text, keep line endings, and fix-all removes every foreign duty (${RUNS} runs)`, () => {
    let postings = 0;
    let applied = 0;
    const arbitrary = fc.oneof(
      { weight: 4, arbitrary: postingWithForeignDuties() },
      { weight: 1, arbitrary: fc.tuple(postingWithForeignDuties(), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([text, mutations]) => mutate(text, mutations)) },
      { weight: 1, arbitrary: generatedPosting() },
    );
    check('quick fixes', fc.tuple(arbitrary, strictness), ([text, level]) => {
      const analysis = analyzePosting(text, classifierFor(level));
      const fixable = analysis.findings.filter((f) => f.fix);
      if (fixable.length === 0) return;
      postings++;
      for (const finding of fixable) {
        for (const fix of fixesFor(text, finding, lexicon, analysis.roles)) {
          assertFixKeepsText(text, finding, fix, level);
          applied++;
        }
      }
      const fixedAll = TextDocument.applyEdits(document(text), fixAllEdits(text, analysis.findings));
      assertLineEndings(text, fixedAll, 'fix all');
      assertFixAllKeepsMeaning(text, fixedAll, analysis, 'fix all');
      const left = analyzePosting(fixedAll, classifierFor(level)).findings.filter((f) => f.ruleId === 'role.foreign-duty');
      assert.deepEqual(left.map((f) => f.text), [], 'fix all left foreign duties');
    }, Object.values(FOUND).map((text): [string, Strictness] => [text, 'balanced']));
    console.log(`fuzz: quick fixes: ${postings} postings with fixes, ${applied} fixes applied`);
    assert.ok(postings > RUNS / 2, `only ${postings} of ${RUNS} postings had a fix`);
  });
});

describe('pathological postings', () => {
  // How long each takes is measured by `npm run bench`; here they must simply finish, with sane ranges.
  for (const [name, text] of Object.entries(PATHOLOGICAL_POSTINGS)) {
    it(`analyzes ${name}`, { timeout: 60_000 }, () => {
      const analysis = analyzePosting(text, new Classifier(lexicon, builtinModel()));
      const lines = splitLines(text);
      for (const finding of analysis.findings) assert.ok(finding.range.end.line < lines.length, JSON.stringify(finding.range));
    });
  }
});
