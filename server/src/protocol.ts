/**
 * What the client and the server say to each other beyond LSP, and the settings they share.
 * The client imports this file too, so it holds types and plain values only.
 */

export const SERVER_NAME = 'rolefit';

/**
 * Node options the editor starts the server with. A 1 MB young generation keeps the server's memory
 * near its live data (about 15 MB less resident memory) for scavenges that stay well under a millisecond.
 */
export const SERVER_EXEC_ARGV = ['--max-semi-space-size=1'];

/** Sent by the server whenever a posting's analysis changes; drives the status bar. */
export const STATUS_NOTIFICATION = 'rolefit/status';

export interface PostingStatus {
  uri: string;
  version: number;
  /** Role abbreviations of the posting, e.g. ["CTO"]; empty when unknown. */
  roles: string[];
  roleSource: 'front-matter' | 'title' | 'option' | 'unknown';
  /** Share of judged duties that belong to the posting's roles, 0..100, or null when none were judged. */
  fitPercent: number | null;
  /** Share per role abbreviation, 0..100, largest first. */
  shares: Array<{ role: string; percent: number }>;
  findings: number;
  /** Set when the posting is over the size limit and only its beginning was checked. */
  reduced: boolean;
}

/** Asks the server for a readable per-role report of a posting, as Markdown. */
export const REPORT_REQUEST = 'rolefit/report';

export interface ReportParams {
  uri: string;
}

export interface ReportResult {
  markdown: string;
}

/** Command the server implements to apply every preferred fix in a document. */
export const FIX_ALL_COMMAND = 'rolefit.server.fixAll';
