import { describe, expect, it } from "vitest";
import { PartitionCommits } from "./partition-commits";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("PartitionCommits", () => {
  it("commits a partition's offsets in order, each only after every earlier write is acknowledged", async () => {
    const committed: string[] = [];
    const commits = new PartitionCommits(
      () => undefined,
      () => undefined,
    );
    const first = deferred<boolean>();
    const second = deferred<boolean>();
    commits.add("orders:0", first.promise, async () => void committed.push("10"));
    commits.add("orders:0", second.promise, async () => void committed.push("20"));
    commits.add("orders:1", Promise.resolve(true), async () => void committed.push("1:5"));
    second.resolve(true);
    await settle();
    expect(committed).toEqual(["1:5"]);
    first.resolve(true);
    await commits.drain();
    expect(committed).toEqual(["1:5", "10", "20"]);
  });

  it("never commits past a write that was not acknowledged, and says it was lost", async () => {
    const committed: string[] = [];
    const lost: string[] = [];
    const commits = new PartitionCommits(
      () => undefined,
      (key) => lost.push(key),
    );
    commits.add("orders:0", Promise.reject(new Error("bulk broke")), async () => {
      committed.push("10");
    });
    commits.add("orders:0", Promise.resolve(true), async () => void committed.push("20"));
    commits.add("orders:1", Promise.resolve(false), async () => void committed.push("1:5"));
    commits.add("orders:1", Promise.resolve(true), async () => void committed.push("1:9"));
    await commits.drain();
    expect(committed).toEqual([]);
    expect(lost).toEqual(["orders:0"]);
  });

  it("lets a later offset be committed after an earlier commit failed", async () => {
    const committed: string[] = [];
    const errors: unknown[] = [];
    const commits = new PartitionCommits(
      (error) => errors.push(error),
      () => undefined,
    );
    commits.add("orders:0", Promise.resolve(true), () => Promise.reject(new Error("rebalancing")));
    commits.add("orders:0", Promise.resolve(true), async () => void committed.push("20"));
    await commits.drain();
    expect(committed).toEqual(["20"]);
    expect(errors).toHaveLength(1);
  });

  it("starts a partition clean after a drain", async () => {
    const committed: string[] = [];
    const commits = new PartitionCommits(
      () => undefined,
      () => undefined,
    );
    commits.add("orders:0", Promise.resolve(false), async () => void committed.push("10"));
    await commits.drain();
    commits.add("orders:0", Promise.resolve(true), async () => void committed.push("10"));
    await commits.drain();
    expect(committed).toEqual(["10"]);
  });
});
