import fs from 'node:fs/promises';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { builtinKnowledge, builtinModel } from './knowledge/builtin';
import { startServer } from './server';

// The transport (--stdio, --node-ipc, --socket=) comes from the command line.
const connection = createConnection(ProposedFeatures.all);

// One bad input must not cost the user their server: log and keep serving.
process.on('uncaughtException', (error) => connection.console.error(`rolefit: unexpected error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`rolefit: unexpected rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

startServer(connection, {
  knowledge: builtinKnowledge(),
  model: builtinModel(),
  async readTextFile(path, maxBytes) {
    const handle = await fs.open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) return { tooLarge: size };
      return { text: await handle.readFile('utf8') };
    } finally {
      await handle.close();
    }
  },
});
connection.listen();
