import { describe, expect, it } from "vitest";
import { createBulkBatcher } from "./bulk-batcher";

/** A part handed over: here just its records' ids. */
const records = (name: string, n: number) => Array.from({ length: n }, (_, i) => `${name}-${i}`);
const sizeOf = (part: string[]) => part.length;
const noHeartbeat = () => Promise.resolve();

/** A write that records each bulk and finishes only when the test says so. */
function controlledWrite() {
  const bulks: { ids: string[]; finish: (acknowledged: boolean) => void }[] = [];
  const write = (parts: string[][]) =>
    new Promise<boolean>((resolve) => {
      bulks.push({ ids: parts.flat(), finish: resolve });
    });
  return { bulks, write };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("createBulkBatcher", () => {
  it("sends what partitions hand over in the same turn as one bulk request", async () => {
    const { bulks, write } = controlledWrite();
    const batcher = createBulkBatcher({ maxDocs: 100, inFlight: 2, sizeOf, write });
    const a = batcher.index(records("a", 2), noHeartbeat);
    const b = batcher.index(records("b", 3), noHeartbeat);
    await settle();
    expect(bulks.map((bulk) => bulk.ids.length)).toEqual([5]);
    bulks[0]?.finish(true);
    await expect(Promise.all([a, b])).resolves.toEqual([true, true]);
  });

  it("keeps bulks near maxDocs without splitting what one partition handed over", async () => {
    const { bulks, write } = controlledWrite();
    const batcher = createBulkBatcher({ maxDocs: 5, inFlight: 3, sizeOf, write });
    void batcher.index(records("a", 3), noHeartbeat);
    void batcher.index(records("b", 3), noHeartbeat);
    void batcher.index(records("c", 8), noHeartbeat);
    await settle();
    expect(bulks.map((bulk) => bulk.ids)).toEqual([
      ["a-0", "a-1", "a-2"],
      ["b-0", "b-1", "b-2"],
      records("c", 8),
    ]);
  });

  it("holds no more than inFlight bulks at once and sends the rest together after", async () => {
    const { bulks, write } = controlledWrite();
    const batcher = createBulkBatcher({ maxDocs: 2, inFlight: 1, sizeOf, write });
    const a = batcher.index(records("a", 2), noHeartbeat);
    const b = batcher.index(records("b", 1), noHeartbeat);
    const c = batcher.index(records("c", 1), noHeartbeat);
    await settle();
    expect(bulks).toHaveLength(1);
    bulks[0]?.finish(true);
    await a;
    await settle();
    expect(bulks.map((bulk) => bulk.ids)).toEqual([
      ["a-0", "a-1"],
      ["b-0", "c-0"],
    ]);
    bulks[1]?.finish(false);
    await expect(Promise.all([b, c])).resolves.toEqual([false, false]);
  });

  it("counts the records not settled yet and wakes who waits for a bulk to settle", async () => {
    const { bulks, write } = controlledWrite();
    const batcher = createBulkBatcher({ maxDocs: 2, inFlight: 1, sizeOf, write });
    await batcher.nextSettled();
    void batcher.index(records("a", 2), noHeartbeat);
    void batcher.index(records("b", 1), noHeartbeat);
    expect(batcher.pendingRecords()).toBe(3);
    await settle();
    let woken = false;
    const waiting = batcher.nextSettled().then(() => (woken = true));
    await settle();
    expect(woken).toBe(false);
    bulks[0]?.finish(true);
    await waiting;
    expect(batcher.pendingRecords()).toBe(1);
  });

  it("fails every submission of a bulk whose write threw", async () => {
    const batcher = createBulkBatcher({
      maxDocs: 10,
      inFlight: 1,
      sizeOf,
      write: () => Promise.reject(new Error("boom")),
    });
    const a = batcher.index(records("a", 1), noHeartbeat);
    const b = batcher.index(records("b", 1), noHeartbeat);
    await expect(a).rejects.toThrow("boom");
    await expect(b).rejects.toThrow("boom");
  });

  it("keeps every partition's consumer alive while their shared bulk waits", async () => {
    const beats: string[] = [];
    const batcher = createBulkBatcher({
      maxDocs: 10,
      inFlight: 1,
      sizeOf,
      write: async (_batch, heartbeat) => {
        await heartbeat();
        return true;
      },
    });
    await Promise.all([
      batcher.index(records("a", 1), async () => void beats.push("a")),
      batcher.index(records("b", 1), async () => void beats.push("b")),
    ]);
    expect(beats.sort()).toEqual(["a", "b"]);
  });
});
