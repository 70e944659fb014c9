# The two commands of the README:
#   make run    builds and starts Praxis on your default data folder
#   make test   runs every test: UI type check and unit tests, core, CLI,
#               and the end-to-end tests of the real app under Xvfb
# Both install what they need on Debian/Ubuntu (apt packages, npm packages
# from the lockfile, tauri-driver) the first time.

SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300
BUILD_PACKAGES := libwebkit2gtk-4.1-dev libssl-dev libdbus-1-dev build-essential pkg-config
TEST_PACKAGES := xvfb xauth webkit2gtk-driver dbus-x11 gnome-keyring libsecret-tools age sqlite3
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
# A real Secret Service for the keychain tests: a fresh login keyring (in the
# temporary XDG_DATA_HOME), unlocked with a test password.
KEYRING := echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null

.PHONY: run test build-deps test-deps ui tauri-driver cargo-deny bench bench-window lint bindings

run: build-deps ui
	cargo run -p praxis-desktop

test: build-deps test-deps ui tauri-driver
	cd ui && npm run check && npm test
	cargo build --workspace
	PATH="$(CARGO_BIN):$$PATH" XDG_DATA_HOME="$$(mktemp -d)" xvfb-run -a -s "-screen 0 1280x900x24" \
		dbus-run-session -- sh -c "$(KEYRING) && cargo test --workspace -- --include-ignored"

# With encryption (what Praxis ships), then without (only to measure its cost).
bench:
	cargo bench -p praxis-cli --bench journal
	cargo bench -p praxis-cli --bench journal --features plaintext-benchmark

# The window with 100,000 entries, driven through WebDriver under Xvfb
# (tests/perf/window.rs): first page, cold start, search, opening an entry,
# scrolling and idle memory, printed, on an optimised build.
bench-window: build-deps test-deps ui tauri-driver
	cargo build --profile bench -p praxis-cli
	PATH="$(CARGO_BIN):$$PATH" XDG_DATA_HOME="$$(mktemp -d)" xvfb-run -a -s "-screen 0 1280x900x24" \
		dbus-run-session -- sh -c "$(KEYRING) && cargo bench --bench window"

# Rewrites ui/src/api/bindings.ts from the Rust commands (src-tauri/src/commands/list.rs);
# `make test` fails while the checked-in file is out of date.
bindings:
	PRAXIS_WRITE_BINDINGS=1 cargo test -p praxis-desktop --lib bindings

# The dependency audit covers licences, banned crates and sources; RustSec
# advisories need the advisory database from GitHub, which cannot be reached
# here (see .ci/deny.toml).
lint: cargo-deny
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	PATH="$(CARGO_BIN):$$PATH" cargo deny --config .ci/deny.toml check bans licenses sources

# Installs only what is missing, so a second run costs nothing.
build-deps:
	@missing=$$(for p in $(BUILD_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "Installing $$missing"; $(APT_GET) update -q && $(APT_GET) install -y -q $$missing; fi

test-deps:
	@missing=$$(for p in $(TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "Installing $$missing"; $(APT_GET) update -q && $(APT_GET) install -y -q $$missing; fi

ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund

ui: ui/node_modules/.package-lock.json
	cd ui && npm run build

cargo-deny:
	@command -v cargo-deny >/dev/null || [ -x "$(CARGO_BIN)/cargo-deny" ] || \
		cargo install cargo-deny --locked --version '^0.20'

tauri-driver:
	@command -v tauri-driver >/dev/null || [ -x "$(CARGO_BIN)/tauri-driver" ] || \
		cargo install tauri-driver --locked --version '^2'
