import { MemoryStateStore, SqlStateStore } from '../../bot/storage/stateStore';
import type { Storage } from 'botbuilder';
import { engines } from '../support/databases';

interface Subject {
  name: string;
  open(): Promise<{ store: Storage; restart?: () => Promise<Storage>; close(): Promise<void> }>;
}

const subjects: Subject[] = [
  { name: 'memory', open: async () => ({ store: new MemoryStateStore(), close: async () => undefined }) },
  ...engines().map((engine) => ({
    name: engine.name,
    async open() {
      const { db, reopen } = await engine.open();
      const opened = [db];
      return {
        store: new SqlStateStore(db),
        restart: async () => {
          await db.close();
          const again = await reopen();
          opened.push(again);
          return new SqlStateStore(again);
        },
        close: async () => {
          for (const d of opened) await d.close().catch(() => undefined);
        },
      };
    },
  })),
];

describe.each(subjects)('bot state storage contract on $name', (subject) => {
  let ctx: Awaited<ReturnType<Subject['open']>>;
  beforeEach(async () => {
    ctx = await subject.open();
  });
  afterEach(async () => {
    await ctx.close();
  });

  it('reads back what it wrote, with an eTag, and nothing for unknown keys', async () => {
    await ctx.store.write({ a: { turns: 1, nested: { lang: 'fr' } } });
    const items = await ctx.store.read(['a', 'missing']);
    expect(items.a).toMatchObject({ turns: 1, nested: { lang: 'fr' } });
    expect(typeof items.a.eTag).toBe('string');
    expect(items.missing).toBeUndefined();
  });

  it('refuses a write with a stale eTag and keeps the newer value', async () => {
    await ctx.store.write({ k: { v: 1 } });
    const first = (await ctx.store.read(['k'])).k;
    const second = { ...first };
    await ctx.store.write({ k: { ...first, v: 2 } });
    await expect(ctx.store.write({ k: { ...second, v: 3 } })).rejects.toThrow(/eTag conflict/);
    expect((await ctx.store.read(['k'])).k.v).toBe(2);
  });

  it('lets exactly one of two concurrent writers with the same eTag win', async () => {
    await ctx.store.write({ k: { v: 0 } });
    const base = (await ctx.store.read(['k'])).k;
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => ctx.store.write({ k: { ...base, v: i + 1 } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const winner = results.findIndex((r) => r.status === 'fulfilled') + 1;
    expect((await ctx.store.read(['k'])).k.v).toBe(winner);
  });

  it("overwrites when the eTag is '*' or absent, as botbuilder's contract says", async () => {
    await ctx.store.write({ k: { v: 1 } });
    await ctx.store.write({ k: { v: 2, eTag: '*' } });
    await ctx.store.write({ k: { v: 3 } });
    expect((await ctx.store.read(['k'])).k.v).toBe(3);
  });

  it('deletes', async () => {
    await ctx.store.write({ k: { v: 1 }, j: { v: 2 } });
    await ctx.store.delete(['k']);
    expect(Object.keys(await ctx.store.read(['k', 'j']))).toEqual(['j']);
  });

  it('keeps data across a restart', async () => {
    if (!ctx.restart) return expect(subject.name).toBe('memory');
    await ctx.store.write({ 'directline/conversations/c1': { conversationData: { turns: 4 } } });
    const again = await ctx.restart();
    expect((await again.read(['directline/conversations/c1']))['directline/conversations/c1']).toMatchObject({ conversationData: { turns: 4 } });
  });
});
