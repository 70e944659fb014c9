//! Gives memory back once the window has been left alone. A search or a
//! long scroll fills the journal's page cache and leaves freed blocks in
//! the allocator's arenas (one per thread that ran a command); neither goes
//! back to the system by itself. After [`IDLE`] without a command, the
//! cache is emptied and the allocator returns its free pages, once per
//! spell of quiet. The next command reads its pages again (8 MB at most).

use std::time::Duration;

use tauri::{AppHandle, Manager, Runtime};

use crate::AppState;

/// How long without a command counts as left alone.
const IDLE: Duration = Duration::from_secs(30);
/// How often the thread looks.
const LOOK_EVERY: Duration = Duration::from_secs(5);

pub fn start<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        let mut watch = Watch::new(state.uses());
        loop {
            std::thread::sleep(LOOK_EVERY);
            if !watch.look(state.uses(), LOOK_EVERY) {
                continue;
            }
            if let Ok(journal) = state.current() {
                let _ = journal.release_memory(); // only a cache: nothing is lost if it stays
            }
            return_free_pages();
        }
    });
}

/// Tells from the count of commands when the window has been left alone.
struct Watch {
    seen: u64,
    quiet: Duration,
    released: bool,
}

impl Watch {
    /// The start counts as use: the health check and the daily backup read
    /// the whole file, and what they leave is given back like the rest.
    fn new(uses: u64) -> Self {
        Watch { seen: uses, quiet: Duration::ZERO, released: false }
    }

    /// One look, `after` the last: whether memory should be given back now.
    fn look(&mut self, uses: u64, after: Duration) -> bool {
        if uses != self.seen {
            (self.seen, self.quiet, self.released) = (uses, Duration::ZERO, false);
            return false;
        }
        self.quiet += after;
        if self.released || self.quiet < IDLE {
            return false;
        }
        self.released = true;
        true
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn return_free_pages() {
    // SAFETY: malloc_trim takes no pointers and only hands free pages of
    // glibc's own arenas back to the kernel; any thread may call it.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_free_pages() {}

#[cfg(test)]
mod tests {
    use super::*;

    const LOOK: Duration = Duration::from_secs(5);

    /// Looks `times` times with no new command: what each look said.
    fn quiet_for(watch: &mut Watch, uses: u64, times: u32) -> Vec<bool> {
        (0..times).map(|_| watch.look(uses, LOOK)).collect()
    }

    #[test]
    fn memory_is_given_back_once_the_window_has_been_left_alone_for_the_idle_time() {
        let mut watch = Watch::new(0);
        assert!(!watch.look(3, LOOK), "a command was just run");
        let looks = quiet_for(&mut watch, 3, 8);
        let first = looks.iter().position(|&release| release).expect("released once quiet");
        assert_eq!(LOOK * (first as u32 + 1), IDLE);
        assert_eq!(looks.iter().filter(|&&release| release).count(), 1, "once per spell of quiet");
    }

    #[test]
    fn a_command_starts_the_quiet_time_again() {
        let mut watch = Watch::new(0);
        let almost = IDLE.as_secs() as u32 / 5 - 1;
        assert!(quiet_for(&mut watch, 1, almost + 1).iter().all(|&r| !r));
        assert!(!watch.look(2, LOOK));
        assert!(quiet_for(&mut watch, 2, almost).iter().all(|&r| !r));
        assert!(watch.look(2, LOOK));
    }

    #[test]
    fn what_the_start_used_is_given_back_once_left_alone_even_before_a_command() {
        let mut watch = Watch::new(7);
        assert_eq!(quiet_for(&mut watch, 7, 20).iter().filter(|&&r| r).count(), 1);
    }

    #[test]
    fn after_a_release_the_next_spell_of_use_is_given_back_too() {
        let mut watch = Watch::new(0);
        assert!(quiet_for(&mut watch, 1, 10).contains(&true));
        assert!(quiet_for(&mut watch, 2, 10).contains(&true));
    }
}
