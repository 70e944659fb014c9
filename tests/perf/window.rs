//! The window's speed and memory with a large journal, measured in the real
//! app through WebDriver (`make bench-window`, under Xvfb). It prints
//! figures and asserts none: timings belong in a report, not in a test.
//!
//! - the timeline's first page after the page starts loading, and after the
//!   process started (cold start to a usable window);
//! - search: from the last keystroke to the results on the page;
//! - opening an entry: from the click to its text in the editor;
//! - the timeline: jumping to its middle, and frame times while scrolling;
//! - memory once idle, after the start and after use: the app and every
//!   WebKit process it started.
//!
//! `PRAXIS_BENCH_ENTRIES` sets the journal's size (100,000 by default).

#[path = "../e2e/harness.rs"]
mod harness;

use std::time::{Duration, Instant};

use harness::{praxis_cli, App};
use serde_json::{json, Value};

const RUNS: usize = 3;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench` asks benches to list themselves
    }
    let count: usize = std::env::var("PRAXIS_BENCH_ENTRIES").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let mut dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    praxis_cli(dir.path(), &["generate", "--count", &count.to_string()]);
    println!("journal: {count} generated entries ({:.1} s to generate)", started.elapsed().as_secs_f64());

    // Cold starts without WebDriver, which holds the first page back while
    // it sets up its session: the app itself says when it is shown.
    let cold: Vec<f64> = (0..RUNS).map(|_| cold_start(dir.path())).collect();
    let (mut after_load, mut driven) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let app = App::start_in(dir).await;
        let (load, start) = first_page(&app).await;
        after_load.push(load);
        driven.push(start);
        dir = app.close_keeping_data().await;
    }
    let app = App::start_in(dir).await;
    first_page(&app).await;
    // Idle once started: the health check and the daily backup (3 s after
    // the first page) have run, nothing has been done in the window yet.
    tokio::time::sleep(Duration::from_secs(20)).await;
    println!("memory once idle after the start:");
    let started_memory = memory_of_app();

    let mut search = Vec::new();
    for query in ["team", "feedb", "delegat", "river"] {
        for _ in 0..RUNS {
            search.push(search_time(&app, query).await);
        }
    }
    clear_search(&app).await;

    let mut open = Vec::new();
    for row in [2, 5, 1, 7, 3, 6, 4, 8] {
        open.push(open_time(&app, row).await);
    }
    let jump = jump_time(&app).await;
    let frames = scroll_frames(&app).await;

    // Left alone for 40 s: the app gives memory back after 30 s without a
    // command (src-tauri/src/memory.rs).
    tokio::time::sleep(Duration::from_secs(40)).await;
    println!("memory once idle after searching, opening and scrolling:");
    let memory = memory_of_app();

    println!();
    report("timeline's first page, after the page started loading", &after_load, "≤ 300 ms");
    report("cold start: process start to the first page on screen", &cold, "≤ 1000 ms");
    report("… the same, started through WebDriver", &driven, "");
    report("search: last keystroke to results on the page", &search, "≤ 100 ms");
    println!("  each search in turn (team, feedb, delegat, river; 3 each): {}", in_turn(&search));
    report("open an entry: click to its text in the editor", &open, "≤ 100 ms");
    println!("  each open in turn: {}", in_turn(&open));
    println!("{:<58} {jump:>7.1} ms", "timeline: jump to the middle, rows filled");
    report("timeline: frame time while scrolling", &frames, "≈ 16.7 ms");
    for (what, m) in [("memory once idle after the start", &started_memory), ("memory once idle after use", &memory)] {
        println!(
            "{what:<58} {:>7.0} MB PSS ({:.0} MB RSS) over {} processes   target ≤ 300 MB",
            m.pss_mb, m.rss_mb, m.processes
        );
    }
    app.quit().await;
}

fn report(what: &str, samples: &[f64], target: &str) {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
    println!(
        "{what:<58} p50 {:>6.1} ms  p95 {:>6.1} ms  max {:>6.1} ms  (n={})   target {target}",
        at(0.5),
        at(0.95),
        sorted[sorted.len() - 1],
        sorted.len()
    );
}

/// Starts the app on `dir` as a person does (no WebDriver), and times its
/// start to the moment the page says its first page is on screen
/// (`window_ready`, reported with PRAXIS_STARTUP_REPORT).
fn cold_start(dir: &std::path::Path) -> f64 {
    use std::io::BufRead;
    let epoch_ms =
        || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs_f64() * 1000.0;
    let started = epoch_ms();
    let mut app = std::process::Command::new(env!("CARGO_BIN_EXE_praxis-desktop"))
        .env("PRAXIS_DATA_DIR", dir)
        .env("PRAXIS_STARTUP_REPORT", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let lines = std::io::BufReader::new(app.stderr.take().unwrap()).lines();
    let shown = lines
        .map_while(Result::ok)
        .find_map(|l| l.strip_prefix("praxis: first page shown at ")?.strip_suffix(" ms")?.parse::<f64>().ok())
        .expect("the app said when its first page was shown");
    let _ = app.kill();
    let _ = app.wait();
    std::thread::sleep(Duration::from_millis(500));
    shown - started
}

async fn script(app: &App, js: &str, args: Vec<Value>) -> Value {
    app.client.execute_async(js, args).await.unwrap_or_else(|e| panic!("{e}\n{js}"))
}

/// (ms from navigation start, ms from process start) to the first page.
async fn first_page(app: &App) -> (f64, f64) {
    let deadline = Instant::now() + harness::WAIT;
    let (page_ms, epoch_ms) = loop {
        let found = app
            .client
            .execute(
                "const m = performance.getEntriesByName('praxis:first-page')[0];
                 return m ? [m.startTime, performance.timeOrigin + m.startTime] : null;",
                vec![],
            )
            .await
            .unwrap();
        if let Some(pair) = found.as_array() {
            break (pair[0].as_f64().unwrap(), pair[1].as_f64().unwrap());
        }
        assert!(Instant::now() < deadline, "the timeline never showed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    (page_ms, epoch_ms - app_started_epoch_ms())
}

/// Types `query` into the search box (a key every 90 ms, as a quick typist)
/// and times the last keystroke to the frame that shows its results.
async fn search_time(app: &App, query: &str) -> f64 {
    clear_search(app).await;
    let ms = script(
        app,
        "const [query, done] = arguments;
         const input = document.querySelector('input[aria-label=\"Search entries\"]');
         input.focus();
         let typed = 0, last = 0;
         const ready = () => {
           const list = document.querySelector('ul[aria-label=\"Entries\"]');
           const line = document.querySelector('p[aria-live=\"polite\"]');
           const status = line?.textContent ?? '';
           return line?.getAttribute('aria-busy') !== 'true' && /match/.test(status);
         };
         const wait = () => ready() ? done(performance.now() - last) : requestAnimationFrame(wait);
         const key = () => {
           typed++;
           input.value = query.slice(0, typed);
           input.dispatchEvent(new Event('input', { bubbles: true }));
           last = performance.now();
           if (typed < query.length) setTimeout(key, 90); else requestAnimationFrame(wait);
         };
         key();",
        vec![json!(query)],
    )
    .await;
    ms.as_f64().unwrap()
}

async fn clear_search(app: &App) {
    script(
        app,
        "const done = arguments[arguments.length - 1];
         const input = document.querySelector('input[aria-label=\"Search entries\"]');
         input.value = '';
         input.dispatchEvent(new Event('input', { bubbles: true }));
         const back = () => {
           const status = document.querySelector('p[aria-live=\"polite\"]')?.textContent ?? '';
           return !/match|Searching/.test(status) && document.querySelector('ul[aria-label=\"Entries\"] li button:not([disabled])');
         };
         const wait = () => back() ? done(0) : requestAnimationFrame(wait);
         requestAnimationFrame(wait);",
        vec![],
    )
    .await;
}

/// Clicks the `row`th entry of the timeline and times it to the frame that
/// shows its title and text in the editor.
async fn open_time(app: &App, row: usize) -> f64 {
    let ms = script(
        app,
        "const [row, done] = arguments;
         const button = document.querySelectorAll('ul[aria-label=\"Entries\"] li button')[row];
         const title = button.querySelector('span').firstChild.textContent.trim();
         const start = performance.now();
         button.click();
         const wait = () => {
           // In the editor, or read-only (coach feedback): its title and its text on the page.
           const field = document.querySelector('input[aria-label=\"Title\"]');
           const text = document.querySelector('[aria-label=\"Body\"]');
           const heading = document.querySelector('#entry-heading');
           const inEditor = field && (field.value.trim() || 'Untitled') === title && text && text.textContent.length > 0;
           const readOnly = heading && heading.textContent.trim() === title && document.querySelector('article .prose');
           if (inEditor || readOnly) return done(performance.now() - start);
           if (performance.now() - start > 5000)
             return done(`not open after 5 s: row ${row} \"${title}\" disabled=${button.disabled}, title field ${JSON.stringify(field?.value)}`);
           requestAnimationFrame(wait);
         };
         wait();",
        vec![json!(row)],
    )
    .await;
    ms.as_f64().unwrap_or_else(|| panic!("{ms}"))
}

/// Jumps the timeline to its middle and times it to the frame whose rows all show entries.
async fn jump_time(app: &App) -> f64 {
    script(
        app,
        "const done = arguments[arguments.length - 1];
         const list = document.querySelector('ul[aria-label=\"Entries\"]');
         const scroller = list.parentElement;
         const start = performance.now();
         scroller.scrollTop = scroller.scrollHeight / 2;
         const wait = () => {
           const rows = list.querySelectorAll('li button');
           const filled = rows.length > 0 && !list.querySelector('li button[disabled]');
           filled ? done(performance.now() - start) : requestAnimationFrame(wait);
         };
         requestAnimationFrame(wait);",
        vec![],
    )
    .await
    .as_f64()
    .unwrap()
}

/// Scrolls the timeline 120 px a frame for 240 frames; the time between frames.
async fn scroll_frames(app: &App) -> Vec<f64> {
    let frames = script(
        app,
        "const done = arguments[arguments.length - 1];
         const scroller = document.querySelector('ul[aria-label=\"Entries\"]').parentElement;
         scroller.scrollTop = 0;
         const gaps = [];
         let last = performance.now();
         const step = (now) => {
           gaps.push(now - last);
           last = now;
           scroller.scrollTop += 120;
           gaps.length < 240 ? requestAnimationFrame(step) : done(gaps.slice(1));
         };
         requestAnimationFrame(step);",
        vec![],
    )
    .await;
    frames.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect()
}

/// When the app's process started, in ms since the epoch (10 ms resolution).
fn app_started_epoch_ms() -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", harness::app_processes()[0].pid)).unwrap();
    // Field 22 (starttime, in clock ticks since boot); fields count from after the ")".
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let ticks: f64 = after.split(' ').nth(19).unwrap().parse().unwrap();
    let boot: f64 = std::fs::read_to_string("/proc/stat")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("btime "))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let hz = 100.0; // USER_HZ on Linux
    (boot + ticks / hz) * 1000.0
}

struct Memory {
    pss_mb: f64,
    rss_mb: f64,
    processes: usize,
}

/// Samples as they were taken, to see which of them is the slow one.
fn in_turn(samples: &[f64]) -> String {
    samples.iter().map(|ms| format!("{ms:.0}")).collect::<Vec<_>>().join(", ")
}

/// PSS and RSS of the app and its descendants (WebKit's web and network processes).
fn memory_of_app() -> Memory {
    let family = harness::app_processes();
    let field_kb = |path: String, name: &str| -> f64 {
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix(name).map(|v| v.trim().trim_end_matches("kB").trim().parse().unwrap_or(0.0)))
            .unwrap_or(0.0)
    };
    let pss: f64 = family.iter().map(|p| field_kb(format!("/proc/{}/smaps_rollup", p.pid), "Pss:")).sum();
    let rss: f64 = family.iter().map(|p| field_kb(format!("/proc/{}/status", p.pid), "VmRSS:")).sum();
    for p in &family {
        let rollup = format!("/proc/{}/smaps_rollup", p.pid);
        println!(
            "  {:<18} {:>6.0} MB PSS ({:.0} MB anonymous, {:.0} MB files)",
            p.name,
            field_kb(rollup.clone(), "Pss:") / 1024.0,
            field_kb(rollup.clone(), "Pss_Anon:") / 1024.0,
            field_kb(rollup, "Pss_File:") / 1024.0
        );
    }
    Memory { pss_mb: pss / 1024.0, rss_mb: rss / 1024.0, processes: family.len() }
}
