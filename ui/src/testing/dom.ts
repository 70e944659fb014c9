// Finding controls the way people and the end-to-end tests do (see
// tests/e2e/harness.rs): by role, label and accessible name, never by CSS
// class. Shared by the window tests; never bundled.
import { EditorView } from "@codemirror/view";

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

/** The Markdown editor (CodeMirror) with this accessible name. */
function editorView(label: string): EditorView {
  const content = document.querySelector<HTMLElement>(`[contenteditable="true"][aria-label="${label}"]`);
  const view = content ? EditorView.findFromDOM(content) : null;
  if (!view) throw new Error(`no text editor labelled ${label}`);
  return view;
}

/** The text in the Markdown editor with this accessible name. */
export const editorText = (label: string) => editorView(label).state.doc.toString();

/** Replaces the text in the Markdown editor, as typing would (one change). */
export function typeInEditor(label: string, value: string) {
  const view = editorView(label);
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value }, userEvent: "input.type" });
}
