import { describe, expect, it } from "vitest";
import { SignInGate, SignInThrottle, type ThrottleSettings } from "./sign-in-throttle";

const settings: ThrottleSettings = {
  freeFailures: 3,
  firstLockMs: 1_000,
  maxLockMs: 8_000,
  forgetAfterMs: 60_000,
  maxKeys: 100,
};

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("SignInThrottle", () => {
  it("lets the free failures through, then locks for a doubling time up to the cap", () => {
    const time = clock();
    const throttle = new SignInThrottle(settings, time.now);
    const locks: number[] = [];
    for (let i = 0; i < 7; i++) {
      throttle.recordFailure("alice");
      locks.push(throttle.lockedFor("alice"));
      time.advance(throttle.lockedFor("alice"));
    }
    expect(locks).toEqual([0, 0, 1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it("counts down a lock as time passes and lets the key try again when it ends", () => {
    const time = clock();
    const throttle = new SignInThrottle(settings, time.now);
    for (let i = 0; i < 3; i++) throttle.recordFailure("alice");
    time.advance(400);
    expect(throttle.lockedFor("alice")).toBe(600);
    time.advance(600);
    expect(throttle.lockedFor("alice")).toBe(0);
  });

  it("is reset by a success: the next failure is free again", () => {
    const time = clock();
    const throttle = new SignInThrottle(settings, time.now);
    for (let i = 0; i < 4; i++) throttle.recordFailure("alice");
    throttle.recordSuccess("alice");
    throttle.recordFailure("alice");
    expect(throttle.lockedFor("alice")).toBe(0);
  });

  it("forgets failures after a quiet spell", () => {
    const time = clock();
    const throttle = new SignInThrottle(settings, time.now);
    for (let i = 0; i < 2; i++) throttle.recordFailure("alice");
    time.advance(60_001);
    throttle.recordFailure("alice");
    expect(throttle.lockedFor("alice")).toBe(0);
  });

  it("keeps keys apart", () => {
    const throttle = new SignInThrottle(settings, clock().now);
    for (let i = 0; i < 3; i++) throttle.recordFailure("alice");
    expect(throttle.lockedFor("alice")).toBeGreaterThan(0);
    expect(throttle.lockedFor("bob")).toBe(0);
  });

  it("remembers at most maxKeys, forgetting unlocked keys before locked ones", () => {
    const throttle = new SignInThrottle({ ...settings, maxKeys: 3 }, clock().now);
    for (let i = 0; i < 3; i++) throttle.recordFailure("locked");
    for (const key of ["a", "b", "c", "d"]) throttle.recordFailure(key);
    expect(throttle.size).toBe(3);
    expect(throttle.lockedFor("locked")).toBeGreaterThan(0);
  });
});

describe("SignInGate", () => {
  const limits = {
    perUser: settings,
    perAddress: { ...settings, freeFailures: 5 },
  };

  it("locks a username tried from many addresses", () => {
    const gate = new SignInGate(limits, clock().now);
    for (let i = 0; i < 3; i++) gate.failed("alice", `10.0.0.${i}`);
    expect(gate.lockedFor("alice", "10.0.0.99")).toBe(1_000);
    expect(gate.lockedFor("bob", "10.0.0.99")).toBe(0);
  });

  it("locks an address that tries many usernames", () => {
    const gate = new SignInGate(limits, clock().now);
    for (let i = 0; i < 5; i++) gate.failed(`user${i}`, "10.0.0.1");
    expect(gate.lockedFor("someone-else", "10.0.0.1")).toBe(1_000);
    expect(gate.lockedFor("someone-else", "10.0.0.2")).toBe(0);
  });

  it("clears both the username and the address on a success", () => {
    const gate = new SignInGate(limits, clock().now);
    for (let i = 0; i < 2; i++) gate.failed("alice", "10.0.0.1");
    for (let i = 0; i < 4; i++) gate.failed(`user${i}`, "10.0.0.1");
    gate.succeeded("alice", "10.0.0.1");
    gate.failed("alice", "10.0.0.1");
    expect(gate.lockedFor("alice", "10.0.0.1")).toBe(0);
  });
});
