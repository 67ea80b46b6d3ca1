import type { Connection } from 'vscode-languageserver';

/**
 * Runs a request handler so that an error becomes a log line and an empty answer, never a crashed
 * server: the client restarts a crashing server only a few times before giving up.
 */
export async function guarded<T>(connection: Connection, what: string, fallback: T, handler: () => T | Promise<T>): Promise<T> {
  try {
    return await handler();
  } catch (error) {
    connection.console.error(`rolefit: ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}
