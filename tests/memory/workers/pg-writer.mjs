// A separate tolk process writing to a PostgreSQL memory (the race and migration tests start several).
// Usage: node pg-writer.mjs <url> race <k> <segments>   |   node pg-writer.mjs <url> open (waits for a line on stdin)
import { PostgresMemoryStore } from '../../../dist/memory/index.js';

const [url, mode, k, count] = process.argv.slice(2);
const store = new PostgresMemoryStore(url, { maxConnections: 4 });
try {
  if (mode === 'open') {
    // A barrier: every process is loaded before any opens the database, so the migrations really race.
    process.stdout.write('ready\n');
    await new Promise((resolve) => process.stdin.once('data', resolve));
    process.stdin.pause();
    await store.stats();
  } else if (mode === 'race') {
    // Every segment twice: a machine text of this process and the one human text, in an order of our own.
    const writes = [];
    for (let i = 0; i < Number(count); i++) {
      const source = `Wedstrijd ${i} eindigde in een gelijkspel na verlenging.`;
      writes.push({ sourceLanguage: 'nl', targetLanguage: 'af', source, target: `m${k} ${i}`, origin: `engine:e${k}`, status: 'machine' });
      writes.push({ sourceLanguage: 'nl', targetLanguage: 'af', source, target: `human ${i}`, origin: 'human', status: 'translated' });
    }
    let seed = Number(k) * 7919 + 1;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = writes.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [writes[i], writes[j]] = [writes[j], writes[i]];
    }
    // Four batches in flight at once from this process, on four connections.
    const batches = [];
    for (let i = 0; i < writes.length; i += 50) batches.push(writes.slice(i, i + 50));
    const totals = { inserted: 0, updated: 0, unchanged: 0, skipped: 0 };
    let next = 0;
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        while (next < batches.length) {
          const r = await store.write(batches[next++]);
          totals.inserted += r.inserted;
          totals.updated += r.updated;
          totals.unchanged += r.unchanged;
          totals.skipped += r.skipped.length;
        }
      }),
    );
    process.stdout.write(JSON.stringify(totals));
  }
} finally {
  await store.close();
}
