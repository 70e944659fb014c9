import { expect, test } from "vitest";
import MarkdownEditor from "../components/MarkdownEditor.svelte";
import { WARM_UP_TEXT, warmUp } from "./warmUp";

test("the editor is built out of sight and out of reach, then taken away with nothing left behind", async () => {
  const before = document.body.innerHTML;
  const done = warmUp(MarkdownEditor, { value: WARM_UP_TEXT, label: "Warm-up", onchange: () => undefined });

  await new Promise((built) => setTimeout(built, 0)); // after the set-up, before the next frame
  const host = document.body.lastElementChild as HTMLElement;
  const built = host.shadowRoot?.querySelector('[aria-label="Warm-up"]');
  expect(built?.textContent, "built with the text").toContain("What happened");
  expect(document.querySelector('[aria-label="Warm-up"]'), "out of reach of the page's look-ups").toBeNull();
  expect(host.getAttribute("aria-hidden"), "hidden from assistive technology").toBe("true");
  expect(host.inert, "and from the keyboard and the mouse").toBe(true);
  expect(host.style.visibility).toBe("hidden");

  await done;
  expect(document.querySelector('[aria-label="Warm-up"]')).toBeNull();
  expect(document.body.innerHTML, "the page is as it was").toBe(before);
});
