import { afterEach } from "vitest";
import { takeDown } from "./page";

// jsdom lays nothing out, so it has no ResizeObserver; Svelte's
// bind:clientHeight needs one. This one never reports a size (jsdom's
// sizes are all 0), which is what jsdom would measure anyway.
if (!("ResizeObserver" in globalThis)) {
  class NoLayoutObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  (globalThis as Record<string, unknown>).ResizeObserver = NoLayoutObserver;
}

// CodeMirror measures text through ranges, which jsdom does not lay out.
if (typeof Range !== "undefined" && !Range.prototype.getClientRects) {
  const none = { length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] };
  Range.prototype.getClientRects = () => none as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => new DOMRect(0, 0, 0, 0);
}

// Each test starts on an empty page, without the last test's fake core.
afterEach(takeDown);
