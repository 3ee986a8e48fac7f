# Shared settings for the project's scripts; sourced, not run.
# Build output lives outside the clone so a fresh clone (as in CI) reuses it.

HUB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "${HUB_CACHE_DIR:-}" ]; then
    if mkdir -p /var/cache/irh 2>/dev/null && [ -w /var/cache/irh ]; then
        HUB_CACHE_DIR=/var/cache/irh
    else
        HUB_CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/irh"
    fi
fi
mkdir -p "$HUB_CACHE_DIR"
export HUB_ROOT HUB_CACHE_DIR
# cargo-leptos builds (the site and the binary it serves) and plain cargo
# builds (tests, clippy) use different compiler flags, so each keeps its own
# target folder; sharing one would rebuild everything on every switch.
export HUB_LEPTOS_TARGET="$HUB_CACHE_DIR/target"
export HUB_CHECK_TARGET="$HUB_CACHE_DIR/target-test"
export PATH="$HOME/.cargo/bin:$HUB_CACHE_DIR/tools/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# Incremental caches grow with every change and are of no use to a clean
# CI clone; the scripts build without them.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
# Server function URLs carry a hash of the crate's folder unless this is set.
# Without it, two checkouts sharing the build cache (a developer's and CI's
# fresh clone) can leave a WASM whose server-function URLs the server does
# not know (404s after hydration).
export SERVER_FN_OVERRIDE_KEY="${SERVER_FN_OVERRIDE_KEY:-investigation-resources-hub}"

CARGO_LEPTOS_VERSION=0.3.10
BINARYEN_VERSION=132

say() { printf '\n==> %s\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
HUB_APT_UPDATED=0
# Installs the Debian packages that are not installed yet.
apt_install() {
    local missing=()
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "Installing Debian packages: ${missing[*]}"
    if [ "$HUB_APT_UPDATED" = 0 ]; then as_root apt-get update -qq; HUB_APT_UPDATED=1; fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits up to $2 seconds for $1 to answer 200.
wait_for_url() {
    local url="$1" seconds="$2" i
    for ((i = 0; i < seconds * 10; i++)); do
        curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}
