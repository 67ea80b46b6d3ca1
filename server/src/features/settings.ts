import { DidChangeConfigurationNotification, type ClientCapabilities, type Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../settings';

/**
 * Settings per document, pulled from the client and cached until they change. Clients without
 * workspace/configuration get what didChangeConfiguration pushed, or the defaults.
 */
export class SettingsStore {
  /** Grows on every change, so analyses know when theirs is stale. */
  generation = 0;
  private pullSupported = false;
  private dynamicRegistration = false;
  private pushed: Settings = DEFAULT_SETTINGS;
  private readonly cache = new Map<string, Promise<Settings>>();
  private readonly listeners: Array<() => void> = [];
  private readonly reported = new Set<string>();

  constructor(private readonly connection: Connection) {
    connection.onDidChangeConfiguration((params) => {
      const section = (params.settings as { rolefit?: unknown } | null)?.rolefit;
      const before = JSON.stringify(this.pushed);
      if (section !== undefined) this.pushed = this.parse(section);
      // Nothing was read with the old settings (the client's first notification): no document to re-check.
      const used = this.cache.size > 0 || JSON.stringify(this.pushed) !== before;
      this.cache.clear();
      this.generation++;
      if (used) for (const listener of this.listeners) listener();
    });
  }

  configure(capabilities: ClientCapabilities): void {
    this.pullSupported = Boolean(capabilities.workspace?.configuration);
    this.dynamicRegistration = Boolean(capabilities.workspace?.didChangeConfiguration?.dynamicRegistration);
  }

  registerForChanges(): void {
    if (this.dynamicRegistration) void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'rolefit' });
  }

  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  get(uri: string): Promise<Settings> {
    if (!this.pullSupported) return Promise.resolve(this.pushed);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'rolefit' }).then(
        (raw) => this.parse(raw),
        (error: Error) => {
          this.connection.console.warn(`rolefit: could not read settings (${error.message}); using the defaults.`);
          return this.pushed;
        },
      );
      this.cache.set(uri, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private parse(raw: unknown): Settings {
    const { settings, warnings } = parseSettings(raw);
    for (const warning of warnings) {
      // Each bad value is reported once, not on every keystroke.
      if (this.reported.has(warning)) continue;
      this.reported.add(warning);
      this.connection.console.warn(`Invalid setting ${warning}`);
    }
    return settings;
  }
}
