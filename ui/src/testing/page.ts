// Puts a window or a screen into the test page. Whatever was put there is
// taken down after each test (setup.ts), with the fake core, so no test sees
// another's page or commands.
import { mount, unmount, type Component } from "svelte";
import { clearMocks } from "@tauri-apps/api/mocks";

const shown: ReturnType<typeof mount>[] = [];

/** Mounts `component` into the page's body with `props`. */
export function show<Props extends Record<string, unknown>>(component: Component<Props>, props?: Props): void {
  shown.push(mount(component, { target: document.body, props: props ?? ({} as Props) }));
}

/** Unmounts everything shown, empties the page and removes the fake core. */
export function takeDown(): void {
  for (const mounted of shown.splice(0).reverse()) void unmount(mounted);
  document.body.innerHTML = "";
  clearMocks();
}
