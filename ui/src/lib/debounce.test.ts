import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { debounce } from "./debounce";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("debounce", () => {
  test("runs once, with the last arguments, after calls stop for the delay", () => {
    const run = vi.fn();
    const later = debounce(run, 150);
    later("m");
    vi.advanceTimersByTime(100);
    later("me");
    vi.advanceTimersByTime(100);
    later("mee");
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(150);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith("mee");
  });

  test("does not run before the delay has passed", () => {
    const run = vi.fn();
    debounce(run, 150)("x");
    vi.advanceTimersByTime(149);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledOnce();
  });

  test("runs again for calls made after a pause", () => {
    const run = vi.fn();
    const later = debounce(run, 150);
    later(1);
    vi.advanceTimersByTime(150);
    later(2);
    vi.advanceTimersByTime(150);
    expect(run.mock.calls).toEqual([[1], [2]]);
  });

  test("cancel forgets the pending call", () => {
    const run = vi.fn();
    const later = debounce(run, 150);
    later("stale");
    later.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).not.toHaveBeenCalled();
  });
});
