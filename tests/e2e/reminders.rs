//! Reminders while the app runs: an experiment's review on the day it is due
//! and a peer session the day before come up as OS notifications. They are
//! watched on the session bus, where every notification goes
//! (org.freedesktop.Notifications), with dbus-monitor.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::{praxis_cli, App};

/// Everything dbus-monitor prints about notifications, as it arrives.
struct Monitor {
    child: Child,
    seen: Arc<Mutex<String>>,
}

impl Monitor {
    fn start() -> Monitor {
        let mut child = Command::new("dbus-monitor")
            .args(["--session", "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("dbus-monitor must be installed (Debian package dbus-bin), under dbus-run-session");
        let seen = Arc::new(Mutex::new(String::new()));
        let (mut out, sink) = (child.stdout.take().unwrap(), seen.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = out.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        std::thread::sleep(Duration::from_millis(300)); // listening before the app starts
        Monitor { child, seen }
    }

    async fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let seen = self.seen.lock().unwrap().clone();
            if seen.contains(text) {
                return seen;
            }
            assert!(Instant::now() < deadline, "no notification with “{text}” within 30 s; the bus saw:\n{seen}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

impl Drop for Monitor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Xvfb, WebKitWebDriver, tauri-driver and a session bus: run `make test`"]
async fn a_review_due_today_and_a_session_tomorrow_come_up_as_notifications_while_the_app_runs() {
    let dir = tempfile::tempdir().unwrap();
    let today = chrono::Local::now().date_naive();
    let tomorrow = today.succ_opt().unwrap().to_string();
    let today = today.to_string();
    praxis_cli(
        dir.path(),
        &["experiment", "new", "--hypothesis", "If I wait, they decide", "--start", &today, "--review", &today],
    );
    praxis_cli(dir.path(), &["session", "new", "--on", &tomorrow, "--group", "Tuesday set", "--role", "questioner"]);

    let monitor = Monitor::start();
    let app = App::start_in(dir).await;
    let seen = monitor.wait_for("A peer session is tomorrow").await;
    let seen = if seen.contains("An experiment's review is due") {
        seen
    } else {
        monitor.wait_for("An experiment's review is due").await
    };
    for written in ["If I wait, they decide", "Tuesday set"] {
        assert!(!seen.contains(written), "a notification quotes nothing written ({written}):\n{seen}");
    }
    // The Today view lists the same.
    app.button("Today").await.click().await.unwrap();
    app.wait_for("//section[@aria-label='Reviews due']//button[normalize-space(.)='If I wait, they decide']").await;
    app.wait_for("//section[@aria-label='Sessions today or tomorrow']//button[normalize-space(.)='Tuesday set']").await;
    app.quit().await;
}
