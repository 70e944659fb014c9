//! Settings for WebKitGTK's web process, which draws the page and runs its
//! JavaScript. They reach it through its environment (it inherits the
//! app's), so they are set before anything starts, each only where the
//! environment does not name it already: either can be turned back.
//! Measured with 100,000 entries (`make bench-window`, docs/performance.md).

/// - `WEBKIT_DISABLE_COMPOSITING_MODE=1`: the page is drawn without
///   compositing layers. A journal's text needs none, and without a GPU
///   (software rendering) they cost memory and frames: idle memory
///   561 → 427 MB, a scrolling frame 40 → 13 ms.
/// - `JSC_useGenerationalGC=false`: every garbage collection of the page's
///   JavaScript is a full one. With young-generation collections only, what
///   the searches and opens left behind stayed until a full collection that
///   came at no set time: idle memory after use was 277–332 MB, depending on
///   whether one had come. The page's live objects take about 10 MB (what a
///   full collection after use left), so full collections stay short.
pub const WEB_PROCESS_DEFAULTS: [(&str, &str); 2] =
    [("WEBKIT_DISABLE_COMPOSITING_MODE", "1"), ("JSC_useGenerationalGC", "false")];

/// The defaults the environment does not set already.
pub fn missing_defaults(is_set: impl Fn(&str) -> bool) -> Vec<(&'static str, &'static str)> {
    WEB_PROCESS_DEFAULTS.into_iter().filter(|(name, _)| !is_set(name)).collect()
}

/// Sets the defaults for the web process; call before anything starts.
pub fn set_web_process_defaults() {
    if cfg!(target_os = "linux") {
        for (name, value) in missing_defaults(|name| std::env::var_os(name).is_some()) {
            std::env::set_var(name, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_is_set_where_the_environment_names_none() {
        assert_eq!(missing_defaults(|_| false), WEB_PROCESS_DEFAULTS.to_vec());
    }

    #[test]
    fn a_setting_already_in_the_environment_is_kept() {
        let missing = missing_defaults(|name| name == "WEBKIT_DISABLE_COMPOSITING_MODE");
        assert_eq!(missing, vec![("JSC_useGenerationalGC", "false")]);
    }
}
