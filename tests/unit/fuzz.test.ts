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
import { builtinKnowledge } from '../../server/src/knowledge/builtin';
import { anyPosting, fuzzRuns, fuzzSeed, mutation, postingWithForeignDuties, unicodeText, mutate, generatedPosting } from '../fixtures/arbitraries';

const RUNS = fuzzRuns(1000);
const lexicon = new Lexicon(builtinKnowledge());
const strictness = fc.constantFrom<Strictness>('balanced', 'balanced', 'lenient', 'strict');

/** Runs a property, logs how many runs it had and how long they took, so CI logs show both. */
function check<T>(name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, runs = RUNS): void {
  const started = performance.now();
  fc.assert(fc.property(arbitrary, predicate), { numRuns: runs, seed: fuzzSeed(), includeErrorInReport: true });
  console.log(`fuzz: ${name}: ${runs} runs in ${Math.round(performance.now() - started)} ms`);
}

const document = (text: string) => TextDocument.create('file:///fuzz.md', 'markdown', 1, text);

/** A position is inside the text and not between the two halves of a surrogate pair. */
function assertPositionInside(lines: string[], position: Range['start'], what: string): void {
  assert.ok(Number.isInteger(position.line) && position.line >= 0 && position.line < lines.length, `${what}: line ${position.line} of ${lines.length}`);
  const line = lines[position.line];
  const { character } = position;
  assert.ok(Number.isInteger(character) && character >= 0 && character <= line.length, `${what}: character ${character} of ${line.length} on line ${position.line}`);
  const before = line.charCodeAt(character - 1);
  const at = line.charCodeAt(character);
  assert.ok(!(before >= 0xd800 && before <= 0xdbff && at >= 0xdc00 && at <= 0xdfff), `${what}: ${position.line}:${character} splits a surrogate pair`);
}

function assertRangeInside(lines: string[], range: Range, what: string): void {
  assertPositionInside(lines, range.start, `${what} start`);
  assertPositionInside(lines, range.end, `${what} end`);
  const { start, end } = range;
  assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${what}: ends before it starts`);
}

function assertAnalysisInside(text: string, analysis: PostingAnalysis): void {
  const lines = splitLines(text);
  for (const finding of analysis.findings) assertRangeInside(lines, finding.range, finding.ruleId);
  for (const item of analysis.items) {
    assertRangeInside(lines, item.range, 'item');
    assert.ok(item.line <= item.range.start.line && item.range.end.line <= item.endLine && item.endLine < lines.length, 'item lines');
  }
  if (analysis.title) assertRangeInside(lines, analysis.title.range, 'title');
}

function assertParsedInside(text: string): void {
  const posting = parsePosting(text);
  const lines = splitLines(text);
  assert.equal(posting.lines.length, lines.length);
  for (const item of posting.items) assertRangeInside(lines, item.range, 'parsed item');
  for (const problem of posting.frontMatterProblems) assertRangeInside(lines, problem.range, 'front matter problem');
  if (posting.roleValue) assertRangeInside(lines, posting.roleValue.range, 'role value');
  if (posting.title) assertRangeInside(lines, posting.title.range, 'parsed title');
  for (const section of posting.sections) assert.ok(section.line < lines.length && section.endLine < lines.length, 'section lines');
  for (const directive of posting.directives) assert.ok(directive.line >= 0 && directive.line < lines.length, 'directive line');
}

describe('fuzzed postings', () => {
  it(`never throw, keep every range inside the document and analyze deterministically (${RUNS} runs)`, () => {
    const options = fc.record({ strictness, maxCharacters: fc.option(fc.oneof(fc.nat(400), fc.constant(0)), { freq: 4 }) });
    check('ranges and determinism', fc.tuple(anyPosting({ huge: true }), options), ([text, { strictness: level, maxCharacters }]) => {
      assertParsedInside(text);
      const analyzeOptions = maxCharacters === null ? {} : { maxCharacters };
      const first = analyzePosting(text, new Classifier(lexicon, level), analyzeOptions);
      assertAnalysisInside(text, first);
      const second = analyzePosting(text, new Classifier(new Lexicon(lexicon.knowledge), level), analyzeOptions);
      assert.deepEqual(second, first);
    });
  });

  it(`analyze after any sequence of edits as they do from scratch, cached judgements or not (${RUNS} runs)`, () => {
    const edit = fc.record({
      // Offsets cover the whole text; positions may also point past a line's end, as clients sometimes send.
      at: fc.oneof(fc.record({ offset: fc.nat() }), fc.record({ line: fc.nat(60), character: fc.nat(200) })),
      length: fc.nat(60),
      text: fc.oneof(unicodeText, fc.constantFrom('', '\n', '\r\n', '\r', '- Own the ERP.\n', '## Collaboration\n', '---\n', '<!-- rolefit-disable -->\n'), mutation.map((m) => m.chunk)),
    });
    check('incremental edits', fc.tuple(anyPosting(), fc.array(edit, { minLength: 1, maxLength: 20 }), strictness), ([initial, edits, level]) => {
      const cached = new Classifier(lexicon, level);
      let doc = document(initial);
      let analysis = analyzePosting(doc.getText(), cached);
      for (const { at, length, text } of edits) {
        const start = 'offset' in at ? doc.positionAt(at.offset % (doc.getText().length + 1)) : at;
        const end = doc.positionAt(doc.offsetAt(start) + length);
        doc = TextDocument.update(doc, [{ range: { start, end }, text }], doc.version + 1);
        analysis = analyzePosting(doc.getText(), cached);
      }
      assert.deepEqual(analysis, analyzePosting(doc.getText(), new Classifier(lexicon, level)));
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

const foreignDuties = (text: string, level: Strictness) => analyzePosting(text, new Classifier(lexicon, level)).findings.filter((f) => f.ruleId === 'role.foreign-duty').length;

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
    if (fix.title.startsWith('Replace')) {
      const { start, end } = finding.range;
      const replaced = old[start.line].slice(0, start.character) + data.replacement + old[end.line].slice(end.character);
      assert.deepEqual(next, [...old.slice(0, start.line), replaced, ...old.slice(end.line + 1)], what);
      assert.ok(start.line >= itemLine && end.line <= itemEndLine, what);
    } else if (fix.title.startsWith('Remove')) {
      assert.deepEqual(next, withoutLines(text, itemLine, itemEndLine), what);
    } else if (fix.title.startsWith('Ignore')) {
      assert.deepEqual(next, [...old.slice(0, itemLine), `${old[itemLine].slice(0, data.markerColumn)}<!-- rolefit-disable-next-line role.foreign-duty -->`, ...old.slice(itemLine)], what);
      assert.equal(foreignDuties(after, level), foreignDuties(text, level) - 1, `${what} did not silence the item`);
    } else if (fix.title.startsWith('Reword')) {
      // The item's lines go; everything else stays, and only the new section and bullet come in.
      const rest = withoutLines(text, itemLine, itemEndLine);
      const moved = lineDiff(rest.join('\n'), next.join('\n'));
      assert.deepEqual(moved.removed, [], `${what} changed lines besides the item's`);
      assert.deepEqual(moved.inserted.filter((line) => line.startsWith('- ')), [`- ${data.partnership}`], what);
      for (const line of moved.inserted) assert.match(line, /^(|#{2,6} Collaboration|- .*)$/s, `${what} inserted ${JSON.stringify(moved.inserted)}`);
    } else {
      assert.match(fix.title, /^Declare a hybrid role/);
      assertOnlyFrontMatter(old, next, frontMatterEnd, removed, inserted, prefix, what);
    }
  } else if (data.kind === 'set-role') {
    assertOnlyFrontMatter(old, next, frontMatterEnd, removed, inserted, prefix, what);
  } else {
    // Retitle: each edit touches the title line or the front matter, or inserts a title after the front matter.
    for (const edit of fix.edits) {
      const { start, end } = edit.range;
      const touches = (line: number) => line === posting.title?.line || line <= frontMatterEnd;
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
      const analysis = analyzePosting(text, new Classifier(lexicon, level));
      const fixable = analysis.findings.filter((f) => f.fix);
      if (fixable.length === 0) return;
      postings++;
      for (const finding of fixable) {
        for (const fix of fixesFor(text, finding, lexicon, analysis.roles)) {
          assertFixKeepsText(text, finding, fix, level);
          applied++;
        }
      }
      const fixedAll = TextDocument.applyEdits(document(text), fixAllEdits(analysis.findings));
      assertLineEndings(text, fixedAll, 'fix all');
      const left = analyzePosting(fixedAll, new Classifier(lexicon, level)).findings.filter((f) => f.ruleId === 'role.foreign-duty');
      assert.deepEqual(left.map((f) => f.text), [], 'fix all left foreign duties');
    });
    console.log(`fuzz: quick fixes: ${postings} postings with fixes, ${applied} fixes applied`);
    assert.ok(postings > RUNS / 2, `only ${postings} of ${RUNS} postings had a fix`);
  });
});
