import { describe, expect, it } from "vitest";
import { recentRead } from "./recent-read";

function countingRead() {
  let calls = 0;
  const pending: ((value: number) => void)[] = [];
  return {
    read: () =>
      new Promise<number>((resolve) => {
        calls += 1;
        pending.push(resolve);
      }),
    answer: (value: number) => pending.shift()?.(value),
    calls: () => calls,
  };
}

describe("recentRead", () => {
  it("shares one read among the callers that ask while it runs", async () => {
    const source = countingRead();
    const read = recentRead(source.read, 1_000, () => 0);
    const first = read();
    const second = read();
    source.answer(7);
    expect(await Promise.all([first, second])).toEqual([7, 7]);
    expect(source.calls()).toBe(1);
  });

  it("serves the last answer until it is maxAgeMs old, then reads again", async () => {
    let clock = 0;
    const source = countingRead();
    const read = recentRead(source.read, 1_000, () => clock);
    const first = read();
    source.answer(1);
    await first;
    clock = 999;
    expect(await read()).toBe(1);
    expect(source.calls()).toBe(1);
    clock = 1_000;
    const fresh = read();
    source.answer(2);
    expect(await fresh).toBe(2);
    expect(source.calls()).toBe(2);
  });

  it("keeps no failed read: the next caller asks again", async () => {
    let fail = true;
    const read = recentRead(
      () => (fail ? Promise.reject(new Error("broker away")) : Promise.resolve(3)),
      1_000,
      () => 0,
    );
    await expect(read()).rejects.toThrow("broker away");
    fail = false;
    expect(await read()).toBe(3);
  });
});
