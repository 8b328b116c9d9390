import { PostgresMemoryStore } from '../../src/memory/index.js';
import { freshDatabase } from '../helpers/postgres.js';
import { describeMemoryStore } from './contract.js';

describeMemoryStore('PostgreSQL', {
  supports: { sharedHandles: true },
  async create() {
    const url = await freshDatabase('tolk_contract');
    return () => new PostgresMemoryStore(url);
  },
});

// The same contract through the transaction path alone (what writes of more than 1,000 translations, or that write
// one unit twice, take): every other write of the suite above goes as one statement.
describeMemoryStore('PostgreSQL, transactions only', {
  supports: { sharedHandles: true },
  async create() {
    const url = await freshDatabase('tolk_contract_tx');
    return () => new PostgresMemoryStore(url, { oneStatementUpTo: 0 });
  },
});
