import { RULES, RULE_CATALOGUE_URL, RULE_IDS, ruleHelpUri } from '../core/rules';
import type { Finding, PostingAnalysis, Severity } from '../core/types';

export interface FileReport {
  /** Path as given or found, relative to the working folder. */
  path: string;
  analysis: PostingAnalysis;
}


const COLORS: Record<Severity, string> = { error: '31', warning: '33', information: '36', hint: '90' };

/** `file:line:col severity rule message (owner)`, 1-based like compilers print. */
export function formatText(reports: FileReport[], color: boolean): string {
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const { path, analysis } of reports) {
    for (const f of analysis.findings) {
      const where = `${path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const owner = f.owner ? ` (${f.owner})` : '';
      lines.push(`${paint('1', where)} ${paint(COLORS[f.severity], f.severity)} ${paint('90', f.ruleId)} ${f.message}${owner}`);
    }
  }
  return lines.join('\n');
}

/** "3 postings checked, 2 findings (1 error, 1 warning, no notes); 4 other Markdown files skipped." */
export function summaryLine(reports: FileReport[], notPostings = 0): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const { analysis } of reports) for (const f of analysis.findings) counts[f.severity]++;
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const skipped = notPostings > 0 ? `; ${plural(notPostings, 'other Markdown file')} skipped (not job postings)` : '';
  const checked = `${plural(reports.length, 'posting')} checked`;
  if (total === 0) return `rolefit: ${checked}, no findings${skipped}.`;
  return `rolefit: ${checked}, ${plural(total, 'finding')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.information + counts.hint, 'note')})${skipped}.`;
}

/** "1 posting", "2 postings", "no notes"; `nouns` for plurals that are not noun + s. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  if (count === 0) return `no ${nouns}`;
  return `${count} ${count === 1 ? noun : nouns}`;
}

const GITHUB_COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** GitHub Actions workflow commands: each finding shows as an annotation on its line of the pull request. */
export function formatGithub(reports: FileReport[]): string {
  // https://docs.github.com/actions/reference/workflow-commands-for-github-actions: properties escape % \r \n : , and messages % \r \n.
  const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const lines: string[] = [];
  for (const { path, analysis } of reports) {
    for (const f of analysis.findings) {
      const where = `file=${property(path.split('\\').join('/'))},line=${f.range.start.line + 1},col=${f.range.start.character + 1},endLine=${f.range.end.line + 1},endColumn=${f.range.end.character + 1}`;
      lines.push(`::${GITHUB_COMMAND[f.severity]} ${where},title=${property(`rolefit ${f.ruleId}`)}::${data(f.owner ? `${f.message} (owner: ${f.owner})` : f.message)}`);
    }
  }
  return lines.join('\n');
}

/** The stable JSON shape, version 1 (see the README). */
export function formatJson(reports: FileReport[]): string {
  return JSON.stringify(
    {
      version: 1,
      files: reports.map(({ path, analysis }) => ({
        path,
        roles: analysis.roles,
        roleSource: analysis.roleSource,
        fit: analysis.fit,
        findings: analysis.findings.map((f: Finding) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          range: f.range,
          owner: f.owner ?? null,
          area: f.area ?? null,
          evidence: f.evidence ?? [],
          text: f.text ?? null,
        })),
      })),
    },
    null,
    2,
  );
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0 as GitHub code scanning reads it: 1-based regions, rules with help. */
export function formatSarif(reports: FileReport[], version: string): string {
  const ruleIndex = new Map(RULE_IDS.map((id, index) => [id, index]));
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'rolefit',
              version,
              informationUri: RULE_CATALOGUE_URL,
              rules: RULE_IDS.map((id) => ({
                id,
                name: id,
                shortDescription: { text: RULES[id].summary },
                fullDescription: { text: RULES[id].summary },
                help: { text: RULES[id].help, markdown: RULES[id].help },
                helpUri: ruleHelpUri(id),
                defaultConfiguration: { level: SARIF_LEVEL[RULES[id].defaultSeverity] },
              })),
            },
          },
          columnKind: 'utf16CodeUnits',
          results: reports.flatMap(({ path, analysis }) =>
            analysis.findings.map((f) => ({
              ruleId: f.ruleId,
              ruleIndex: ruleIndex.get(f.ruleId),
              level: SARIF_LEVEL[f.severity],
              message: { text: f.owner ? `${f.message} (owner: ${f.owner})` : f.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: encodeURI(path.split('\\').join('/')), uriBaseId: '%SRCROOT%' },
                    region: {
                      startLine: f.range.start.line + 1,
                      startColumn: f.range.start.character + 1,
                      endLine: f.range.end.line + 1,
                      endColumn: f.range.end.character + 1,
                    },
                  },
                },
              ],
            })),
          ),
        },
      ],
    },
    null,
    2,
  );
}
