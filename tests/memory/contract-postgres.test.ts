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
