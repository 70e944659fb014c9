//! Named failpoints: places inside a multi-step change of the journal's
//! files where a test can make the process stop dead, as a crash or a power
//! cut would, to prove that the next open finishes or undoes what was
//! interrupted.
//!
//! Only builds with debug assertions (the development and test builds) look
//! at `PRAXIS_FAILPOINT`; release builds compile every failpoint to nothing.
//! `PRAXIS_FAILPOINT=rotate:database-rekeyed` aborts the process the first
//! time that point is reached; `…#3` the third time (for a step that runs
//! once per backup).

/// Stops the process here if the environment names this failpoint.
#[inline]
pub fn hit(name: &str) {
    #[cfg(debug_assertions)]
    armed::hit(name);
    #[cfg(not(debug_assertions))]
    let _ = name;
}

#[cfg(debug_assertions)]
mod armed {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::OnceLock;

    /// The failpoint the environment names, and at which hit it fires.
    fn target() -> Option<&'static (String, usize)> {
        static TARGET: OnceLock<Option<(String, usize)>> = OnceLock::new();
        TARGET
            .get_or_init(|| {
                let text = std::env::var("PRAXIS_FAILPOINT").ok()?;
                let (name, nth) = match text.split_once('#') {
                    Some((name, nth)) => (name.to_owned(), nth.parse().ok()?),
                    None => (text, 1),
                };
                Some((name, nth))
            })
            .as_ref()
    }

    pub(super) fn hit(name: &str) {
        static HITS: AtomicUsize = AtomicUsize::new(0);
        let Some((wanted, nth)) = target() else {
            return;
        };
        if wanted == name && HITS.fetch_add(1, Ordering::SeqCst) + 1 == *nth {
            eprintln!("praxis: failpoint {name} reached; stopping as a crash would");
            std::process::abort();
        }
    }
}
