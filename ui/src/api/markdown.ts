// Markdown → HTML is the core's job (pulldown-cmark + ammonia), so the UI
// never parses or sanitises Markdown itself.
import { call } from "./ipc";

/** Sanitised HTML: no scripts, styles, raw HTML, remote images or unsafe links. */
export const renderMarkdown = (markdown: string) => call("render_markdown", markdown);
