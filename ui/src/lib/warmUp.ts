// The first entry opened after the start waits for work that later opens
// skip: the engine compiling the editor's code, and styling its parts for
// the first time. Building one editor out of sight, once the window has
// nothing else to do, does that work before anyone opens an entry.
import { flushSync, mount, unmount, type Component } from "svelte";

/** Mounts `component` out of sight, lets it be styled, laid out and drawn
 *  once, then takes it away again. It lives in a shadow root with copies of
 *  the page's style sheets: no look-up in the page (by selector, by XPath,
 *  by role and name) can find it, and it is hidden from assistive
 *  technology, the keyboard and the mouse. */
export async function warmUp<Props extends Record<string, unknown>>(
  component: Component<Props>,
  props: Props,
): Promise<void> {
  const host = document.createElement("div");
  host.setAttribute("aria-hidden", "true");
  host.inert = true;
  host.style.cssText = "position: fixed; top: 0; left: -10000px; width: 40rem; visibility: hidden";
  const root = host.attachShadow({ mode: "open" });
  const sheets = [...document.querySelectorAll<HTMLElement>('link[rel="stylesheet"], style')].map(
    (sheet) => sheet.cloneNode(true) as HTMLElement,
  );
  // Copies of linked sheets load again (from the cache): wait for them, a second at most.
  const loaded = sheets
    .filter((sheet): sheet is HTMLLinkElement => sheet instanceof HTMLLinkElement)
    .map((link) => new Promise<void>((done) => (link.onload = link.onerror = () => done())));
  const target = document.createElement("div");
  root.append(...sheets, target);
  document.body.append(host);
  try {
    await Promise.race([Promise.all(loaded), new Promise((done) => setTimeout(done, 1000))]);
    const shown = mount(component, { target, props });
    flushSync(); // its onMount (CodeMirror's set-up) runs now, not later
    void target.getBoundingClientRect(); // style and layout, now
    await new Promise(requestAnimationFrame);
    await unmount(shown);
  } finally {
    host.remove();
  }
}

/** A text with the Markdown an entry usually has, for the editor to style. */
export const WARM_UP_TEXT =
  "# What happened\n\nI asked **Sam** to lead the review, and *waited*.\n\n- [ ] ask the team\n- the [plan](plan.md)\n\n> What did I expect?\n";
