// Calls `onidle` once after `minutes` without a key press, click, touch or
// scroll in the window. Returns a function that stops watching.
const ACTIVITY = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;

export function watchIdle(minutes: number, onidle: () => void, target: Window = window): () => void {
  const ms = Math.max(1, minutes) * 60_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(onidle, ms);
  };
  for (const name of ACTIVITY) target.addEventListener(name, restart, { passive: true });
  restart();
  return () => {
    clearTimeout(timer);
    for (const name of ACTIVITY) target.removeEventListener(name, restart);
  };
}
