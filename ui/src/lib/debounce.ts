// Waits until calls stop for `ms` before running `run` with the last
// arguments, so a search runs once per pause in typing, not once per key.

export type Debounced<A extends unknown[]> = {
  (...args: A): void;
  /** Forgets a pending call. */
  cancel(): void;
};

export function debounce<A extends unknown[]>(run: (...args: A) => void, ms: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      run(...args);
    }, ms);
  };
  debounced.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return debounced;
}
