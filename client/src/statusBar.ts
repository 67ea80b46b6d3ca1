import * as vscode from 'vscode';
import type { PostingStatus } from '../../server/src/protocol';

/** Shows the active posting's role and fit, e.g. "CTO · fit 82%"; a click opens the full report. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('rolefit.status', vscode.StatusBarAlignment.Right, 100);
  private readonly statuses = new Map<string, PostingStatus>();
  private readonly subscriptions: vscode.Disposable[];
  /** The posting whose report has the focus: no text editor is active then, but the report is about it. */
  private reportUri: string | undefined;

  constructor() {
    this.item.name = 'rolefit';
    this.item.command = 'rolefit.showReport';
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((document) => this.statuses.delete(document.uri.toString())),
    ];
  }

  update(status: PostingStatus): void {
    this.statuses.set(status.uri, status);
    this.render();
  }

  showReportOf(uri: vscode.Uri | undefined): void {
    this.reportUri = uri?.toString();
    this.render();
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString() ?? this.reportUri;
    const status = uri ? this.statuses.get(uri) : undefined;
    // Markdown that is not a posting gets no status at all, like any file rolefit does not check.
    if (!status || !status.posting) {
      this.item.hide();
      return;
    }
    const role = status.roles.length > 0 ? status.roles.join('/') : 'role?';
    const fit = status.fitPercent === null ? 'fit —' : `fit ${status.fitPercent}%`;
    this.item.text = `$(person) ${role} · ${fit}${status.reduced ? ' $(warning)' : ''}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(status.roles.length > 0 ? `**rolefit**: ${role} posting (role from the ${status.roleSource.replace('-', ' ')})\n\n` : '**rolefit**: the posting\'s role is unknown\n\n');
    if (status.shares.length > 0) {
      tooltip.appendMarkdown('| Role | Share of duties |\n|:--|--:|\n');
      for (const share of status.shares) tooltip.appendMarkdown(`| ${share.role} | ${share.percent}% |\n`);
    } else tooltip.appendMarkdown('No duties judged yet.\n');
    if (status.reduced) tooltip.appendMarkdown('\n\nThe file is over the size limit (`rolefit.maxFileSize`): only its beginning was checked.');
    tooltip.appendMarkdown('\n\nClick for the full report.');
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
