import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REPORT_REQUEST, ROLE_SOURCE_NAMES, type ReportResult } from '../../server/src/protocol';

/**
 * The role report of a posting in a read-only view beside it: the share of duties per role as a
 * bar chart, the posting's own role first, and every item under its owner with a link to its line.
 * It follows the posting as it is edited, and there is nothing to save.
 */
export class ReportPanel implements vscode.Disposable {
  static readonly viewType = 'rolefit.report';
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    /** Told which posting the report shows while the report has the focus, so the status bar keeps describing it. */
    private readonly onFocus: (uri: vscode.Uri | undefined) => void,
  ) {}

  /** The posting the report shows. */
  get postingUri(): vscode.Uri | undefined {
    return this.panel ? this.uri : undefined;
  }

  async show(uri: vscode.Uri): Promise<void> {
    this.uri = uri;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(ReportPanel.viewType, 'Role report', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, { enableScripts: true, localResourceRoots: [] });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.onFocus(undefined);
      }, undefined, this.subscriptions);
      this.panel.onDidChangeViewState((event) => this.onFocus(event.webviewPanel.active ? this.uri : undefined), undefined, this.subscriptions);
      this.panel.webview.onDidReceiveMessage((message: { line: number; character: number }) => void this.reveal(message.line, message.character), undefined, this.subscriptions);
    } else this.panel.reveal(vscode.ViewColumn.Beside);
    this.onFocus(uri);
    await this.refresh();
  }

  /** Called when a posting's analysis changes: the report follows its posting. */
  changed(uri: string): void {
    if (!this.panel || uri !== this.uri?.toString()) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), 150);
  }

  private async refresh(): Promise<void> {
    const running = this.client();
    if (!this.panel || !this.uri || !running) return;
    const report = await running.sendRequest<ReportResult>(REPORT_REQUEST, { uri: this.uri.toString() });
    if (!this.panel) return;
    const file = this.uri.path.split('/').pop() ?? 'posting';
    this.panel.title = `Role report: ${file}`;
    this.panel.webview.html = reportHtml(report, file, nonce());
  }

  private async reveal(line: number, character: number): Promise<void> {
    if (!this.uri) return;
    const editor = await vscode.window.showTextDocument(this.uri, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    const position = new vscode.Position(line, character);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.panel?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function nonce(): string {
  return Array.from({ length: 24 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'.charAt(Math.floor(Math.random() * 36))).join('');
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The report as a page; the posting's text is escaped and the page runs only its own script. */
export function reportHtml(report: ReportResult, file: string, scriptNonce: string): string {
  const body: string[] = [];
  if (!report.posting) {
    body.push(`<h1>Role report: ${escape(file)}</h1>`, `<p>${escape(report.message ?? '')}</p>`);
  } else {
    body.push(`<h1>${escape(report.title || file)}</h1>`);
    const role = report.roles.length > 0 ? report.roles.join(' / ') : 'unknown';
    body.push(`<p class="summary"><strong>${escape(role)}</strong> posting, role from the ${ROLE_SOURCE_NAMES[report.roleSource]}${report.fitPercent === null ? '' : ` · <strong>fit ${report.fitPercent}%</strong> of the duties with an owner belong to it`}.</p>`);
    if (report.reduced) body.push('<p class="warning">The posting is over the size limit: only its beginning was checked.</p>');
    if (report.shares.length > 0) {
      body.push('<h2>Share of duties per role</h2>', '<table class="chart">');
      for (const share of report.shares) {
        body.push(
          `<tr${share.own ? ' class="own"' : ''}><th title="${escape(share.name)}">${escape(share.role)}</th><td><div class="bar" style="width: ${Math.max(share.percent, 1)}%"></div></td><td class="percent">${share.percent}%</td></tr>`,
        );
      }
      body.push('</table>');
    }
    for (const note of report.notes) body.push(`<p class="note"><a href="#" data-line="${note.line}" data-character="0">Line ${note.line + 1}</a>: ${escape(note.message)}</p>`);
    for (const group of report.groups) {
      body.push(`<h2${group.own ? ' class="own"' : ''}>${escape(group.heading)} <span class="count">${group.items.length}</span></h2>`);
      if (group.items.length === 0) {
        body.push('<p class="empty">No duty of this role yet.</p>');
        continue;
      }
      body.push('<ul>');
      for (const item of group.items) {
        const flag = item.flagged ? ` <span class="flag" title="${escape(item.flagged)}">⚠ belongs to another role</span>` : '';
        const area = item.area ? ` <span class="area">${escape(item.area)}</span>` : '';
        body.push(`<li><a href="#" data-line="${item.line}" data-character="${item.character}">Line ${item.line + 1}</a> ${escape(item.text)}${area}${flag}</li>`);
      }
      body.push('</ul>');
    }
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${scriptNonce}';">
<title>Role report</title>
<style>
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1.5em 2em; line-height: 1.5; }
  h1 { font-size: 1.5em; margin-bottom: 0.2em; }
  h2 { font-size: 1.1em; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: 0.2em; }
  h2.own, tr.own th { color: var(--vscode-textLink-foreground); }
  .count { color: var(--vscode-descriptionForeground); font-weight: normal; }
  table.chart { border-collapse: collapse; width: 100%; max-width: 36em; }
  table.chart th { text-align: left; padding: 0.15em 0.8em 0.15em 0; width: 4em; }
  table.chart td { padding: 0.15em 0; }
  table.chart td.percent { width: 3.5em; text-align: right; color: var(--vscode-descriptionForeground); }
  .bar { height: 0.9em; background: var(--vscode-charts-foreground, var(--vscode-descriptionForeground)); opacity: 0.55; border-radius: 2px; }
  tr.own .bar { background: var(--vscode-charts-blue, var(--vscode-textLink-foreground)); opacity: 1; }
  ul { padding-left: 1.2em; }
  li { margin: 0.35em 0; }
  a { color: var(--vscode-textLink-foreground); text-decoration: none; white-space: nowrap; margin-right: 0.4em; }
  a:hover { text-decoration: underline; }
  .area { color: var(--vscode-descriptionForeground); font-style: italic; margin-left: 0.3em; }
  .flag { color: var(--vscode-editorWarning-foreground); margin-left: 0.3em; }
  .warning, .note { color: var(--vscode-editorWarning-foreground); }
  .empty { color: var(--vscode-descriptionForeground); }
</style>
</head>
<body>
${body.join('\n')}
<script nonce="${scriptNonce}">
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-line]');
    if (!link) return;
    event.preventDefault();
    vscode.postMessage({ line: Number(link.dataset.line), character: Number(link.dataset.character) });
  });
</script>
</body>
</html>`;
}
