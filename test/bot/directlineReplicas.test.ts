import { EventEmitter } from 'node:events';
import { PostgresChangeFeed } from '../../bot/directline/changeFeed';
import { DirectLineService } from '../../bot/directline/service';
import { SqlDirectLineStore } from '../../bot/directline/store';
import { DirectLineTokens } from '../../bot/directline/tokens';
import { silentLogger } from '../../bot/log';
import type { Database } from '../../cases/db/database';
import { engines, TEST_DATABASE_URL } from '../support/databases';
import { waitFor } from '../support/server';

/** Stands in for a client's WebSocket: records the frames it is sent. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  readonly frames: { activities: { text?: string; id?: string }[]; watermark: string }[] = [];
  send(data: string): void {
    this.frames.push(JSON.parse(data));
  }
  close(): void {
    this.readyState = 3;
    this.emit('close');
  }
}

const postgres = engines().find((e) => e.name === 'postgres');
const run = postgres ? describe : describe.skip;
if (!postgres) console.warn('Direct Line replica test skipped: TEST_DATABASE_URL is not set');

run('two replicas on one PostgreSQL database', () => {
  const opened: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const o of opened.reverse()) await o.close();
  });

  function replica(db: Database, channel: string): DirectLineService {
    const changes = new PostgresChangeFeed(TEST_DATABASE_URL!, silentLogger, channel);
    opened.push(changes, db);
    return new DirectLineService({
      store: new SqlDirectLineStore(db),
      tokens: new DirectLineTokens('replica-test-secret-0123456789abcdef', 600),
      bot: { id: 'bot', name: 'Support' },
      runTurn: async () => undefined,
      serviceUrl: () => 'http://127.0.0.1:1',
      changes,
      log: silentLogger,
    });
  }

  it("a client's stream on replica A gets what replica B stored, in order and once", async () => {
    const { db, reopen } = await postgres!.open();
    const channel = `dl_test_${process.pid}_${Date.now().toString(36)}`;
    const a = replica(db, channel);
    const b = replica(await reopen(), channel);
    const identity = await a.newConversation({ userId: 'carol', tenantId: 'fabrikam', kind: 'demo' });
    const socket = new FakeSocket();
    await a.attach(identity.conversationId, socket as never, 0);
    // Let both listeners be in place before B writes.
    await new Promise((r) => setTimeout(r, 200));

    await b.postFromBot(identity.conversationId, { type: 'message', text: 'first, from B' });
    await b.postFromBot(identity.conversationId, { type: 'message', text: 'second, from B' });
    await a.postFromBot(identity.conversationId, { type: 'message', text: 'third, from A' });

    const texts = () => socket.frames.flatMap((f) => f.activities.map((x) => x.text));
    await waitFor(() => (texts().length >= 3 ? true : undefined), 'three activities on the stream');
    await new Promise((r) => setTimeout(r, 300));
    expect(texts()).toEqual(['first, from B', 'second, from B', 'third, from A']);
    expect(socket.frames[socket.frames.length - 1].watermark).toBe('3');
  });
});
