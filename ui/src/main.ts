// The one entry point: global styles, then the app mounted into #app.
import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";

const target = document.getElementById("app");
if (!target) throw new Error("index.html must contain <div id=\"app\">");

export default mount(App, { target });
