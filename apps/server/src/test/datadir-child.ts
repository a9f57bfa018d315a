/**
 * A child process for the data-directory tests (run with tsx):
 *
 *   hold <dir>   opens the embedded database in <dir>, prints `ready <pid>` and waits; SIGTERM
 *                closes the database and exits 0.
 *   write <dir>  opens and migrates <dir>, then records events one committed transaction at a
 *                time, printing `committed <id>` right after each commit, until killed.
 */
import { SYSTEM } from '../platform/auth/actor.js';
import { openDatabase } from '../platform/db/client.js';
import { runMigrations } from '../platform/db/migrate.js';
import { recordEvent } from '../platform/events/outbox.js';

const [mode, dir] = process.argv.slice(2);
if (!dir || (mode !== 'hold' && mode !== 'write')) {
  process.stderr.write('usage: datadir-child.ts hold|write <dir>\n');
  process.exit(2);
}

const database = await openDatabase({ dataDir: dir });
process.on('SIGTERM', () => {
  void database.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});

function print(line: string): Promise<void> {
  return new Promise((resolve) => process.stdout.write(`${line}\n`, () => resolve()));
}

if (mode === 'hold') {
  await print(`ready ${process.pid}`);
  setInterval(() => {}, 1 << 30);
} else {
  await runMigrations(database);
  await print(`ready ${process.pid}`);
  for (;;) {
    const id = await database.db.transaction((tx) => recordEvent(tx, SYSTEM, { workspaceId: null, type: 'workspace.updated' }));
    await print(`committed ${id}`);
  }
}
