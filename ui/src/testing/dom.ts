// Finding controls the way people and the end-to-end tests do (see
// tests/e2e/harness.rs): by role, label and accessible name, never by CSS
// class. Shared by the window tests; never bundled.

/** An element's text with its white space collapsed. */
export const text = (node: Node | null | undefined) => (node?.textContent ?? "").replace(/\s+/g, " ").trim();

/** A button by its text (or the start of it) or aria-label, as tests/e2e/harness.rs finds buttons. */
export function button(name: string, within: ParentNode = document): HTMLButtonElement {
  const found = [...within.querySelectorAll("button")].find(
    (b) => text(b) === name || b.getAttribute("aria-label") === name || text(b).startsWith(name),
  );
  if (!found) throw new Error(`no button named ${name}`);
  return found;
}

/** A form control by its <label for> text or aria-label. */
export function field(label: string): HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement {
  const byLabel = [...document.querySelectorAll("label")].find((l) => text(l) === label);
  const found = byLabel ? document.getElementById(byLabel.htmlFor) : document.querySelector(`[aria-label="${label}"]`);
  if (!found) throw new Error(`no field labelled ${label}`);
  return found as HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement;
}

/** Types into a text field, as a person would (one input event). */
export function type(control: HTMLInputElement | HTMLTextAreaElement, value: string) {
  control.value = value;
  control.dispatchEvent(new Event("input", { bubbles: true }));
}

/** Picks an option of a select. */
export function select(control: HTMLSelectElement, value: string) {
  control.value = value;
  control.dispatchEvent(new Event("change", { bubbles: true }));
}

/** A list by its accessible name. */
export const list = (name: string) => document.querySelector<HTMLElement>(`:is(ul, ol, [role="list"])[aria-label="${name}"]`);

export const alertRegion = () => document.querySelector('[role="alert"]');
