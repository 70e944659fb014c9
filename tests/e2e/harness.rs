#![allow(dead_code)] // shared by every end-to-end test file; each uses a part
//! Drives the real Praxis window through WebDriver: `tauri-driver` (which
//! starts `WebKitWebDriver`, which starts the app) on a display (Xvfb in
//! `make test`). Every `App` gets its own data folder and its own driver, and
//! only one runs at a time.
//!
//! Controls are found by role and accessible name (label text, aria-label,
//! button text), never by CSS class, so these tests also hold the UI to
//! being usable with assistive technology.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub const WAIT: Duration = Duration::from_secs(15);

pub struct App {
    pub client: Client,
    pub data_dir: tempfile::TempDir,
    driver: Child,
    /// The app's own XDG_CONFIG_HOME, where it keeps the window's size and
    /// place, unless the test gave one: so no test inherits another's window.
    _config: Option<tempfile::TempDir>,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_praxis-desktop")).parent().unwrap().to_path_buf()
}

fn tauri_driver() -> PathBuf {
    let home_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .map(|c| c.join("bin/tauri-driver"));
    match home_bin {
        Some(path) if path.exists() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}

/// A running process, as /proc tells it.
pub struct Process {
    pub pid: u32,
    pub parent: u32,
    /// Its command name, cut to 15 bytes by the kernel ("WebKitWebProces").
    pub name: String,
}

/// The newest running app of this build, then everything it started
/// (WebKit's web and network processes), parents before children.
pub fn app_processes() -> Vec<Process> {
    let mut all: Vec<Process> = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            let (open, close) = (stat.find('(')?, stat.rfind(')')?);
            let parent = stat[close + 2..].split(' ').nth(1)?.parse().ok()?;
            Some(Process { pid, parent, name: stat[open + 1..close].to_string() })
        })
        .collect();
    let app = std::fs::canonicalize(env!("CARGO_BIN_EXE_praxis-desktop")).unwrap();
    let is_app = |pid: u32| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == app);
    let root = all.iter().map(|p| p.pid).filter(|pid| is_app(*pid)).max().expect("the app is running");
    let mut family = vec![all.remove(all.iter().position(|p| p.pid == root).unwrap())];
    let mut i = 0;
    while i < family.len() {
        let parent = family[i].pid;
        let (children, rest) = all.into_iter().partition(|p| p.parent == parent);
        (all, i) = (rest, i + 1);
        family.extend::<Vec<Process>>(children);
    }
    family
}

/// The `praxis` CLI built next to the app (`cargo build --workspace`).
pub fn praxis_cli(data_dir: &Path, args: &[&str]) -> String {
    let cli = target_dir().join("praxis");
    assert!(cli.exists(), "{} is missing: run `cargo build --workspace` first (make test does)", cli.display());
    let out = Command::new(cli).arg("--data-dir").arg(data_dir).args(args).output().unwrap();
    assert!(out.status.success(), "praxis {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// What `praxis <args> --json` prints, parsed.
pub fn praxis_json(data_dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut args = args.to_vec();
    args.push("--json");
    let out = praxis_cli(data_dir, &args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("praxis {args:?} printed no JSON ({e}): {out}"))
}

/// Adds an entry through the CLI and gives its id.
pub fn add_entry(data_dir: &Path, title: &str, body: &str) -> String {
    let added = praxis_json(data_dir, &["add", "--title", title, "--body", body]);
    added["id"].as_str().expect("`praxis add --json` gives the id").to_string()
}

impl App {
    /// Starts the app on a new, empty data folder.
    pub async fn start() -> App {
        Self::start_in(tempfile::tempdir().unwrap()).await
    }

    /// Starts the app on `data_dir` (which may hold a journal already) and,
    /// for a new journal, confirms the recovery key notice the way a person
    /// would (tests/e2e/privacy.rs looks at the notice itself).
    pub async fn start_in(data_dir: tempfile::TempDir) -> App {
        let app = Self::launch(data_dir).await;
        // The window is up once it shows the journal, a problem, or a key to ask for.
        app.wait_for("//button[normalize-space(.)='New entry'] | //*[@role='alert'] | //h1").await;
        let notice = "//button[normalize-space(.)='I have written it down']";
        if let Ok(confirm) = app.client.find(Locator::XPath(notice)).await {
            confirm.click().await.unwrap();
            app.wait_gone(notice).await;
        }
        app
    }

    /// Waits until nothing matches `xpath` any more.
    pub async fn wait_gone(&self, xpath: &str) {
        let deadline = Instant::now() + WAIT;
        while self.client.find(Locator::XPath(xpath)).await.is_ok() {
            assert!(Instant::now() < deadline, "{xpath} was still there after {WAIT:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Starts the app on `data_dir` and returns as soon as the window is
    /// reachable, whatever it shows.
    pub async fn launch(data_dir: tempfile::TempDir) -> App {
        Self::launch_with(data_dir, &[]).await
    }

    /// [`App::launch`] with more environment for the app (e.g. no session bus).
    pub async fn launch_with(data_dir: tempfile::TempDir, envs: &[(&str, &str)]) -> App {
        let turn = ONE_AT_A_TIME.lock().await;
        assert!(
            std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
            "the end-to-end tests need a display: run them with `make test` (Xvfb)"
        );
        let port = free_port();
        let native_port = free_port();
        let mut command = Command::new(tauri_driver());
        command
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("PRAXIS_DATA_DIR", data_dir.path())
            .envs(envs.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        let config = (!envs.iter().any(|(name, _)| *name == "XDG_CONFIG_HOME")).then(|| {
            let config = tempfile::tempdir().unwrap();
            command.env("XDG_CONFIG_HOME", config.path());
            config
        });
        // Its own process group, so ending the group also ends WebKitWebDriver.
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let driver = command.spawn().expect("tauri-driver must be installed: `cargo install tauri-driver --locked`");
        let deadline = Instant::now() + WAIT;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not start listening");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert("tauri:options".into(), serde_json::json!({ "application": env!("CARGO_BIN_EXE_praxis-desktop") }));
        // tauri-driver listens before WebKitWebDriver behind it is ready: retry.
        let client = loop {
            let attempt = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await;
            match attempt {
                Ok(client) => break client,
                Err(err) if Instant::now() < deadline => {
                    let _ = err;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(err) => panic!("no WebDriver session with the app: {err}"),
            }
        };
        App { client, data_dir, driver, _config: config, _turn: turn }
    }

    pub async fn wait_for(&self, xpath: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(xpath))
            .await
            .unwrap_or_else(|e| panic!("nothing matched {xpath} within {WAIT:?}: {e}"))
    }

    /// A button by its accessible name (its text or aria-label), or the start of it.
    pub async fn button(&self, name: &str) -> Element {
        self.wait_for(&format!(
            "//button[normalize-space(.)={q} or starts-with(@aria-label, {q}) or starts-with(normalize-space(.), {q})]",
            q = xpath_literal(name)
        ))
        .await
    }

    /// A form control by its label (a <label for>, a wrapping <label>, or aria-label).
    pub async fn field(&self, label: &str) -> Element {
        let q = xpath_literal(label);
        self.wait_for(&format!(
            "//*[(self::input or self::textarea or self::select or @contenteditable='true' or @role='textbox') and \
             (@aria-label={q} or @id=//label[normalize-space(.)={q}]/@for)] | \
             //label[normalize-space(text())={q}]//*[self::input or self::textarea or self::select]"
        ))
        .await
    }

    /// A list by its accessible name.
    pub async fn list(&self, name: &str) -> Element {
        self.wait_for(&format!(
            "//*[(self::ul or self::ol or @role='list' or @role='listbox') and @aria-label={}]",
            xpath_literal(name)
        ))
        .await
    }

    /// The text a person sees in the window (hidden elements excluded).
    pub async fn visible_text(&self) -> String {
        self.client.find(Locator::XPath("//body")).await.unwrap().text().await.unwrap_or_default()
    }

    /// Waits until the page shows `text` somewhere.
    pub async fn wait_for_text(&self, text: &str) -> Element {
        self.wait_for(&format!("//*[contains(normalize-space(text()), {})]", xpath_literal(text))).await
    }

    /// Closes the app and starts it again on the same data folder.
    pub async fn restart(self) -> App {
        self.restart_with(&[]).await
    }

    pub async fn restart_with(mut self, envs: &[(&str, &str)]) -> App {
        let _ = self.client.clone().close().await;
        self.stop_driver();
        let data_dir = std::mem::replace(&mut self.data_dir, tempfile::tempdir().unwrap());
        drop(self); // also lets the next app take its turn
        App::launch_with(data_dir, envs).await
    }

    /// Closes the app and hands back its data folder, to start it again later.
    pub async fn close_keeping_data(mut self) -> tempfile::TempDir {
        let _ = self.client.clone().close().await;
        self.stop_driver();
        std::mem::replace(&mut self.data_dir, tempfile::tempdir().unwrap())
    }

    /// Types on the keyboard into whatever has the focus, as a person
    /// would: every character pressed and released in turn. `ctrl` holds
    /// Control down the whole time (for shortcuts such as Ctrl+N).
    pub async fn keyboard(&self, text: &str, ctrl: bool) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        const CONTROL: char = '\u{E009}';
        let mut keys = KeyActions::new("keyboard".into());
        if ctrl {
            keys = keys.then(KeyAction::Down { value: CONTROL });
        }
        for c in text.chars() {
            keys = keys.then(KeyAction::Down { value: c }).then(KeyAction::Up { value: c });
        }
        if ctrl {
            keys = keys.then(KeyAction::Up { value: CONTROL });
        }
        self.client.perform_actions(keys).await.unwrap();
    }

    /// Waits until the control with this label holds `needle`; returns its value.
    pub async fn wait_for_value(&self, label: &str, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let value = self.value_of(label).await;
            if value.contains(needle) {
                return value;
            }
            assert!(Instant::now() < deadline, "{label} did not come to hold {needle:?}: {value:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The value of the form control with this label (an input's value, or
    /// the text of a rich text box such as the Markdown editor).
    pub async fn value_of(&self, label: &str) -> String {
        let field = self.field(label).await;
        match field.prop("value").await.unwrap() {
            Some(value) => value,
            None => field.text().await.unwrap_or_default(),
        }
    }

    /// Closes the window as a person does with its close button: the X
    /// server tells the window WM_DELETE_WINDOW, as a window manager would
    /// (WebDriver's own "close window" tears the web view down instead).
    /// Returns once the app has exited.
    pub async fn close_window_like_a_person(&mut self) {
        use x11rb::connection::Connection;
        use x11rb::protocol::xproto::{AtomEnum, ClientMessageEvent, ConnectionExt, EventMask};
        let (conn, screen) = x11rb::connect(None).expect("an X display (Xvfb)");
        let atom = |name: &[u8]| conn.intern_atom(false, name).unwrap().reply().unwrap().atom;
        let (protocols, delete) = (atom(b"WM_PROTOCOLS"), atom(b"WM_DELETE_WINDOW"));
        let root = conn.setup().roots[screen].root;
        let mut sent = 0;
        for window in conn.query_tree(root).unwrap().reply().unwrap().children {
            let name =
                conn.get_property(false, window, AtomEnum::WM_NAME, AtomEnum::ANY, 0, 64).unwrap().reply().unwrap();
            if name.value != b"Praxis" {
                continue;
            }
            let event = ClientMessageEvent::new(32, window, protocols, [delete, x11rb::CURRENT_TIME, 0, 0, 0]);
            conn.send_event(false, window, EventMask::NO_EVENT, event).unwrap();
            sent += 1;
        }
        conn.flush().unwrap();
        assert!(sent > 0, "no window named Praxis on the display");
        let deadline = Instant::now() + WAIT;
        while app_running() {
            assert!(Instant::now() < deadline, "the app did not exit after its window was closed");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Saves what the window shows as a PNG (for looking at the UI).
    pub async fn screenshot(&self, path: &Path) {
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(path, png).unwrap();
    }

    pub async fn quit(mut self) {
        let _ = self.client.clone().close().await;
        self.stop_driver();
    }

    /// Ends tauri-driver's whole process group (the driver, WebKitWebDriver,
    /// the app and WebKit's helpers). tauri-driver ignores SIGTERM, so after
    /// a short grace period the group is killed.
    fn stop_driver(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.driver.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.driver.wait();
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // A failed test still ends its driver and app.
        if self.driver.try_wait().ok().flatten().is_none() {
            self.stop_driver();
        }
    }
}

/// Whether the app (this test build of praxis-desktop) is still running.
fn app_running() -> bool {
    Command::new("pgrep")
        .args(["-f", env!("CARGO_BIN_EXE_praxis-desktop")])
        .stdout(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// `text` as an XPath string literal, whatever quotes it holds.
pub fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}
