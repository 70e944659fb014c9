// Numbers said in words people read: "1 entry", "3 entries".

export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

export const entries = (count: number) => plural(count, "entry", "entries");
