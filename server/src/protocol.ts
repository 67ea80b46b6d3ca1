/**
 * What the client and the server say to each other beyond LSP, and the settings they share.
 * The client imports this file too, so it holds types and plain values only.
 */

import type { RoleSource } from './core/types';

export const SERVER_NAME = 'rolefit';

/**
 * Node options the editor starts the server with. A 1 MB young generation keeps the server's memory
 * near its live data (about 15 MB less resident memory) for scavenges that stay well under a millisecond;
 * one background thread for V8 instead of four holds about 3 MB less, and a language server has no
 * use for more.
 */
export const SERVER_EXEC_ARGV = ['--max-semi-space-size=1', '--v8-pool-size=1'];

/** Where a posting's role came from, as the role report says it: "role from the title". */
export const ROLE_SOURCE_NAMES: Record<RoleSource, string> = { 'front-matter': 'front matter', title: 'title', option: 'command line', unknown: 'nowhere' };

/** Sent by the server whenever a posting's analysis changes; drives the status bar. */
export const STATUS_NOTIFICATION = 'rolefit/status';

export interface PostingStatus {
  uri: string;
  version: number;
  /** False for Markdown that is not a job posting: the status bar shows nothing for it. */
  posting: boolean;
  /** Role abbreviations of the posting, e.g. ["CTO"]; empty when unknown. */
  roles: string[];
  roleSource: RoleSource;
  /** Share of judged duties that belong to the posting's roles, 0..100, or null when none were judged. */
  fitPercent: number | null;
  /** Share per role abbreviation, 0..100, largest first. */
  shares: Array<{ role: string; percent: number }>;
  findings: number;
  /** Set when the posting is over the size limit and only its beginning was checked. */
  reduced: boolean;
}

/** Asks the server for the role report of a posting: shares per role and every item grouped by owner. */
export const REPORT_REQUEST = 'rolefit/report';

export interface ReportParams {
  uri: string;
}

export interface ReportItem {
  /** 0-based line of the item, to reveal it in the editor. */
  line: number;
  character: number;
  text: string;
  /** The owner's duty area, when a role owns it. */
  area?: string;
  /** The finding's message when the item is flagged. */
  flagged?: string;
}

export interface ReportGroup {
  /** "CTO — Chief Technology Officer", "Shared by any executive", "Not clear", "Requirements and other items". */
  heading: string;
  /** The posting's own role. */
  own: boolean;
  items: ReportItem[];
}

export interface ReportResult {
  /** False when the file is not checked as a posting; `message` says why. */
  posting: boolean;
  message?: string;
  title: string;
  /** Role abbreviations of the posting and where they come from. */
  roles: string[];
  roleSource: RoleSource;
  fitPercent: number | null;
  reduced: boolean;
  /** Share of the owner-judged duties per role, the posting's own roles first. */
  shares: Array<{ role: string; name: string; percent: number; own: boolean }>;
  groups: ReportGroup[];
  /** Findings that are not about one item (unknown role, reads like another role, front matter). */
  notes: Array<{ line: number; message: string }>;
  /** The same report as Markdown, for clients without a view of their own. */
  markdown: string;
}

/** Command the server implements to apply every preferred fix in a document. */
export const FIX_ALL_COMMAND = 'rolefit.server.fixAll';
