// The one entry point: global styles, the theme chosen at the last start
// (so the lock screen is not shown in the wrong colours first) and the
// desktop's font, then the app mounted into #app.
import { mount } from "svelte";
import "./app.css";
import "./screens.css";
import App from "./App.svelte";
import { desktopFont } from "./api/window";
import { applyDesktopFont, applyStoredTheme } from "./lib/preferences.svelte";

applyStoredTheme();
applyDesktopFont(desktopFont());

const target = document.getElementById("app");
if (!target) throw new Error("index.html must contain <div id=\"app\">");

export default mount(App, { target });
